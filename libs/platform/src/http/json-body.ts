import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { textProblem } from './clean-text.js';
import { problems } from './problem.js';

/** Deeper JSON than this is refused: no event shape comes near it, and recursive readers stay safe. */
export const MAX_JSON_DEPTH = 64;

/**
 * Why a parsed JSON value cannot be taken, or null: nested deeper than MAX_JSON_DEPTH, or a string
 * or key PostgreSQL cannot store (textProblem). The walk is iterative, so no input overflows the stack.
 */
export function jsonProblem(value: unknown): { path: string; message: string } | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value: node, path, depth } = pending.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) return { path: path || '/', message: problem };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { path: path || '/', message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, child] of Object.entries(node)) {
      const childPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: childPath, message: `key ${keyProblem}` };
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * JSON bodies are parsed as Fastify parses them (prototype poisoning refused) and then checked by
 * jsonProblem, so a deep or unstorable body is a 400 problem before any handler sees it.
 */
export function useCheckedJsonParser(app: NestFastifyApplication): void {
  const instance = app.getHttpAdapter().getInstance();
  const parse = instance.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', {}, (request, body, done) => {
    parse(request as Parameters<typeof parse>[0], body.toString('utf8'), (error, parsed) => {
      if (error) return done(error, undefined);
      const problem = jsonProblem(parsed);
      if (problem) return done(problems.validation('The body cannot be accepted.', { errors: [problem] }), undefined);
      done(null, parsed);
    });
  });
}

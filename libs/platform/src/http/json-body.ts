import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { textProblem } from './clean-text.js';
import { jsonPointer } from './json-pointer.js';
import { problems } from './problem.js';

/** Deeper JSON than this is refused: no event shape comes near it, and recursive readers stay safe. */
export const MAX_JSON_DEPTH = 64;

interface Visit {
  value: unknown;
  key: string | null;
  parent: Visit | null;
  depth: number;
}

/** The pointer of a visited value: built only for the value a problem is reported at. */
function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.key != null; at = at.parent) keys.push(at.key);
  return jsonPointer(keys.reverse());
}

/**
 * Why a parsed JSON value cannot be taken, or null: nested deeper than MAX_JSON_DEPTH, or a string
 * or key PostgreSQL cannot store (textProblem). The walk is iterative, so no input overflows the stack.
 */
export function jsonProblem(value: unknown): { path: string; message: string } | null {
  const pending: Visit[] = [{ value, key: null, parent: null, depth: 0 }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const node = visit.value;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) return { path: pathOf(visit), message: problem };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (visit.depth >= MAX_JSON_DEPTH) return { path: pathOf(visit), message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, child] of Object.entries(node)) {
      const childVisit = { value: child, key, parent: visit, depth: visit.depth + 1 };
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: pathOf(childVisit), message: `key ${keyProblem}` };
      pending.push(childVisit);
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

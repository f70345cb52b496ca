import { ZodError } from 'zod';

/** A failure the CLI reports as one sentence, without a stack, exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * One sentence for any failure: ours as written, the usual system and PostgreSQL ones in words
 * (never a stack, a zod dump or raw server text); anything else by its first line.
 */
export function describeError(error: unknown): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return `Invalid ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'not accepted'}.`;
  }
  const failure = error as NodeJS.ErrnoException & { path?: string; code?: string; cause?: unknown };
  const target = failure.path ? ` ${failure.path}` : '';
  switch (failure.code) {
    case 'ENOENT':
      return `No such file or directory:${target}.`;
    case 'EISDIR':
      return `${target.trim() || 'That path'} is a directory, not a file.`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied:${target}.`;
    case 'ECONNREFUSED':
      return 'The database refused the connection: is PostgreSQL running (check DATABASE_URL)?';
    case '57P01':
    case '57P03':
      return 'The database shut down during the command; run it again once it is up.';
    case '22P02':
      return 'A value has the wrong form (an id must be a UUID).';
  }
  if (typeof failure.code === 'string' && /^[0-9A-Z]{5}$/.test(failure.code)) return `The database refused the command (SQLSTATE ${failure.code}).`;
  const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0].trim();
  return /[.!?]$/.test(firstLine) ? firstLine : `${firstLine}.`;
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface RunningPostmaster {
  pid: number;
  port: number;
  /** `ready` once it accepts connections (`starting`, `stopping` otherwise). */
  status: string;
}

/**
 * The server running on a data directory, from the lock file PostgreSQL keeps there
 * (`postmaster.pid`: pid, data dir, start time, port, socket dir, listen address, shmem key, status);
 * null when there is none or it names a process that is gone (a crash leaves the file behind).
 */
export async function readPostmasterPid(databaseDir: string): Promise<RunningPostmaster | null> {
  let text: string;
  try {
    text = await readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !alive(pid)) return null;
  return { pid, port, status: (lines[7] ?? '').trim() };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but runs as another user (the `postgres` user when started by root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

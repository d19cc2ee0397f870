import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Who holds a state folder: the lock file's content. */
export interface LockHolder {
  readonly pid: number;
  readonly startedAt: string;
  readonly ports: string;
}

/**
 * One `pnpm local` per state folder: a second start in the same folder would unpack functions over the
 * running one's code and overwrite its flat outputs. The lock is a file with the holder's pid; a lock
 * whose process is gone (killed, machine restarted) is taken over.
 */
export function acquireLock(file: string, ports: string): { release: () => void } | { heldBy: LockHolder } {
  const holder = readHolder(file);
  if (holder && holder.pid !== process.pid && alive(holder.pid)) return { heldBy: holder };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ports } satisfies LockHolder)}\n`);
  return {
    release: () => {
      if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

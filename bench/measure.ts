import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * How the bench runs a TypeScript entry: as `pnpm synth` does (`node --require ./scripts/register-ts.cjs
 * <file>`, tsx for the repo's sources, Node.js's own loader for installed packages). Relative to the repo
 * root, the working directory of every run.
 */
export const RUN_TS = ['--require', './scripts/register-ts.cjs'] as const;

/** Median, min and max of a series (the bench reports every figure this way). */
export interface Stat {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function stat(values: readonly number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** p-th percentile (nearest rank) of a series. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface RunResult {
  readonly wallMs: number;
  /** Peak of the summed RSS of the whole process tree (node + esbuild + ...), sampled every 20 ms. */
  readonly peakTreeRssMb: number;
  /** Largest single-process max RSS, from /usr/bin/time -v (getrusage of waited children) when present. */
  readonly maxRssMb?: number;
  /** User + system CPU of the process and its waited descendants, from /usr/bin/time -v when present. */
  readonly cpuMs?: number;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const TIME = '/usr/bin/time';

function childrenOf(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the ")" of the command name: state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = map.get(ppid) ?? [];
      list.push(Number(entry));
      map.set(ppid, list);
    } catch {
      // The process exited between readdir and read.
    }
  }
  return map;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Summed RSS (kB) of a process and all its descendants right now. */
function treeRssKb(root: number): number {
  const children = childrenOf();
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += rssKb(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Runs a command in a fresh process and measures wall time and peak memory. Memory: the summed RSS of
 * the process tree sampled every 20 ms (so esbuild's own process counts), and, through /usr/bin/time -v
 * when it exists, the largest single-process max RSS.
 */
export function runMeasured(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<RunResult> {
  const useTime = existsSync(TIME);
  const [cmd, argv] = useTime ? [TIME, ['-v', command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    const sample = (): void => {
      if (child.pid) peak = Math.max(peak, treeRssKb(child.pid));
    };
    const timer = setInterval(sample, 20);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      const cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : undefined;
      resolve({ wallMs, peakTreeRssMb: peak / 1024, maxRssMb: m ? Number(m[1]) / 1024 : undefined, cpuMs, code: code ?? 1, stdout, stderr });
    });
  });
}

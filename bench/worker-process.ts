/** The parent's side of worker-child.ts: fork it, wait until it polls, read its memory, stop it. */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ChildConfig {
  temporalAddress: string;
  mongoUri: string;
  /** 'unpersisted': the engine's workflows with a persist activity that writes only releases (diagnostics). */
  queues: Array<{ taskQueue: string; kind: 'engine' | 'unpersisted' | 'noop'; maxCachedWorkflows?: number }>;
}

export type ParentMessage = { type: 'stats' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; maxCachedWorkflows: number[] }
  | { type: 'stats'; persist: { count: number; ms: number } };

export interface WorkerProcess {
  pid: number;
  /** The cache size each queue's Worker runs with (the SDK's default when none was given). */
  maxCachedWorkflows: number[];
  /** Resident set now and its peak so far (VmHWM), in MiB, from /proc/<pid>/status. */
  memory(): { rssMiB: number; peakMiB: number };
  /** How many persist activities ran in the worker, and their total time. */
  stats(): Promise<{ count: number; ms: number }>;
  stop(): Promise<void>;
}

function statusKiB(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export async function startWorkerProcess(config: ChildConfig): Promise<WorkerProcess> {
  const child: ChildProcess = fork(require.resolve('./worker-child'), [], {
    env: { ...process.env, BENCH_WORKER: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const ready = await Promise.race([
    new Promise<ChildMessage & { type: 'ready' }>((resolve) => {
      const on = (m: ChildMessage): void => {
        if (m.type !== 'ready') return;
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
    }),
    exited.then((code) => {
      throw new Error(`the bench worker exited (${code}) before it was ready`);
    }),
  ]);
  const pid = child.pid as number;
  return {
    pid,
    maxCachedWorkflows: ready.maxCachedWorkflows,
    memory: () => ({ rssMiB: statusKiB(pid, 'VmRSS') / 1024, peakMiB: statusKiB(pid, 'VmHWM') / 1024 }),
    stats: () =>
      new Promise((resolve) => {
        const on = (m: ChildMessage): void => {
          if (m.type !== 'stats') return;
          child.off('message', on);
          resolve(m.persist);
        };
        child.on('message', on);
        child.send({ type: 'stats' } satisfies ParentMessage);
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' } satisfies ParentMessage);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

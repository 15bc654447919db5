/** Child processes of the stack: spawn with prefixed logs, wait for a port, stop, clear stale pids. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process has exited. */
  exited: Promise<number | string>;
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where output goes: a file path, or "inherit" to prefix it onto this process's stdout. */
  output: string | 'inherit';
  /** Pid file to write, so a later start can find a process this one left behind. */
  pidFile?: string;
}

function prefixLines(name: string, chunk: Buffer, out: NodeJS.WriteStream): void {
  for (const line of chunk.toString().split('\n')) if (line.trim()) out.write(`[${name}] ${line}\n`);
}

export function spawnChild(o: SpawnOptions): Child {
  const child = spawn(o.command, o.args, { cwd: o.cwd, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (o.output === 'inherit') {
    child.stdout?.on('data', (c: Buffer) => prefixLines(o.name, c, process.stdout));
    child.stderr?.on('data', (c: Buffer) => prefixLines(o.name, c, process.stderr));
  } else {
    mkdirSync(path.dirname(o.output), { recursive: true });
    const file = createWriteStream(o.output, { flags: 'a' });
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  if (o.pidFile && child.pid) {
    mkdirSync(path.dirname(o.pidFile), { recursive: true });
    writeFileSync(o.pidFile, `${child.pid}\n`);
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      if (o.pidFile) rmSync(o.pidFile, { force: true });
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', (err) => resolve(`spawn failed: ${err.message}`));
  });
  return {
    name: o.name,
    process: child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A pid file left by a start that crashed: if its process still runs the same program, stop it
 * (it holds our port and data files); either way remove the file. Returns what it did.
 */
export async function clearStalePid(pidFile: string, program: string, label = path.basename(program)): Promise<string | undefined> {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return `removed stale pid file ${pidFile}`;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return `removed stale pid file ${pidFile}`;
  }
  if (!cmdline.includes(program)) return `removed stale pid file ${pidFile} (pid ${pid} is another program now)`;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  return `stopped ${label} (pid ${pid}) left running by an earlier start`;
}

export function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Waits until `host:port` accepts connections; fails early if the child exits first. */
export async function waitForPort(child: Child, host: string, port: number, timeoutMs: number, logHint: string): Promise<void> {
  let exited: number | string | undefined;
  void child.exited.then((code) => (exited = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`${child.name} exited (${exited}) before it listened on ${host}:${port}; see ${logHint}`);
    if (await portOpen(host, port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  await child.stop(1_000);
  throw new Error(`${child.name} did not listen on ${host}:${port} within ${timeoutMs} ms; see ${logHint}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * CPU time by process during a benchmark phase, from /proc (Linux): the Temporal dev server, the
 * Mongo-wire server, the worker child and this process (API + load generator). It tells where the
 * machine's cores go per operation, which ratios of throughput alone cannot.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export interface CpuSnapshot {
  at: number;
  /** CPU milliseconds used so far, by role. */
  ms: Record<string, number>;
}

function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The processes of the roles, found by command line (servers) or pid (worker, this process). */
export function cpuRoles(workerPid: number): Record<string, number[]> {
  const roles: Record<string, number[]> = { temporal: [], mongo: [], worker: [workerPid], 'api + load': [process.pid] };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = cmdline(Number(entry));
    if (/temporal\S* server start-dev/.test(cmd)) roles.temporal?.push(Number(entry));
    else if (/ferretdb|mongod/.test(cmd.split(' ')[0] ?? '')) roles.mongo?.push(Number(entry));
  }
  return roles;
}

export function cpuSnapshot(roles: Record<string, number[]>): CpuSnapshot {
  return { at: Date.now(), ms: Object.fromEntries(Object.entries(roles).map(([role, pids]) => [role, pids.reduce((a, pid) => a + cpuMs(pid), 0)])) };
}

/** CPU ms per operation by role between two snapshots. */
export function cpuPerOp(before: CpuSnapshot, after: CpuSnapshot, ops: number): Record<string, number> {
  return Object.fromEntries(Object.keys(after.ms).map((role) => [role, ((after.ms[role] ?? 0) - (before.ms[role] ?? 0)) / Math.max(1, ops)]));
}

export function cpuTable(title: string, sides: Array<{ name: string; perOp: Record<string, number> }>): string {
  const roles = Object.keys(sides[0]?.perOp ?? {});
  const total = (p: Record<string, number>): number => Object.values(p).reduce((a, b) => a + b, 0);
  const rows = roles.map((r) => `| ${r} | ${sides.map((s) => (s.perOp[r] ?? 0).toFixed(2)).join(' | ')} |`);
  return [
    `**${title}** (CPU ms per operation; 2 cores = 2,000 CPU ms per second)`,
    '',
    `| process | ${sides.map((s) => s.name).join(' | ')} |`,
    `|---|${sides.map(() => '---:').join('|')}|`,
    ...rows,
    `| all | ${sides.map((s) => total(s.perOp).toFixed(2)).join(' | ')} |`,
  ].join('\n');
}

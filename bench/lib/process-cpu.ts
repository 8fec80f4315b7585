/**
 * CPU time (user + system) of processes, read from Linux's `/proc`, to tell where an upload's
 * work goes: the server, each kind of Chromium process (the network service, the renderer, the
 * browser process…), and the children this process has waited for (curl). Elsewhere than Linux
 * every figure is `undefined`, and the benches print none.
 */
import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  parent: number;
  /** User + system time, in ms. */
  cpuMs: number;
  /** Children waited for: their user + system time, in ms. */
  childrenCpuMs: number;
}

async function readStat(pid: number | 'self'): Promise<ProcStat | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start after its ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = (index: number) => Number(fields[index - 3]);
    return {
      pid: pid === 'self' ? process.pid : pid,
      parent: ticks(4),
      cpuMs: ((ticks(14) + ticks(15)) * 1000) / TICKS_PER_SECOND,
      childrenCpuMs: ((ticks(16) + ticks(17)) * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

/** What kind of Chromium process `pid` is: `browser`, `renderer`, `gpu-process`, `network` (the network service), …. */
async function chromiumKind(pid: number): Promise<string> {
  // Chromium rewrites its command line with spaces between the arguments.
  const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split(/[\0 ]/);
  const type = args.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
  const subType = args.find((arg) => arg.startsWith('--utility-sub-type='));
  if (subType?.includes('NetworkService')) return 'network';
  return type ?? 'browser';
}

/** CPU ms by kind of process, for a Chromium whose browser process is `browserPid` and all it started. */
export async function chromiumCpu(browserPid: number): Promise<Record<string, number> | undefined> {
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name)).map(Number);
  const stats = (await Promise.all(pids.map((pid) => readStat(pid)))).filter((stat): stat is ProcStat => stat !== undefined);
  if (stats.length === 0) return undefined;
  const byParent = new Map<number, ProcStat[]>();
  for (const stat of stats) byParent.set(stat.parent, [...(byParent.get(stat.parent) ?? []), stat]);
  const tree: ProcStat[] = [];
  const visit = (pid: number) => {
    const own = stats.find((stat) => stat.pid === pid);
    if (own) tree.push(own);
    byParent.get(pid)?.forEach((child) => visit(child.pid));
  };
  visit(browserPid);
  const totals: Record<string, number> = {};
  for (const stat of tree) {
    const kind = await chromiumKind(stat.pid);
    totals[kind] = (totals[kind] ?? 0) + stat.cpuMs;
  }
  return totals;
}

/** CPU ms of process `pid` so far. */
export async function processCpu(pid: number): Promise<number | undefined> {
  return (await readStat(pid))?.cpuMs;
}

/** CPU ms of the children this process has waited for so far (curl runs, once they have exited). */
export async function waitedChildrenCpu(): Promise<number | undefined> {
  return (await readStat('self'))?.childrenCpuMs;
}

/** `after − before` for each kind (missing kinds count as 0). */
export function cpuSpent(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([kind, ms]) => [kind, ms - (before[kind] ?? 0)]));
}

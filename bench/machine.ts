/** What else the machine was doing while a bench section ran: on 2 cores a figure means little without it. */
import { readFileSync } from 'node:fs';

/**
 * Cores other processes kept busy on average over the last `seconds`, which began at `startMachine`
 * busy seconds, this process having used `own` meanwhile (a process.cpuUsage delta).
 */
export function otherCoresDuring(startMachine: number | undefined, own: NodeJS.CpuUsage, seconds: number): number | undefined {
  const endMachine = machineBusySeconds();
  if (startMachine === undefined || endMachine === undefined) return undefined;
  return Math.max(0, (endMachine - startMachine - (own.user + own.system) / 1e6) / seconds);
}

/** CPU seconds the whole machine spent busy so far (Linux /proc/stat); undefined elsewhere. */
export function machineBusySeconds(): number | undefined {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy. Jiffies are 1/100 s.
    const busy = fields.slice(0, 8).reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
    return busy / 100;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds this process's finished child processes used so far (Linux /proc/self/stat: cutime +
 * cstime, in jiffies of 1/100 s); undefined elsewhere. A bench that runs child processes adds it to its
 * own CPU, so that the children do not count as other processes.
 */
export function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The fields after the command name, which is in parentheses and may hold spaces: cutime and cstime are the 16th and 17th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

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

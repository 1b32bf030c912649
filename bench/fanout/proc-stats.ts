import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// The baseline's counters, read the same way, so that its figures and ours mean the same thing.

export const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of one process, in clock ticks (fields after the last ')' of /proc/<pid>/stat). */
export function processTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Busy ticks of the whole box, all cores together (everything but idle and iowait). */
export function boxBusyTicks(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return user + nice + system + irq + softirq + (steal ?? 0);
}

export function residentMegabytes(pid: number): number {
  const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1];
  return kb === undefined ? 0 : Number(kb) / 1024;
}

export interface UdpSocketCounters {
  /** packets the kernel dropped because the receive buffer was full (last column) */
  drops: number;
  /** bytes waiting in the receive buffers right now (rx_queue): a reader that falls behind */
  queuedBytes: number;
}

/** Summed over the UDP sockets bound to the given local ports, from /proc/net/udp. */
export function udpCounters(ports: readonly number[]): UdpSocketCounters {
  const wanted = new Set(ports);
  const counters = { drops: 0, queuedBytes: 0 };
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 13) continue;
    const port = parseInt(fields[1].split(':')[1], 16);
    if (!wanted.has(port)) continue;
    counters.drops += Number(fields[fields.length - 1]);
    counters.queuedBytes += parseInt(fields[4].split(':')[1], 16);
  }
  return counters;
}

// A clock for what grows while it is live (a session's duration, a participant's bar): re-renders
// every `ms` while `running`, and not at all once everything shown has ended.
import { useEffect, useState } from 'preact/hooks';

export function useNow(running: boolean, ms = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [running, ms]);
  return running ? now : Date.now();
}

/** Seconds from `from` to `to` (or to `now` while it has not ended). */
export function secondsBetween(from: string, to: string | null | undefined, now: number): number {
  return Math.max(0, ((to ? new Date(to).getTime() : now) - new Date(from).getTime()) / 1000);
}

// The strip above the stage: where the meeting stands (connecting, its length, reconnecting)
// and whether it is recorded.
import { useEffect, useState } from 'preact/hooks';
import type { Phase } from './meeting.js';

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const secs = Math.max(0, Math.floor((now - since) / 1000));
  const hh = Math.floor(secs / 3600);
  const mm = String(Math.floor((secs % 3600) / 60)).padStart(hh ? 2 : 1, '0');
  const ss = String(secs % 60).padStart(2, '0');
  return <span title="Time in this meeting">{hh ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`}</span>;
}

export function TopBar({ phase, connectedAt, recording }: { phase: Phase; connectedAt: number | null; recording: boolean }) {
  return (
    <header class="topbar">
      <span class="brand">Video Rooms</span>
      <span id="status" class="status" data-status={phase} role="status">
        {phase === 'connected' && connectedAt ? <Elapsed since={connectedAt} /> : phase === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
      </span>
      {recording && (
        <span id="recording" class="recording" title="This meeting is being recorded: everyone’s camera, microphone and screen">
          <span class="rec-dot" aria-hidden="true" />
          Recording
        </span>
      )}
    </header>
  );
}

// A composition's status as it renders: the `composition(id)` subscription pushes status and
// progress (about every half second) until it is COMPLETED or FAILED, so the bar moves on its own.
import { useSubscription } from '@urql/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { graphql } from '../../generated/gql.js';
import type { CompositionStatus } from '../../generated/graphql.js';

const CompositionProgress = graphql(`
  subscription CompositionsPageProgress($id: ID!) {
    composition(id: $id) {
      id
      status
      progress
      failureReason
    }
  }
`);

const LABELS: Record<CompositionStatus, { text: string; tone: string }> = {
  ENQUEUED: { text: 'Queued', tone: '' },
  PROCESSING: { text: 'Rendering', tone: 'warn' },
  COMPLETED: { text: 'Completed', tone: 'ok' },
  FAILED: { text: 'Failed', tone: 'bad' },
};

export const isFinal = (s: CompositionStatus) => s === 'COMPLETED' || s === 'FAILED';

export function ProgressBar({ fraction, label }: { fraction: number; label: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <span class="progress-line">
      <span class="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span class="progress-fill" style={{ width: `${pct}%` }} />
      </span>
      <span class="progress-pct">{pct} %</span>
    </span>
  );
}

/**
 * The status badge, and a bar while the render runs. A render watched to its end here keeps its
 * full bar, so that the operator sees it reach 100 % rather than vanish. `onSettled` runs once it
 * ends (the list then re-reads the finished file's link, length and size).
 */
export function LiveProgress({ id, status, progress, failureReason, onSettled }: { id: string; status: CompositionStatus; progress: number; failureReason?: string | null; onSettled: () => void }) {
  const [watched, setWatched] = useState(!isFinal(status));
  const [result] = useSubscription({ query: CompositionProgress, variables: { id }, pause: isFinal(status) });
  const live = result.data?.composition;
  const now = live && !isFinal(status) ? live : { status, progress, failureReason };
  const settled = useRef(false);
  useEffect(() => {
    if (!isFinal(status)) setWatched(true);
  }, [status]);
  useEffect(() => {
    if (live && isFinal(live.status) && !settled.current) {
      settled.current = true;
      onSettled();
    }
  }, [live?.status]);
  const label = LABELS[now.status];
  return (
    <div class="composition-status">
      <span class={`badge ${label.tone}`} title={now.failureReason ?? undefined}>
        {label.text}
      </span>
      {(!isFinal(now.status) || (watched && now.status === 'COMPLETED')) && <ProgressBar fraction={now.status === 'COMPLETED' ? 1 : now.progress} label="Rendering progress" />}
      {now.status === 'FAILED' && now.failureReason && <span class="small muted failure">{now.failureReason}</span>}
    </div>
  );
}

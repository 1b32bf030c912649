// The words and colours of states on the session and recording pages.
import type { RecordingStatus } from '../../generated/graphql.js';

const ENDED_REASONS: Record<string, string> = {
  empty: 'everyone left',
  ended_by_api: 'ended by the API',
  room_deleted: 'room deleted',
  media_failure: 'media failure',
  server_shutdown: 'server shut down',
};

const LEFT_REASONS: Record<string, string> = {
  left: 'left',
  kicked: 'kicked',
  disconnected: 'disconnected',
  session_ended: 'session ended',
  room_deleted: 'room deleted',
  token_expired: 'token expired',
  server_restarted: 'server restarted',
};

export const endedReasonText = (reason: string | null | undefined) => (reason ? (ENDED_REASONS[reason] ?? reason.replace(/_/g, ' ')) : '');
export const leftReasonText = (reason: string | null | undefined) => (reason ? (LEFT_REASONS[reason] ?? reason.replace(/_/g, ' ')) : '');

export function SessionBadge({ active }: { active: boolean }) {
  return active ? <span class="badge live">Live</span> : <span class="badge">Ended</span>;
}

const RECORDING: Record<RecordingStatus, { text: string; tone: string }> = {
  PROCESSING: { text: 'Recording', tone: 'warn' },
  COMPLETED: { text: 'Completed', tone: 'ok' },
  FAILED: { text: 'Failed', tone: 'bad' },
};

export function RecordingBadge({ status, reason }: { status: RecordingStatus; reason?: string | null }) {
  const { text, tone } = RECORDING[status];
  return (
    <span class={`badge ${tone}`} title={reason ?? undefined}>
      {text}
    </span>
  );
}

// The live room itself, once the room is known to exist: the state from roomEvents, the
// participants, the controls, the message box and the log.
import { useClient, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../generated/gql.js';
import { formatAgo, formatDateTime } from '../../ui/format.js';
import { ConfirmDialog } from '../../ui/modal-dialog.js';
import { PageHeader } from '../../ui/page-header.js';
import { openInMeet } from '../rooms/open-in-meet.js';
import { roomName } from '../rooms/room-name.js';
import { EventLog } from './event-log.js';
import { EveryoneDialog } from './everyone-dialog.js';
import { MessageComposer } from './message-composer.js';
import { useModeration, type ModerationAction } from './moderation.js';
import { ParticipantCard } from './participant-card.js';
import { QualityPanel } from './quality-panel.js';
import { useLiveRoom } from './use-live-room.js';
import { useRoomStats } from './use-room-stats.js';
import './room-live.css';

export interface RoomSummary {
  id: string;
  uniqueName?: string | null;
  maxParticipants: number;
  enableRecording: boolean;
}

const SessionQuery = graphql(`
  query RoomLivePageSession($id: ID!) {
    roomSession(id: $id) {
      id
      createdAt
    }
  }
`);

type Dialog = { kind: 'kick'; id: string; name: string } | { kind: 'everyone'; action: 'kick' | 'mute' } | { kind: 'end' } | null;

export function LiveRoomView({ room }: { room: RoomSummary }) {
  const client = useClient();
  const { state, log, error } = useLiveRoom(room.id);
  const moderation = useModeration(state.sessionId);
  const stats = useRoomStats(room.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const people = state.participants.map((p) => ({ id: p.id, name: state.names[p.id] ?? p.id }));
  const live = !!state.sessionId;
  const [session] = useQuery({ query: SessionQuery, variables: { id: state.sessionId ?? '' }, pause: !state.sessionId });
  const startedAt = state.sessionId && session.data?.roomSession?.id === state.sessionId ? session.data.roomSession.createdAt : null;

  const act = async (action: ModerationAction, ids: string[]) => {
    const failure = await moderation.apply(action, { ids });
    setNotice(failure ? `${action[0]!.toUpperCase()}${action.slice(1)} failed: ${failure}` : null);
  };
  const meet = async () => {
    const failure = await openInMeet(client, room.id);
    setNotice(failure ? `Could not open the meet app: ${failure}` : null);
  };

  return (
    <>
      <PageHeader
        title={roomName(room)}
        subtitle={
          state.seq < 0 ? (
            'Connecting…'
          ) : live ? (
            <>
              <span class="badge live">Live</span> {state.participants.length} of {room.maxParticipants} participants
              {startedAt && <span title={formatDateTime(startedAt)}> · session started {formatAgo(startedAt)}</span>}
              {room.enableRecording && ' · recording'}
            </>
          ) : (
            <>
              <span class="badge">Idle</span> Nobody is in the room. It goes live when someone joins.
            </>
          )
        }
      >
        <button type="button" onClick={meet}>
          Open in meet
        </button>
        <button type="button" disabled={!live} onClick={() => setDialog({ kind: 'everyone', action: 'mute' })}>
          Mute all…
        </button>
        <button type="button" class="danger" disabled={!live} onClick={() => setDialog({ kind: 'everyone', action: 'kick' })}>
          Kick all…
        </button>
        <button type="button" class="danger" disabled={!live} onClick={() => setDialog({ kind: 'end' })}>
          End session
        </button>
      </PageHeader>
      {error && (
        <p class="alert warning" role="status">
          The live feed was interrupted ({error}); reconnecting…
        </p>
      )}
      {notice && (
        <p class="alert error" role="alert">
          {notice}
        </p>
      )}
      <div class="live-layout">
        <section class="participants" aria-label="Participants">
          {state.participants.map((p) => (
            <ParticipantCard
              key={p.id}
              participant={p}
              name={state.names[p.id] ?? p.id}
              speaking={state.activeSpeaker?.participantId === p.id}
              quality={<QualityPanel name={state.names[p.id] ?? p.id} readings={stats.history[p.id]} />}
              onMute={() => act('mute', [p.id])}
              onUnmute={() => act('unmute', [p.id])}
              onKick={() => setDialog({ kind: 'kick', id: p.id, name: state.names[p.id] ?? p.id })}
            />
          ))}
          {state.seq >= 0 && !state.participants.length && (
            <div class="card empty-room">
              <p>Nobody is in the room right now.</p>
              <p class="muted small">Participants appear here the moment they join — open the room in the meet app, or hand out client tokens from your backend.</p>
            </div>
          )}
        </section>
        <aside class="live-side">
          <MessageComposer roomId={room.id} people={people} live={live} />
          <EventLog lines={log} />
        </aside>
      </div>
      {dialog?.kind === 'kick' && (
        <ConfirmDialog title={`Kick ${dialog.name}?`} confirmLabel="Kick" onClose={() => setDialog(null)} onConfirm={() => moderation.apply('kick', { ids: [dialog.id] })}>
          <p>{dialog.name} is removed from the session and their token stops working. They can join again with a new token.</p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'everyone' && (
        <EveryoneDialog
          action={dialog.action}
          people={people}
          onClose={() => setDialog(null)}
          onConfirm={(exclude) => moderation.apply(dialog.action, { all: true, exclude: exclude.length ? exclude : null })}
        />
      )}
      {dialog?.kind === 'end' && (
        <ConfirmDialog title="End the session?" confirmLabel="End session" onClose={() => setDialog(null)} onConfirm={() => moderation.endSession()}>
          <p>
            Everyone in the room is removed ({state.participants.length} {state.participants.length === 1 ? 'participant' : 'participants'}). The room stays and can be joined again, which starts a new
            session.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

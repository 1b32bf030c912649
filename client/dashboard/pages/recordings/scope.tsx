// What a recordings filter is about, in words: the room, session and participant it names (the
// last two come from links on other pages, as ?session= and ?participant=).
import { useQuery } from '@urql/preact';
import { idTail } from '../records/short-forms.js';
import { graphql } from '../../generated/gql.js';
import { formatDateTime } from '../../ui/format.js';
import { participantName } from '../records/participant-label.js';
import { roomLabel } from '../records/room-picker.js';

const ScopeNames = graphql(`
  query RecordingsPageScope($room: ID!, $session: ID!, $participant: ID!, $withRoom: Boolean!, $withSession: Boolean!, $withParticipant: Boolean!) {
    room(id: $room) @include(if: $withRoom) {
      ...RecordsRoomName
    }
    roomSession(id: $session) @include(if: $withSession) {
      id
      createdAt
      room {
        ...RecordsRoomName
      }
    }
    participant(id: $participant) @include(if: $withParticipant) {
      id
      context
    }
  }
`);

export interface Scope {
  room?: string;
  session?: string;
  participant?: string;
}

/** The names of what the filter's ids point at (an id while they load, or when it names nothing). */
export function useScope(f: { room: string; session: string; participant: string }): Scope {
  const [result] = useQuery({
    query: ScopeNames,
    variables: { room: f.room, session: f.session, participant: f.participant, withRoom: !!f.room, withSession: !!f.session, withParticipant: !!f.participant },
    pause: !f.room && !f.session && !f.participant,
  });
  const d = result.data;
  return {
    room: f.room ? (d?.room ? roomLabel(d.room) : `room ${idTail(f.room)}`) : undefined,
    session: f.session ? (d?.roomSession ? `${roomLabel(d.roomSession.room)} · ${formatDateTime(d.roomSession.createdAt)}` : idTail(f.session)) : undefined,
    participant: f.participant ? (d?.participant ? participantName(d.participant.context, d.participant.id) : idTail(f.participant)) : undefined,
  };
}

const STATUS: Record<string, string> = { PROCESSING: 'still recording', COMPLETED: 'completed', FAILED: 'failed' };

/** "room is Standup, type is video, started on or after 2026-01-02…" for the bulk delete dialog. */
export function describeFilter(f: Record<string, string>, scope: Scope): string[] {
  const parts: string[] = [];
  if (scope.room) parts.push(`room is ${scope.room}`);
  if (scope.session) parts.push(`session is ${scope.session}`);
  if (scope.participant) parts.push(`participant is ${scope.participant}`);
  if (f.status) parts.push(`status is ${STATUS[f.status] ?? f.status}`);
  if (f.type) parts.push(`type is ${f.type.toLowerCase()}`);
  if (f.startedFrom) parts.push(`started on or after ${f.startedFrom}`);
  if (f.startedTo) parts.push(`started on or before ${f.startedTo}`);
  if (f.minSecs) parts.push(`at least ${f.minSecs} s long`);
  return parts;
}

/** The session and participant a link narrowed the list to, each with a way to widen it again. */
export function ScopeChips({ scope, onClear, errors }: { scope: Scope; onClear: (key: 'session' | 'participant') => void; errors: Record<string, string> }) {
  const chips = (['session', 'participant'] as const).filter((k) => scope[k]);
  if (!chips.length) return null;
  return (
    <ul class="scope-chips" aria-label="Narrowed to">
      {chips.map((k) => {
        const error = errors[`${k}Id`];
        return (
          <li key={k} class={error ? 'chip invalid' : 'chip'}>
            <span class="muted">{k === 'session' ? 'Session' : 'Participant'}:</span> {scope[k]}
            {error && <span class="field-error"> ({error})</span>}
            <button type="button" class="chip-clear" onClick={() => onClear(k)} aria-label={`Show recordings of every ${k}`}>
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}

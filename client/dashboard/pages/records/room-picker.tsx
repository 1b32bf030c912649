// Choosing a room for a filter: the rooms by name (deleted ones too: their history stays), newest
// first; a room named in the address but beyond the first page is still offered.
import { useQuery } from '@urql/preact';
import { idTail } from './short-forms.js';
import { graphql } from '../../generated/gql.js';

import { useRefreshOnEvents } from '../../ui/live-refresh.js';
import { FilterField } from './fields.js';

const RoomChoices = graphql(`
  query RecordsRoomChoices {
    rooms(first: 100, filter: { includeDeleted: true }) {
      edges {
        node {
          ...RecordsRoomName
        }
      }
    }
  }
`);

const ChosenRoom = graphql(`
  query RecordsChosenRoom($id: ID!) {
    room(id: $id) {
      ...RecordsRoomName
    }
  }
`);

const ROOM_EVENTS = ['video.room.created', 'video.room.updated', 'video.room.deleted'];

export function roomLabel(room: { id: string; uniqueName?: string | null; deletedAt?: string | null }): string {
  return `${room.uniqueName || `Room ${idTail(room.id)}`}${room.deletedAt ? ' (deleted)' : ''}`;
}

export function RoomPicker({ id, value, onChange, error }: { id: string; value: string; onChange: (roomId: string) => void; error?: string }) {
  const [rooms, reexecute] = useQuery({ query: RoomChoices });
  // A room created (or renamed) while the page is open is offered without a reload.
  useRefreshOnEvents(ROOM_EVENTS, () => reexecute({ requestPolicy: 'network-only' }));
  const listed = rooms.data?.rooms.edges.map((e) => e.node) ?? [];
  const missing = !!value && !!rooms.data && !listed.some((r) => r.id === value);
  const [chosen] = useQuery({ query: ChosenRoom, variables: { id: value }, pause: !missing });
  const options = missing && chosen.data?.room ? [chosen.data.room, ...listed] : listed;
  return (
    <FilterField label="Room" error={error}>
      <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)} aria-invalid={error ? 'true' : undefined}>
        <option value="">All rooms</option>
        {missing && !chosen.data?.room && <option value={value}>Room {idTail(value)}</option>}
        {options.map((r) => (
          <option key={r.id} value={r.id}>
            {roomLabel(r)}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

// Deleting a room asks first, and says what deleting does to the people in it.
import { useMutation } from '@urql/preact';
import { graphql } from '../../generated/gql.js';
import { ConfirmDialog } from '../../ui/modal-dialog.js';

const DeleteRoom = graphql(`
  mutation RoomsPageDeleteRoom($id: ID!) {
    deleteRoom(id: $id) {
      __typename
      ... on DeleteRoomPayload {
        room {
          id
          deletedAt
        }
      }
      ... on UserError {
        message
      }
    }
  }
`);

export function DeleteRoomDialog({ room, onClose, onDeleted }: { room: { id: string; name: string; live: number }; onClose: () => void; onDeleted: () => void }) {
  const [, remove] = useMutation(DeleteRoom);
  return (
    <ConfirmDialog
      title={`Delete ${room.name}?`}
      confirmLabel="Delete room"
      onClose={onClose}
      onConfirm={async () => {
        const res = await remove({ id: room.id });
        const result = res.data?.deleteRoom;
        if (result?.__typename === 'DeleteRoomPayload') {
          onDeleted();
          return null;
        }
        if (res.error) return res.error.graphQLErrors[0]?.message ?? 'the server could not be reached';
        return result && 'message' in result ? result.message : 'the room was not deleted';
      }}
    >
      <p>The room can no longer be joined or given tokens. Its sessions and recordings stay listed.</p>
      {room.live > 0 && <p class="alert warning">{room.live === 1 ? '1 participant is' : `${room.live} participants are`} in the room now: they will be removed and the session ends.</p>}
    </ConfirmDialog>
  );
}

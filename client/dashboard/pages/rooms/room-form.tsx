// Creating and editing a room: the fields of CreateRoomInput / UpdateRoomInput, with the server's
// typed errors (ValidationError's fieldErrors, ConflictError on the name) next to the field they
// name. The browser does not pre-check: the server's rules are the ones shown.
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../generated/gql.js';
import { errorsByField, FieldErrorText, type UserErrorLike } from '../../ui/errors.js';
import { ModalDialog } from '../../ui/modal-dialog.js';

/** What a refused create or update says, field by field. */
export const RoomsPageMutationError = graphql(`
  fragment RoomsPageMutationError on UserError {
    code
    message
    field
    ... on ValidationError {
      fieldErrors {
        field
        message
      }
    }
  }
`);

/** A room as the list shows it, and as an update returns it. */
export const RoomsPageRoom = graphql(`
  fragment RoomsPageRoom on Room {
    id
    uniqueName
    maxParticipants
    enableRecording
    webhookEventUrl
    webhookEventFailoverUrl
    webhookTimeoutSecs
    createdAt
    updatedAt
    deletedAt
    liveParticipantCount
  }
`);

const CreateRoom = graphql(`
  mutation RoomsPageCreateRoom($input: CreateRoomInput!) {
    createRoom(input: $input) {
      __typename
      ... on CreateRoomPayload {
        room {
          ...RoomsPageRoom
        }
      }
      ...RoomsPageMutationError
    }
  }
`);

const UpdateRoom = graphql(`
  mutation RoomsPageUpdateRoom($id: ID!, $input: UpdateRoomInput!) {
    updateRoom(id: $id, input: $input) {
      __typename
      ... on UpdateRoomPayload {
        room {
          ...RoomsPageRoom
        }
      }
      ...RoomsPageMutationError
    }
  }
`);

/** A room as the form edits it. */
export interface EditableRoom {
  id: string;
  uniqueName?: string | null;
  maxParticipants: number;
  enableRecording: boolean;
  webhookEventUrl?: string | null;
  webhookEventFailoverUrl?: string | null;
  webhookTimeoutSecs?: number | null;
}

interface Values {
  uniqueName: string;
  maxParticipants: string;
  enableRecording: boolean;
  webhookEventUrl: string;
  webhookEventFailoverUrl: string;
  webhookTimeoutSecs: string;
}

const text = (v: string | number | null | undefined) => (v == null ? '' : String(v));

function valuesOf(room: EditableRoom | null): Values {
  return {
    uniqueName: text(room?.uniqueName),
    maxParticipants: room ? String(room.maxParticipants) : '10',
    enableRecording: room?.enableRecording ?? false,
    webhookEventUrl: text(room?.webhookEventUrl),
    webhookEventFailoverUrl: text(room?.webhookEventFailoverUrl),
    webhookTimeoutSecs: text(room?.webhookTimeoutSecs),
  };
}

const NUMBERS: (keyof Values)[] = ['maxParticipants', 'webhookTimeoutSecs'];

/**
 * The input to send: on create, what was filled in; on edit, only what changed, an emptied
 * optional field as null (which clears it). A number field that is not a whole number cannot
 * even be sent (the schema's Int): that one problem is found here, every other by the server.
 */
function inputFrom(values: Values, initial: Values, editing: boolean): { input: Record<string, unknown>; local: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const local: Record<string, string> = {};
  for (const key of Object.keys(values) as (keyof Values)[]) {
    const v = values[key];
    if (editing && v === initial[key]) continue;
    if (typeof v === 'boolean') input[key] = v;
    else if (v.trim() === '') {
      if (editing) input[key] = null;
    } else if (NUMBERS.includes(key)) {
      if (/^\s*-?\d+\s*$/.test(v)) input[key] = Number(v);
      else local[key] = 'must be a whole number';
    } else input[key] = v;
  }
  return { input, local };
}

type Result = { __typename: string } & Partial<UserErrorLike>;

export function RoomFormDialog({ room, onClose, onSaved }: { room: EditableRoom | null; onClose: () => void; onSaved: (room: { id: string; uniqueName?: string | null }) => void }) {
  const editing = !!room;
  const [initial] = useState(() => valuesOf(room));
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [created, create] = useMutation(CreateRoom);
  const [updated, update] = useMutation(UpdateRoom);
  const busy = created.fetching || updated.fetching;
  const set = (key: keyof Values, v: string | boolean) => setValues((s) => ({ ...s, [key]: v }));

  const submit = async (e: Event) => {
    e.preventDefault();
    setFailure(null);
    const { input, local } = inputFrom(values, initial, editing);
    if (Object.keys(local).length) return setErrors(local);
    if (editing && !Object.keys(input).length) return onClose();
    const res = editing ? await update({ id: room!.id, input: input as never }) : await create({ input: input as never });
    if (res.error) {
      setErrors({});
      setFailure(res.error.graphQLErrors[0]?.message ?? 'the server could not be reached');
      return;
    }
    const result = ((res.data as Record<string, unknown> | undefined)?.[editing ? 'updateRoom' : 'createRoom'] ?? null) as Result | null;
    if (!result) return setFailure('the server returned nothing');
    if (result.__typename === 'CreateRoomPayload' || result.__typename === 'UpdateRoomPayload') {
      onSaved((result as unknown as { room: { id: string; uniqueName?: string | null } }).room);
      return onClose();
    }
    const byField = errorsByField(result as UserErrorLike);
    const { '': general, ...fields } = byField;
    setErrors(fields);
    setFailure(general ?? (Object.keys(fields).length ? null : (result.message ?? 'the room was not saved')));
  };

  // The hint and the error sit beside the input, not inside its label: they describe it
  // (aria-describedby) without becoming part of its name.
  const field = (key: keyof Values, label: string, hint: string, type = 'text') => (
    <div class="field">
      <label for={`room-${key}`}>{label}</label>
      <input
        id={`room-${key}`}
        name={key}
        type={type}
        inputMode={NUMBERS.includes(key) ? 'numeric' : undefined}
        value={values[key] as string}
        onInput={(e) => set(key, e.currentTarget.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `room-${key}-error` : `room-${key}-hint`}
      />
      {errors[key] ? (
        <FieldErrorText id={`room-${key}-error`} message={errors[key]} />
      ) : (
        <span id={`room-${key}-hint`} class="hint">
          {hint}
        </span>
      )}
    </div>
  );

  return (
    <ModalDialog title={editing ? 'Edit room' : 'New room'} onClose={onClose} wide>
      <form class="room-form" onSubmit={submit} noValidate>
        {failure && (
          <p class="alert error" role="alert">
            {editing ? 'The room was not saved' : 'The room was not created'}: {failure}
          </p>
        )}
        {field('uniqueName', 'Unique name', editing ? 'Empty removes the name.' : 'Optional; unique among rooms that are not deleted.')}
        <div class="form-row">
          {field('maxParticipants', 'Max participants', '2 to 50.')}
          {field('webhookTimeoutSecs', 'Webhook timeout (s)', '0 to 30; empty for the default.')}
        </div>
        <label class="check">
          <input type="checkbox" name="enableRecording" checked={values.enableRecording} onChange={(e) => set('enableRecording', e.currentTarget.checked)} />
          Record every participant’s audio and video
        </label>
        {field('webhookEventUrl', 'Webhook URL', 'Where the room’s events are POSTed (http or https).', 'url')}
        {field('webhookEventFailoverUrl', 'Failover webhook URL', 'Used when delivery to the webhook URL fails.', 'url')}
        <div class="modal-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving…' : editing ? 'Save changes' : 'Create room'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

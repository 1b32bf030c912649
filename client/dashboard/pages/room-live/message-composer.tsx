// Speaking to the room as its operator: sendRoomMessage, to everyone or to one participant.
// Participants get it as a message from the operator (MessageReceived.fromOperator); the SDK's
// `{"type":"text"}` envelope makes it read as text in any app built on the SDK.
import { useMutation } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../generated/gql.js';
import { errorsByField, FieldErrorText, type UserErrorLike } from '../../ui/errors.js';

const SendRoomMessage = graphql(`
  mutation RoomLivePageSendMessage($roomId: ID!, $payload: String!, $recipients: [ID!]) {
    sendRoomMessage(roomId: $roomId, payload: $payload, recipients: $recipients) {
      __typename
      ... on SendRoomMessagePayload {
        recipientCount
      }
      ...RoomsPageMutationError
    }
  }
`);

export function MessageComposer({ roomId, people, live }: { roomId: string; people: { id: string; name: string }[]; live: boolean }) {
  const [text, setText] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string | null>(null);
  const [state, send] = useMutation(SendRoomMessage);
  const recipient = people.find((p) => p.id === to);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSent(null);
    if (!text.trim()) return setErrors({ payload: 'write a message first' });
    const res = await send({ roomId, payload: JSON.stringify({ type: 'text', payload: text }), recipients: recipient ? [recipient.id] : null });
    const result = res.data?.sendRoomMessage;
    if (result?.__typename === 'SendRoomMessagePayload') {
      setErrors({});
      setText('');
      setSent(`Sent to ${recipient ? recipient.name : `${result.recipientCount} ${result.recipientCount === 1 ? 'participant' : 'participants'}`}.`);
      return;
    }
    if (res.error) return setErrors({ '': res.error.graphQLErrors[0]?.message ?? 'the server could not be reached' });
    setErrors(errorsByField(result as UserErrorLike));
  };

  return (
    <form class="card composer" onSubmit={submit} noValidate aria-label="Message the room">
      <h2>Message the room</h2>
      <label class="field">
        <span>Message</span>
        <textarea
          rows={2}
          value={text}
          disabled={!live}
          placeholder={live ? 'Shown to participants as a message from the operator' : 'Nobody is in the room'}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit(e);
          }}
          aria-invalid={errors.payload ? true : undefined}
          aria-describedby={errors.payload ? 'message-payload-error' : undefined}
        />
        <FieldErrorText id="message-payload-error" message={errors.payload} />
      </label>
      <div class="composer-row">
        <label class="field">
          <span>To</span>
          <select value={recipient ? to : ''} onChange={(e) => setTo(e.currentTarget.value)} disabled={!live}>
            <option value="">Everyone</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <FieldErrorText id="message-recipients-error" message={errors.recipients} />
        </label>
        <button type="submit" class="primary" disabled={!live || state.fetching}>
          {state.fetching ? 'Sending…' : 'Send'}
        </button>
      </div>
      {errors[''] || errors.roomId ? (
        <p class="alert error" role="alert">
          Not sent: {errors[''] ?? errors.roomId}
        </p>
      ) : (
        sent && (
          <p class="muted small" role="status">
            {sent}
          </p>
        )
      )}
    </form>
  );
}

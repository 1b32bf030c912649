// The chat: messages with their sender and time, newest at the bottom, and a box to write in
// (Enter sends, Shift+Enter starts a new line).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatMessage } from './chat-log.js';
import { Icon } from './icons.js';

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** A message follows the one before without its own header when the same person sent both within two minutes. */
const continues = (m: ChatMessage, prev: ChatMessage | undefined) => !!prev && prev.from === m.from && m.at - prev.at < 120_000;

export function ChatPanel({ messages, sending, onSend }: { messages: readonly ChatMessage[]; sending: boolean; onSend: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const log = useRef<HTMLOListElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  // Follow new messages, unless the person scrolled up to read older ones.
  useEffect(() => {
    const el = log.current;
    if (!el) return;
    const last = messages.at(-1);
    if (last?.local || el.scrollHeight - el.scrollTop - el.clientHeight < 120) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  const send = async () => {
    const message = text.trim();
    if (!message || sending) return;
    if (await onSend(message)) setText('');
  };

  return (
    <div class="chat">
      {messages.length === 0 ? (
        <p class="empty">Messages are seen by everyone in the meeting and are not kept after it.</p>
      ) : (
        <ol id="chat-log" ref={log} class="chat-log" aria-live="polite">
          {messages.map((m, i) => (
            <li key={m.id} class={`message${m.local ? ' local' : ''}${continues(m, messages[i - 1]) ? ' continued' : ''}`} data-from={m.from}>
              <div class="message-meta">
                <span class="sender">{m.local ? 'You' : m.name}</span>
                <time dateTime={new Date(m.at).toISOString()}>{time(m.at)}</time>
              </div>
              <p class="message-text">{m.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form
        class="composer"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <textarea
          id="chat-input"
          ref={input}
          rows={1}
          maxLength={4000}
          placeholder="Message everyone"
          aria-label="Message everyone"
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void send();
            }
          }}
        />
        <button id="chat-send" type="submit" class="send" disabled={!text.trim() || sending} title="Send (Enter)">
          <Icon name="send" size={18} />
          <span class="sr-only">Send</span>
        </button>
      </form>
    </div>
  );
}

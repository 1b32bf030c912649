// The meeting's chat as this participant saw it: messages arrive over sendMessage and are not
// kept by the server, so the log starts when you join.

export interface ChatMessage {
  id: number;
  from: string;
  /** The sender's name when the message arrived (they may have left since). */
  name: string;
  local: boolean;
  text: string;
  at: number;
}

export interface Chat {
  readonly messages: readonly ChatMessage[];
  /** Messages from others that arrived while the chat was closed. */
  readonly unread: number;
  readonly open: boolean;
}

/** Enough for a meeting; older ones go so that a chatty room does not grow the page forever. */
const KEEP = 500;

let nextId = 1;

export const emptyChat: Chat = { messages: [], unread: 0, open: false };

export function withMessage(chat: Chat, m: Omit<ChatMessage, 'id'>): Chat {
  const messages = [...chat.messages, { ...m, id: nextId++ }].slice(-KEEP);
  return { ...chat, messages, unread: chat.open || m.local ? chat.unread : chat.unread + 1 };
}

export function withOpen(chat: Chat, open: boolean): Chat {
  return { ...chat, open, unread: open ? 0 : chat.unread };
}

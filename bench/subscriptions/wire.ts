import WebSocket from 'ws';

// The graphql-transport-ws protocol spoken by hand over raw `ws` (as the baseline's load
// generator did): the official client's per-message work would land on the load generator's
// core and blur what is measured.

export const PROTOCOL = 'graphql-transport-ws';

/** What a watcher selects, on both servers. */
export const ROOM_EVENTS = 'subscription($roomId: ID!) { roomEvents(roomId: $roomId) { __typename seq ... on MessageReceived { payload } } }';

export type Frame =
  { type: 'connection_init'; payload: Record<string, unknown> } | { type: 'subscribe'; id: string; payload: { query: string; variables?: Record<string, unknown> } } | { type: 'pong' };

export function openSocket(url: string): WebSocket {
  return new WebSocket(url, PROTOCOL, { perMessageDeflate: false });
}

export function send(ws: WebSocket, frame: Frame): void {
  ws.send(JSON.stringify(frame));
}

export function connectionInit(authorization: string | undefined): Frame {
  return { type: 'connection_init', payload: authorization ? { authorization: `Bearer ${authorization}` } : {} };
}

/** The frame's type, read without parsing the whole frame (`"type":"…"`). */
export function frameType(text: string): string {
  const at = text.indexOf('"type":"');
  if (at < 0) return '';
  return text.slice(at + 8, text.indexOf('"', at + 8));
}

/** The frame's operation id (`"id":"…"`). */
export function frameId(text: string): string {
  const at = text.indexOf('"id":"');
  if (at < 0) return '';
  return text.slice(at + 6, text.indexOf('"', at + 6));
}

/** An integer field (`"seq":12`), NaN when absent. */
export function intField(text: string, name: string): number {
  const key = `"${name}":`;
  const at = text.indexOf(key);
  if (at < 0) return NaN;
  let end = at + key.length;
  while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  return Number(text.slice(at + key.length, end));
}

/** A string field (`"payload":"…"`) without escapes, undefined when absent. */
export function stringField(text: string, name: string): string | undefined {
  const key = `"${name}":"`;
  const at = text.indexOf(key);
  if (at < 0) return undefined;
  return text.slice(at + key.length, text.indexOf('"', at + key.length));
}

/** The sender's clock in the payload: CLOCK_MONOTONIC ns, the same clock in every process of the box. */
export const monotonicNs = (): number => Number(process.hrtime.bigint());

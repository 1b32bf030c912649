// Following a room live: roomEvents folded into a state and told in a log, as they arrive. A gap
// in seq (events missed) subscribes again, which starts from a fresh snapshot; so does a
// reconnection of the dashboard's WebSocket (graphql-ws resubscribes, the server snapshots).
import { useClient } from '@urql/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describe, type LogLine } from './event-text.js';
import { admit, fold, NOT_YET, type LiveRoomState } from './live-state.js';
import { RoomLiveEvents, type RoomEvent } from './room-events.js';

/** The log keeps the latest lines only: a busy room talks for hours. */
export const LOG_LIMIT = 200;

export interface LiveRoom {
  state: LiveRoomState;
  /** Newest first. */
  log: LogLine[];
  error: string | null;
}

function appendLine(log: LogLine[], line: LogLine): LogLine[] {
  // Speakers change often: the latest one replaces a "speaking" line still on top.
  const rest = line.tone === 'speaking' && log[0]?.tone === 'speaking' ? log.slice(1) : log;
  return [line, ...rest].slice(0, LOG_LIMIT);
}

export function useLiveRoom(roomId: string, enabled = true): LiveRoom {
  const client = useClient();
  const [generation, setGeneration] = useState(0);
  const [view, setView] = useState<LiveRoom>({ state: NOT_YET, log: [], error: null });
  // The subscription's callback folds onto the latest state, not the one of its render.
  const latest = useRef(view);
  const counter = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const apply = (ev: RoomEvent) => {
      const now = latest.current;
      const verdict = admit(now.state, ev);
      if (verdict === 'gap') return setGeneration((g) => g + 1);
      if (verdict === 'skip') return;
      const state = fold(now.state, ev);
      const told = describe(ev, state.names, now.state.seq < 0 && now.log.length === 0);
      const log = told ? appendLine(now.log, { id: `${++counter.current}`, at: ev.occurredAt, text: told[0], tone: told[1] }) : now.log;
      latest.current = { state, log, error: null };
      setView(latest.current);
    };
    // A new subscription starts from its own snapshot: forget the seq, keep the log and names.
    latest.current = { ...latest.current, state: { ...latest.current.state, seq: -1 } };
    const { unsubscribe } = client.subscription(RoomLiveEvents, { roomId }).subscribe((result) => {
      if (result.error) {
        latest.current = { ...latest.current, error: result.error.graphQLErrors[0]?.message ?? 'the live feed was interrupted' };
        setView(latest.current);
      } else if (result.data) apply(result.data.roomEvents);
    });
    return unsubscribe;
  }, [client, roomId, generation, enabled]);

  return view;
}

// Lists that stay current: a subscription to the platform's event feed re-runs a page's query
// when something it shows may have changed, at most a few times a second.
import { useSubscription } from '@urql/preact';
import { useEffect, useRef } from 'preact/hooks';
import { graphql } from '../generated/gql.js';

const EventsFeed = graphql(`
  subscription DashboardEventsFeed($filter: EventFilter) {
    events(filter: $filter) {
      id
      eventType
      roomId
      occurredAt
    }
  }
`);

/**
 * Calls `refresh` after events of these types (all when empty), for one room when `roomId` is given.
 * Bursts (ten joins at once) make one refresh.
 */
export function useRefreshOnEvents(eventTypes: string[], refresh: () => void, roomId?: string): void {
  const [result] = useSubscription({ query: EventsFeed, variables: { filter: { eventTypes: eventTypes.length ? eventTypes : null, roomId: roomId ?? null } } });
  useRefreshWhen(result.data, refresh);
}

/** Calls `refresh` shortly after `signal` changes (a subscription's latest data), once per burst. */
export function useRefreshWhen(signal: unknown, refresh: () => void): void {
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!signal) return;
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      latest.current();
    }, 250);
  }, [signal]);
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);
}

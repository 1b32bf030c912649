export type Unsubscribe = () => void;

/**
 * Carries every event of the server between its producers and its listeners: the account feed
 * (after the transaction that recorded it commits), each room's deltas, and the signals between
 * services. A message is published on a topic under a key (a room id, usually); a listener hears
 * one key of a topic, or every key (`null`).
 *
 * Contract every implementation keeps: a listener on this node hears a message published on this
 * node before `publish` returns, in publishing order. The live room relies on it: it takes a
 * snapshot and subscribes in one synchronous step, so no delta can fall between the two. An
 * implementation spanning nodes (Redis) delivers locally the same way and forwards to the others.
 */
export interface EventBus<Topics extends object> {
  publish<T extends keyof Topics & string>(topic: T, key: string, message: Topics[T]): void;
  subscribe<T extends keyof Topics & string>(topic: T, key: string | null, listener: (message: Topics[T]) => void): Unsubscribe;
  /** How many listeners hear this key of the topic (those of every key not counted). */
  listenerCount<T extends keyof Topics & string>(topic: T, key: string): number;
}

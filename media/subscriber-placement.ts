/** A router a new subscriber could be placed on, with what it carries. */
export interface PlacementCandidate<T> {
  target: T;
  /**
   * This room's consumers there, expected ones included: a recv transport counts for the tracks
   * its participant is about to receive (the room's producers but its own) until it has more.
   */
  roomConsumers: number;
  /** Every room's consumers on the router's worker, plus this room's expected ones not yet created. */
  workerConsumers: number;
}

/**
 * Where a new subscriber's recv transport goes. The main router (which also forwards every
 * producer's ingress, runs speaker detection and feeds recorders) takes subscribers until it
 * carries `maxConsumersPerRouter`; then the other worker with the fewest consumers that still has
 * room for this room. Once every router of the room is at the cap there is nowhere better: the one
 * with the fewest consumers takes it, main included, so that the load stays even.
 *
 * Counting consumers, not CPU: a worker's cost is packets forwarded, one copy per consumer
 * (worker-load.ts), and counts are exact at the moment of placement, unlike CPU averages.
 */
export function chooseRouter<T>(main: PlacementCandidate<T>, others: readonly PlacementCandidate<T>[], maxConsumersPerRouter: number): T {
  if (main.roomConsumers < maxConsumersPerRouter || others.length === 0) return main.target;
  const open = others.filter((c) => c.roomConsumers < maxConsumersPerRouter);
  if (open.length > 0) return fewest(open, (c) => c.workerConsumers).target;
  // On a tie another worker wins: the main one also carries the ingress and the observers.
  return fewest([...others, main], (c) => c.roomConsumers).target;
}

function fewest<C>(candidates: readonly C[], load: (c: C) => number): C {
  return candidates.reduce((best, c) => (load(c) < load(best) ? c : best));
}

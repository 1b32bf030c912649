import { deferred } from './async.js';
import { RoomEventsDocument } from './generated/graphql.js';
import type { RoomCore } from './room-core.js';
import type { RoomEventApplier, WireRoomEvent } from './room-events.js';
import type { SignallingConnection } from './signalling.js';

/** What to do with one event of the roomEvents subscription. */
export type Admission = 'snapshot' | 'apply' | 'skip' | 'gap';

/**
 * Keeps the room's events in `seq` order: the first event of a subscription is a snapshot, then
 * each delta must be the next number. A delta past the next one means some were missed (the
 * caller subscribes again for a fresh snapshot); one already seen is skipped. A message to some
 * recipients carries the seq of the last event, as it does not change the room.
 */
export class SeqGate {
  private lastSeq = 0;
  private gotSnapshot = false;

  /** A new subscription: nothing applies until its snapshot. */
  restart(): void {
    this.gotSnapshot = false;
  }

  get last(): number {
    return this.lastSeq;
  }

  admit(ev: Pick<WireRoomEvent, '__typename' | 'seq'> & { recipients?: readonly string[] | null }): Admission {
    const seq = ev.seq ?? 0;
    if (ev.__typename === 'RoomStateSnapshot') {
      this.gotSnapshot = true;
      this.lastSeq = seq;
      return 'snapshot';
    }
    if (!this.gotSnapshot) return 'skip';
    if (ev.__typename === 'MessageReceived' && ev.recipients && seq === this.lastSeq) return 'apply';
    if (seq <= this.lastSeq) return 'skip';
    if (seq !== this.lastSeq + 1) return 'gap';
    this.lastSeq = seq;
    return 'apply';
  }
}

/** The roomEvents subscription of the current connection, fed in order to the applier. */
export class RoomEventFeed {
  private readonly gate = new SeqGate();
  private stopCurrent: (() => void) | null = null;

  constructor(
    private readonly core: RoomCore,
    private readonly applier: RoomEventApplier,
    /** The server refused the subscription's credentials. */
    private readonly unauthorized: (err: Error) => void,
  ) {}

  /** Resolves once the first snapshot is applied; a gap in seq subscribes again. */
  start(signalling: SignallingConnection): Promise<void> {
    this.stop();
    this.gate.restart();
    const first = deferred<void>();
    this.stopCurrent = signalling.subscribe(
      RoomEventsDocument,
      { roomId: this.core.id },
      {
        next: (data) => {
          const ev = data.roomEvents;
          if (!ev) return;
          const before = this.gate.last;
          switch (this.gate.admit({ __typename: ev.__typename, seq: ev.seq, recipients: ev.__typename === 'MessageReceived' ? ev.recipients : null })) {
            case 'snapshot':
              if (ev.__typename === 'RoomStateSnapshot' && ev.state) this.applier.applySnapshot(ev.state);
              first.resolve();
              return;
            case 'apply':
              return this.applier.apply(ev);
            case 'gap':
              this.core.log.warn(`missed room events (${before + 1}..${(ev.seq ?? 0) - 1}): resubscribing`);
              void this.start(signalling).catch((err) => this.core.log.warn('resubscribing failed', err));
              return;
            case 'skip':
              return;
          }
        },
        error: (err) => {
          first.reject(err);
          if (this.core.signalling === signalling && signalling.isOpen && !this.core.ending) {
            this.core.log.warn('roomEvents failed', err);
            if (err.code === 'UNAUTHENTICATED') this.unauthorized(err);
          }
        },
      },
    );
    return first.promise;
  }

  stop(): void {
    this.stopCurrent?.();
    this.stopCurrent = null;
  }
}

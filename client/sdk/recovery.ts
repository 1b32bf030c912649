import { backOff, type IBackOffOptions } from 'exponential-backoff';
import { deferred, sleep } from './async.js';
import { reasonForError } from './disconnect-reasons.js';
import { VideoRoomsError } from './errors.js';
import type { RoomCore } from './room-core.js';
import type { RoomEventFeed } from './room-event-feed.js';
import { join, type RoomSession } from './room-session.js';
import type { Subscriber } from './subscriber.js';
import type { TokenRenewer } from './token-renewer.js';

/**
 * After the signalling WebSocket dropped: at once, then 250 ms, 500 ms, 1 s, and every 2 s after
 * that, until the reconnect window closes (the server keeps a dropped participant for a grace
 * period only).
 */
const RECONNECT_SCHEDULE: Pick<IBackOffOptions, 'delayFirstAttempt' | 'startingDelay' | 'timeMultiple' | 'maxDelay' | 'jitter'> = {
  delayFirstAttempt: false,
  startingDelay: 250,
  timeMultiple: 2,
  maxDelay: 2000,
  jitter: 'none',
};

/** The pause exponential-backoff makes before attempt `attempt + 1` of the schedule above. */
function pauseAfter(attempt: number): number {
  const { startingDelay, timeMultiple, maxDelay } = RECONNECT_SCHEDULE;
  return Math.min(startingDelay * timeMultiple ** (attempt - 1), maxDelay);
}

/** The room was disconnected while the SDK was getting back on its feet: stop trying. */
class Abandoned extends Error {}

/**
 * Getting back on its feet: a new WebSocket and join(reconnect) after a dropped connection (with
 * backoff), and new transports on the same connection after the media server restarted.
 * Operations wait (RoomCore.ready) while either runs.
 */
export class Recovery {
  /** Test hook: no reconnection attempt before this time. */
  holdUntil = 0;

  constructor(
    private readonly core: RoomCore,
    private readonly session: RoomSession,
    private readonly subscriber: Subscriber,
    private readonly feed: RoomEventFeed,
    private readonly tokens: TokenRenewer,
  ) {}

  /** The WebSocket dropped: a new one, and join(reconnect) to stay the same participant. */
  async reconnect(why: string): Promise<void> {
    const core = this.core;
    if (core.recovery || core.ending || !core.connected) return;
    core.log.warn(`${why}: reconnecting`);
    const recovery = deferred<void>();
    core.recovery = recovery;
    core.emit('reconnecting', core.store.snapshot());
    this.feed.stop();
    const deadline = Date.now() + core.timings.reconnectWindowMs;
    try {
      await backOff(() => this.attempt(), {
        ...RECONNECT_SCHEDULE,
        numOfAttempts: Number.MAX_SAFE_INTEGER,
        retry: (err: unknown, attempt: number) => {
          if (err instanceof Abandoned || this.fatal(err)) return false;
          core.log.debug(`reconnect attempt ${attempt} failed`, err);
          if (Date.now() + pauseAfter(attempt) <= deadline) return true;
          throw new VideoRoomsError('NETWORK_ERROR', `could not reconnect within ${core.timings.reconnectWindowMs} ms`);
        },
      });
      core.recovery = null;
      recovery.resolve();
      core.emit('reconnected', core.store.snapshot());
    } catch (err) {
      core.recovery = null;
      if (err instanceof Abandoned) {
        recovery.reject(new VideoRoomsError('NOT_CONNECTED', 'disconnected'));
        return;
      }
      recovery.reject(err);
      await this.session.finish(this.fatal(err) ?? 'network_error', err as Error);
    }
  }

  /** One attempt: waits out a test hold, renews a token due for it, then a new connection and join(reconnect). */
  private async attempt(): Promise<void> {
    const core = this.core;
    const hold = this.holdUntil - Date.now();
    if (hold > 0) await sleep(hold);
    if (core.ending || !core.connected) throw new Abandoned();
    // An outage can outlast the token: the new connection must not open with a spent one.
    await this.tokens.ensureFresh();
    try {
      const joined = await this.session.establish({ participantId: core.participantId, reconnectKey: core.reconnectKey });
      const media = joined.sendTransport || joined.recvTransport ? 'reconnected with new media' : 'reconnected';
      core.log.info(joined.resumed ? media : 'joined again as a new participant');
    } catch (err) {
      core.signalling?.close(4000, 'reconnect attempt failed');
      // The node may be gone for good (in a cluster, its rooms move): the next attempt tries another.
      core.nextNodeUrl();
      throw err;
    }
  }

  /** A failure that ends the room rather than calls for another attempt. */
  private fatal(err: unknown): ReturnType<typeof reasonForError> {
    const reason = reasonForError(err);
    return reason && reason !== 'unknown' && reason !== 'timed_out' ? reason : null;
  }

  /** The media server of the room restarted: new transports on the same WebSocket. */
  async recoverMedia(reason: string): Promise<void> {
    const core = this.core;
    if (core.recovery || core.ending) return;
    core.log.warn(`media reconnect required (${reason})`);
    const recovery = deferred<void>();
    core.recovery = recovery;
    core.emit('reconnecting', core.store.snapshot());
    this.subscriber.openRestoreWindow();
    this.subscriber.forgetOldLosses();
    try {
      const joined = await join(core, { participantId: core.participantId, reconnectKey: core.reconnectKey });
      core.reconnectKey = joined.reconnectKey;
      if (joined.sendTransport || joined.recvTransport) await this.session.rebuildMedia(joined, false);
      core.recovery = null;
      recovery.resolve();
      core.emit('reconnected', core.store.snapshot());
    } catch (err) {
      core.recovery = null;
      recovery.reject(err);
      const fatal = reasonForError(err);
      if (fatal) await this.session.finish(fatal, err as Error);
      else void this.reconnect('media recovery failed');
    }
  }
}

import { sleep } from './async.js';
import { reasonForError } from './disconnect-reasons.js';
import { isVideoRoomsError, VideoRoomsError } from './errors.js';
import { JoinDocument, LeaveDocument, type JoinMutation, type WireTransportFragment } from './generated/graphql.js';
import type { Payload } from './signalling.js';
import { SignallingConnection } from './signalling.js';
import { nodeServerUrl } from './server-url.js';
import type { MetricsReporter } from './metrics-report.js';
import type { Publisher } from './publisher.js';
import type { RoomCore } from './room-core.js';
import type { RoomEventFeed } from './room-event-feed.js';
import type { Subscriber } from './subscriber.js';
import type { TokenRenewer } from './token-renewer.js';
import type { DisconnectionReason } from './types.js';

/** What join answers, with the ids the SDK cannot do without checked. */
export interface Joined {
  participantId: string;
  sessionId: string | null;
  reconnectKey: string;
  resumed: boolean;
  routerRtpCapabilities: unknown;
  sendTransport: WireTransportFragment | null;
  recvTransport: WireTransportFragment | null;
  grants: { canPublish: boolean; canSubscribe: boolean };
  /** The cluster's nodes (WebSocket URLs), the one joined first. */
  nodeUrls: string[];
}

/** How many times one join may be sent on to another node before the SDK gives up. */
const MAX_NODE_HOPS = 3;

export interface ReconnectAs {
  participantId: string;
  reconnectKey: string;
}

/** Sends join (or join with `reconnect`) over the current connection. */
export async function join(core: RoomCore, reconnect: ReconnectAs | null): Promise<Joined> {
  const { joined } = await core.send(JoinDocument, { context: core.context ?? null, reconnect }, 'join');
  return decodeJoined(joined);
}

function decodeJoined(j: Payload<JoinMutation, 'join'>['joined']): Joined {
  if (!j.participantId || !j.reconnectKey) throw new VideoRoomsError('UNKNOWN', 'join returned no participant id or reconnect key');
  return {
    participantId: j.participantId,
    sessionId: j.sessionId,
    reconnectKey: j.reconnectKey,
    resumed: !!j.resumed,
    routerRtpCapabilities: j.routerRtpCapabilities,
    sendTransport: j.sendTransport,
    recvTransport: j.recvTransport,
    grants: { canPublish: !!j.grants?.canPublish, canSubscribe: !!j.grants?.canSubscribe },
    nodeUrls: (j.nodeUrls ?? []).map((url) => nodeServerUrl(url)),
  };
}

/**
 * Taking part in the room over one connection: opening it, joining, setting up the media and the
 * room events; setting the media up again on new transports; and ending it all.
 */
export class RoomSession {
  private connections = 0;

  constructor(
    private readonly core: RoomCore,
    private readonly parts: { feed: RoomEventFeed; publisher: Publisher; subscriber: Subscriber; metrics: MetricsReporter; tokens: TokenRenewer },
    /** The connection dropped without being asked to. */
    private readonly dropped: (why: string) => void,
  ) {}

  /** How many WebSockets this room has opened (1 + reconnections). */
  get connectionCount(): number {
    return this.connections;
  }

  /** connect(): `connecting`, then `connected` once joined with the media set up, within the connect timeout. */
  async connect(): Promise<void> {
    const { core } = this;
    const { status } = core.store.current;
    if (status === 'connecting' || status === 'connected') throw new VideoRoomsError('ALREADY_CONNECTED', `the room is already ${status}`);
    core.ending = false;
    core.nodeUrl = core.url;
    core.store.setStatus('connecting');
    const { connectTimeoutMs } = core.timings;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new VideoRoomsError('TIMED_OUT', `connect() took longer than ${connectTimeoutMs} ms`)), connectTimeoutMs);
    });
    const establish = async () => {
      // A token that ran out while the app waited to connect is renewed first.
      await this.parts.tokens.ensureFresh();
      await this.establish(null);
    };
    try {
      await Promise.race([establish(), timeout]);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      await this.finish(reasonForError(err) ?? 'network_error', error, false);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    core.store.setStatus('connected');
    core.emit('connected', core.store.snapshot());
    this.parts.tokens.start();
  }

  /** disconnect(): leave (the server may take 2 s at most to hear it), then `user_initiated`. */
  async leave(): Promise<void> {
    const { core } = this;
    const { status } = core.store.current;
    if (status === 'disconnected' || status === 'initialized') return;
    core.leaving = true;
    try {
      if (core.signalling?.isOpen && core.participantId) {
        await Promise.race([core.send(LeaveDocument, {}, 'leave').catch(() => {}), sleep(2000)]);
      }
      await this.finish('user_initiated');
    } finally {
      core.leaving = false;
    }
  }

  /**
   * Opens a WebSocket, joins (or takes back `reconnect`), sets up the media and the room events. In
   * a cluster, a node that does not run the room names the one that does: the join goes there.
   */
  async establish(reconnect: ReconnectAs | null): Promise<Joined> {
    const core = this.core;
    let joined: Joined;
    let signalling: SignallingConnection;
    for (let hop = 0; ; hop++) {
      signalling = await this.openSignalling();
      try {
        joined = await join(core, reconnect);
        break;
      } catch (err) {
        if (!isVideoRoomsError(err, 'ROOM_ON_ANOTHER_NODE') || !err.url || hop >= MAX_NODE_HOPS) throw err;
        core.log.info(`the room runs on another node: joining at ${err.url}`);
        core.signalling = null;
        signalling.close(1000, 'room on another node');
        core.nodeUrl = nodeServerUrl(err.url);
      }
    }
    // A single server lists itself alone: nothing else to try.
    if (joined.nodeUrls.length > 1) core.knownUrls = joined.nodeUrls;
    const newIdentity = joined.participantId !== core.participantId;
    // Back after the grace period: the server made a new participant; the old one is gone.
    if (newIdentity && core.participantId) core.store.removeParticipant(core.participantId);
    core.participantId = joined.participantId;
    core.reconnectKey = joined.reconnectKey;
    core.grants = joined.grants;
    if (newIdentity) core.store.setLocalParticipant(joined.participantId, joined.sessionId);
    await core.media.load(joined.routerRtpCapabilities);
    await this.parts.feed.start(signalling);
    if (joined.sendTransport || joined.recvTransport) await this.rebuildMedia(joined, !reconnect);
    return joined;
  }

  private async openSignalling(): Promise<SignallingConnection> {
    const core = this.core;
    const signalling = new SignallingConnection({ url: core.nodeUrl, authorization: () => `Bearer ${core.token}`, log: core.log });
    core.signalling = signalling;
    this.connections += 1;
    void signalling.closed.then((info) => {
      if (core.signalling === signalling && !info.requested) this.dropped(`WebSocket closed (${info.code} ${info.reason})`);
    });
    await signalling.open(core.timings.connectTimeoutMs);
    return signalling;
  }

  /** New transports: the old media is gone. Publishes the local streams again and restores subscriptions. */
  async rebuildMedia(joined: Joined, firstJoin: boolean): Promise<void> {
    const { subscriber } = this.parts;
    this.core.ice.reset();
    if (!firstJoin) {
      subscriber.openRestoreWindow();
      subscriber.loseAll();
    }
    this.core.media.setTransports(joined.sendTransport, joined.recvTransport);
    await this.parts.publisher.republishAll();
    subscriber.restoreAvailable();
  }

  /** Ends everything on this side and reports `reason` (once). */
  async finish(reason: DisconnectionReason, error?: Error, announce = true): Promise<void> {
    const core = this.core;
    if (core.ending && announce) return;
    core.ending = true;
    this.parts.metrics.stop();
    this.parts.tokens.stop();
    core.ice.reset();
    this.parts.feed.stop();
    core.media.closeTransports();
    this.parts.publisher.stopAll();
    this.parts.subscriber.clear();
    core.signalling?.close(1000, reason);
    core.signalling = null;
    core.store.clearRoom();
    core.mixer.close();
    core.store.setStatus('disconnected');
    core.log.info(`disconnected: ${reason}`);
    core.emit('disconnected', reason, core.store.snapshot(), ...(error ? [error] : []));
  }
}

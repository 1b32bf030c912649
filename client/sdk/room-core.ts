import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { AnyVariables } from '@urql/core';
import type { Deferred } from './async.js';
import { AudioMixer } from './audio-mixer.js';
import { Emitter } from './emitter.js';
import { serverUrl } from './server-url.js';
import { VideoRoomsError } from './errors.js';
import { ConnectTransportDocument, PublishStreamDocument, RestartIceDocument } from './generated/graphql.js';
import { IceRestarter } from './ice-restarter.js';
import { KeyedLocks } from './keyed-locks.js';
import { Logger } from './logger.js';
import { MediaSession } from './media-session.js';
import type { Payload, SignallingConnection } from './signalling.js';
import { StateStore } from './store.js';
import type { Events, InitializeOptions, TrackKind } from './types.js';

/** Telnyx's events other than these are only emitted while connected. */
const UNGATED = new Set<keyof Events>(['state_changed', 'connected', 'disconnected']);

export type RoomTimings = Required<Pick<InitializeOptions, 'connectTimeoutMs' | 'reconnectWindowMs' | 'networkMetricsIntervalMs'>>;

/**
 * What the parts of a room share: who this client is in the room, the current signalling
 * connection, the state store, the media session, the events, and the gate that holds
 * operations while the connection or the media is being rebuilt.
 */
export class RoomCore {
  readonly id: string;
  token: string;
  readonly context: string | undefined;
  /** `enableMessages: false`: nothing is sent or received. */
  readonly messagesEnabled: boolean;
  /** The server the app gave (or the page's own). */
  readonly url: string;
  /** The node this client talks to now: in a cluster, the one that runs the room. */
  nodeUrl: string;
  /** The cluster's nodes, as the last join listed them: where to reconnect when this node is lost. */
  knownUrls: string[] = [];
  readonly log: Logger;
  readonly timings: RoomTimings;
  readonly emitter: Emitter<Events>;
  readonly store: StateStore;
  /** state.mixedAudioTrack: the received audio as one track. */
  readonly mixer = new AudioMixer();
  readonly media: MediaSession;
  readonly ice: IceRestarter;
  /** Operations on one stream or one subscription run one after another. */
  readonly locks = new KeyedLocks();

  signalling: SignallingConnection | null = null;
  participantId = '';
  reconnectKey = '';
  grants = { canPublish: false, canSubscribe: false };
  /** Set while the connection or the media is being rebuilt: operations wait for it. */
  recovery: Deferred<void> | null = null;
  ending = false;
  /** disconnect() is under way: our own ParticipantLeaving is expected. */
  leaving = false;

  constructor(options: InitializeOptions) {
    this.id = options.roomId;
    this.token = options.clientToken;
    this.context = options.context;
    this.messagesEnabled = options.enableMessages !== false;
    this.url = serverUrl(options.url);
    this.nodeUrl = this.url;
    this.log = new Logger(options.logLevel ?? 'WARN');
    this.timings = {
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
      reconnectWindowMs: options.reconnectWindowMs ?? 30_000,
      networkMetricsIntervalMs: options.networkMetricsIntervalMs ?? 5_000,
    };
    this.emitter = new Emitter<Events>(this.log);
    this.store = new StateStore(
      () => {
        this.mixer.set(this.store.remoteAudioTracks());
        this.emit('state_changed', this.store.snapshot());
      },
      () => this.mixer.track(),
    );
    this.media = new MediaSession(
      {
        connectTransport: async (transportId, dtlsParameters) => {
          await this.send(ConnectTransportDocument, { transportId, dtlsParameters }, 'connectTransport');
        },
        publish: async (streamKey, kind: TrackKind, rtpParameters) => {
          const kindOnWire = kind === 'audio' ? 'AUDIO' : 'VIDEO';
          const r = await this.send(PublishStreamDocument, { streamKey, kind: kindOnWire, rtpParameters }, 'publishStream');
          if (!r.published.producerId) throw new VideoRoomsError('UNKNOWN', 'the server returned no producer id');
          return r.published.producerId;
        },
      },
      this.log,
      { transportState: (direction, transportId, state) => this.ice.onState(direction, transportId, state) },
    );
    this.ice = new IceRestarter(
      (transportId) => this.restartIce(transportId),
      (direction) => this.media.transportState(direction),
      this.log,
    );
  }

  /**
   * After a failed reconnection attempt: the next place to try, in turn the node in use, the other
   * nodes the last join listed, and the server the app gave. Any of them sends the client on to the
   * node that runs the room.
   */
  nextNodeUrl(): void {
    const candidates = [...new Set([this.nodeUrl, ...this.knownUrls, this.url])];
    this.nodeUrl = candidates[(candidates.indexOf(this.nodeUrl) + 1) % candidates.length]!;
  }

  get connected(): boolean {
    return this.store.current.status === 'connected';
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    if (!UNGATED.has(event) && !this.connected) return;
    if (event === 'message_received' && !this.messagesEnabled) return;
    this.emitter.emit(event, ...args);
  }

  requireConnected(): void {
    if (!this.connected) throw new VideoRoomsError('NOT_CONNECTED', 'the room is not connected');
  }

  /** Waits while the connection or the media is being rebuilt. */
  async ready(): Promise<void> {
    while (this.recovery) await this.recovery.promise.catch(() => {});
    const { status } = this.store.current;
    if (status !== 'connected' && status !== 'connecting') throw new VideoRoomsError('NOT_CONNECTED', 'the room is not connected');
  }

  /** A mutation over the current signalling connection. */
  send<TData, TVars extends AnyVariables, F extends keyof TData & string>(document: DocumentTypeDecoration<TData, TVars>, variables: TVars, field: F): Promise<Payload<TData, F>> {
    const signalling = this.signalling;
    if (!signalling) return Promise.reject(new VideoRoomsError('NOT_CONNECTED', 'the room is not connected'));
    return signalling.request(document, variables, field);
  }

  /** New ICE credentials from the server for a transport whose path broke. */
  async restartIce(transportId: string): Promise<void> {
    await this.ready();
    const r = await this.send(RestartIceDocument, { transportId }, 'restartIce');
    await this.media.restartIce(transportId, r.iceParameters);
  }
}

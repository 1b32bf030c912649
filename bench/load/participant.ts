import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { DtlsPeer, RecvLink, ServerTransport } from './webrtc-link.js';

// One headless participant: a graphql-ws connection with a client token, as the SDK opens it,
// joined without publishing, subscribed to every stream in the room, receiving its media over its
// WebRTC recv transport (webrtc-link.ts) and counting packets per publisher and events by type.

const ERR = `__typename ... on UserError { code message }`;
const TRANSPORT = `id iceParameters iceCandidates dtlsParameters`;
const JOIN = `mutation($context: String) { join(context: $context) { ${ERR}
  ... on JoinPayload { joined { participantId sessionId routerRtpCapabilities recvTransport { ${TRANSPORT} } } } } }`;
const CONNECT = `mutation($t: ID!, $d: JSON!) { connectTransport(transportId: $t, dtlsParameters: $d) { ${ERR} } }`;
const CONSUMERS = `consumers { kind participantId rtpParameters }`;
const SUBSCRIBE = `mutation($p: ID!, $k: String!, $caps: JSON) { subscribe(participantId: $p, streamKey: $k, rtpCapabilities: $caps) { ${ERR}
  ... on SubscribePayload { subscription { ${CONSUMERS} } } } }`;
const UPDATE = `mutation($p: ID!, $k: String!) { updateSubscription(participantId: $p, streamKey: $k) { ${ERR}
  ... on UpdateSubscriptionPayload { subscription { ${CONSUMERS} } } } }`;
const RESUME = `mutation($p: ID!, $k: String!) { resumeSubscription(participantId: $p, streamKey: $k) { ${ERR} } }`;
const LEAVE = `mutation { leave { ${ERR} } }`;
const STREAM = `participantId key audio { enabled } video { enabled }`;
const EVENTS = `subscription($roomId: ID!) { roomEvents(roomId: $roomId) { __typename seq
  ... on RoomStateSnapshot { state { seq participants { id streams { ${STREAM} } } } }
  ... on StreamPublished { stream { ${STREAM} } }
  ... on StreamUpdated { stream { ${STREAM} } }
  ... on ParticipantLeaving { participantId reason }
  ... on ParticipantLeft { participantId reason } } }`;

interface WireStream {
  participantId: string;
  key: string;
  audio: unknown;
  video: unknown;
}
type Kind = 'audio' | 'video';

export interface ParticipantReport {
  participantId: string;
  context: string;
  /** RTP packets received, in all and by publisher and kind. */
  packets: number;
  packetsFrom: Record<string, { audio: number; video: number }>;
  /** Packets of SSRCs no consumer announced (mediasoup's bandwidth probation, ssrc 1234). */
  otherPackets: number;
  rtcpPackets: number;
  events: number;
  eventsByType: Record<string, number>;
  /** How it ended: still in, left by itself, or removed by the server (reason). */
  state: 'joined' | 'left' | string;
  errors: Record<string, number>;
}

export class HeadlessParticipant {
  readonly report: ParticipantReport;
  sessionId = '';
  private client!: Client;
  private link?: RecvLink;
  private caps: unknown;
  private lastSeq = -1;
  private readonly ssrcs = new Map<number, { from: string; kind: Kind }>();
  private readonly streams = new Map<string, { subscribed: boolean; kinds: Set<Kind>; chain: Promise<void> }>();
  private stopEvents?: () => void;

  private constructor(context: string) {
    this.report = { participantId: '', context, packets: 0, packetsFrom: {}, otherPackets: 0, rtcpPackets: 0, events: 0, eventsByType: {}, state: 'joined', errors: {} };
  }

  /** Joins with `token`, connects the recv transport through `peer`, and subscribes to everyone. */
  static async join(url: string, roomId: string, token: string, context: string, peer: DtlsPeer): Promise<HeadlessParticipant> {
    const p = new HeadlessParticipant(context);
    p.client = createClient({
      url: url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => {},
    });
    try {
      const joined = (await p.run(JOIN, { context }, 'JoinPayload')).joined;
      p.report.participantId = joined.participantId;
      p.sessionId = joined.sessionId;
      p.caps = joined.routerRtpCapabilities;
      const recv = joined.recvTransport as ServerTransport;
      p.link = await peer.link(
        recv,
        (d) => p.run(CONNECT, { t: recv.id, d }, 'ConnectTransportPayload').then(() => undefined),
        (ssrc) => p.onRtp(ssrc),
      );
      p.watch(roomId);
      return p;
    } catch (error) {
      await p.close();
      throw error;
    }
  }

  get participantId(): string {
    return this.report.participantId;
  }

  /** The report with the link's RTCP count brought up to date. */
  snapshot(): ParticipantReport {
    if (this.link) this.report.rtcpPackets = this.link.rtcpPackets;
    return structuredClone(this.report);
  }

  /** The server is about to remove it (a kick): its connection closing is then no error. */
  expectRemoval(reason: string): void {
    if (this.report.state === 'joined') this.report.state = reason;
  }

  async leave(): Promise<void> {
    if (this.report.state === 'joined') {
      // Before the request: a subscribe in flight that the leave overtakes is then no error.
      this.report.state = 'left';
      await this.run(LEAVE, {}, 'LeavePayload').catch((e: Error) => this.error(`leave: ${e.message.slice(0, 40)}`));
    }
    await this.close();
  }

  async close(): Promise<void> {
    this.stopEvents?.();
    this.link?.close();
    await this.client?.dispose();
  }

  private error(kind: string): void {
    this.report.errors[kind] = (this.report.errors[kind] ?? 0) + 1;
  }

  private onRtp(ssrc: number): void {
    this.report.packets++;
    const source = this.ssrcs.get(ssrc);
    if (!source) {
      this.report.otherPackets++;
      return;
    }
    const from = (this.report.packetsFrom[source.from] ??= { audio: 0, video: 0 });
    from[source.kind]++;
  }

  private run(query: string, variables: Record<string, unknown>, typename: string): Promise<any> {
    return new Promise((resolve, reject) => {
      let result: any;
      this.client.subscribe(
        { query, variables },
        {
          next: (r) => (result = r),
          error: (e) => reject(new Error(Array.isArray(e) ? JSON.stringify(e) : e instanceof Error ? e.message : 'socket closed')),
          complete: () => {
            const payload = result?.data ? Object.values(result.data)[0] : undefined;
            if ((payload as any)?.__typename === typename) resolve(payload);
            else reject(Object.assign(new Error(`${typename} expected: ${JSON.stringify(result).slice(0, 300)}`), { code: (payload as any)?.code ?? 'no_result' }));
          },
        },
      );
    });
  }

  private watch(roomId: string): void {
    this.stopEvents = this.client.subscribe<any>(
      { query: EVENTS, variables: { roomId } },
      {
        next: (r) => {
          if (!r.errors) return this.onEvent(r.data.roomEvents);
          // A participant removed by the server is told so on its feed: expected after a kick.
          if (this.report.state === 'joined') this.error(`event_error: ${String((r.errors[0] as { extensions?: { code?: string } }).extensions?.code ?? r.errors[0].message).slice(0, 60)}`);
        },
        error: () => {
          if (this.report.state === 'joined') this.error('events_closed');
        },
        complete: () => {},
      },
    );
  }

  private onEvent(ev: any): void {
    this.report.events++;
    this.report.eventsByType[ev.__typename] = (this.report.eventsByType[ev.__typename] ?? 0) + 1;
    if (ev.__typename === 'RoomStateSnapshot') {
      this.lastSeq = ev.seq;
      for (const p of ev.state.participants) for (const s of p.streams) this.want(s);
      return;
    }
    if (this.lastSeq >= 0 && ev.seq !== this.lastSeq + 1) this.error('event_gap');
    this.lastSeq = ev.seq;
    if (ev.__typename === 'StreamPublished' || ev.__typename === 'StreamUpdated') this.want(ev.stream);
    if ((ev.__typename === 'ParticipantLeaving' || ev.__typename === 'ParticipantLeft') && ev.participantId === this.participantId) {
      if (this.report.state === 'joined') this.report.state = ev.reason;
    }
    if (ev.__typename === 'ParticipantLeft') {
      for (const key of [...this.streams.keys()]) if (key.startsWith(`${ev.participantId}:`)) this.streams.delete(key);
    }
  }

  /** Subscribes to a stream, or picks up a track it gained; one request at a time per stream. */
  private want(stream: WireStream): void {
    if (stream.participantId === this.participantId || this.report.state !== 'joined') return;
    const id = `${stream.participantId}:${stream.key}`;
    let entry = this.streams.get(id);
    entry ??= { subscribed: false, kinds: new Set(), chain: Promise.resolve() };
    this.streams.set(id, entry);
    const wanted = (['audio', 'video'] as const).filter((k) => stream[k]);
    const mine = entry;
    mine.chain = mine.chain.then(async () => {
      if (mine.subscribed && wanted.every((k) => mine.kinds.has(k))) return;
      const vars = { p: stream.participantId, k: stream.key };
      try {
        const result = mine.subscribed ? await this.run(UPDATE, vars, 'UpdateSubscriptionPayload') : await this.run(SUBSCRIBE, { ...vars, caps: this.caps }, 'SubscribePayload');
        mine.subscribed = true;
        const consumers: Array<{ kind: string; rtpParameters: any }> = result.subscription.consumers;
        for (const c of consumers) {
          const kind = c.kind.toLowerCase() as Kind;
          mine.kinds.add(kind);
          for (const e of c.rtpParameters.encodings ?? []) {
            if (e.ssrc) this.ssrcs.set(e.ssrc, { from: stream.participantId, kind });
            if (e.rtx?.ssrc) this.ssrcs.set(e.rtx.ssrc, { from: stream.participantId, kind });
          }
        }
        if (consumers.length) await this.run(RESUME, vars, 'ResumeSubscriptionPayload');
      } catch (error) {
        // The publisher left or unpublished meanwhile: a race every client meets, not a fault.
        const code = (error as { code?: string }).code;
        if (code === 'NOT_FOUND' || this.report.state !== 'joined' || !this.streams.has(id)) return;
        this.error(`subscribe: ${code ?? (error as Error).message.slice(0, 60)}`);
      }
    });
  }
}

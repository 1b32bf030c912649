import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import * as ingresses from '../../db/ingresses.js';
import type { PageRequest } from '../../db/pagination.js';
import type { Database, IngressRow } from '../../db/types.js';
import { probeIngestSource, type IngestSource, type MediaKind } from '../../media/index.js';
import type { Logger } from '../app/logger.js';
import type { AccountEvents } from '../events/account-events.js';
import { ingressPayload } from '../events/payloads.js';
import type { Orchestrator } from '../live/orchestrator.js';
import type { OwnerRelay } from '../live/owner-relay.js';
import type { RoomService } from '../rooms/room-service.js';
import { ConflictError, NotFoundError, RoomFullError } from '../shared/errors.js';
import { Checker, isUuid } from '../shared/validation.js';
import { checkCreateIngress, type CreateIngressInput, type IngressRequest } from './ingress-input.js';
import { RunningIngress, type IngressOutcome } from './running-ingress.js';
import { newWhipToken, offerRefusal, whipEndpoint, whipTokenMatches, WhipRefusal, type WhipOfferOutcome } from './whip.js';

export type { CreateIngressInput };
export type { IngressFilter } from '../../db/ingresses.js';
// Where an RTP ingress is sent to, for the schema to describe without importing media/.
export type { IngestInput } from '../../media/index.js';

/** A new ingress; for WHIP with its bearer token, which is shown this once. */
export type CreatedIngress = IngressRow & { whipBearerToken?: string };

export interface IngressLimits {
  maxPerRoom: number;
  maxPerNode: number;
  /** A publishing ingress whose input sends nothing for this long ends (`input_timeout`). */
  idleTimeoutMs: number;
}

interface Entry {
  id: string;
  roomId: string;
  participantId: string;
  running?: RunningIngress;
  finishing?: Promise<IngressRow | undefined>;
  /** Its row is written: until then what happens to it waits, so that the row and events tell it in order. */
  stored: boolean;
  publishedEarly?: boolean;
  endedEarly?: IngressOutcome;
  /** WHIP: the publisher's session resource, claimed as soon as its offer is being taken. */
  whipSession?: string;
}

/**
 * Ingress: media from outside brought into a room by a participant the server runs. A URL
 * ingress is ffmpeg reading a file or stream; an RTP ingress waits for a sender at the addresses
 * it answers with. The row goes CONNECTING → PUBLISHING (first media) → ENDED (input over,
 * deleted, participant kicked, session over) or FAILED (with the reason), each step an event.
 */
export class IngressService {
  /** Running on this node, by ingress id and by participant id. */
  private readonly running = new Map<string, Entry>();
  private readonly byParticipant = new Map<string, Entry>();
  /** Ingresses being created, counted toward the limits before they run. */
  private readonly starting = new Map<string, number>();
  private readonly createOnOwner: (req: IngressRequest) => Promise<string>;
  private readonly stopOnOwner: (args: { roomId: string; id: string; reason?: string }) => Promise<void>;
  private readonly offerOnOwner: (args: { roomId: string; id: string; offer: string }) => Promise<WhipOfferOutcome>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: AccountEvents,
    private readonly rooms: RoomService,
    private readonly orchestrator: Orchestrator,
    private readonly limits: IngressLimits,
    private readonly log: Logger,
    relay: OwnerRelay,
    private readonly publicUrl: () => string = () => '',
  ) {
    // An ingress runs where its room runs: its participant and media are there.
    this.createOnOwner = relay.define('ingress.create', async (req: IngressRequest) => (await this.createHere(req)).id);
    this.stopOnOwner = relay.define('ingress.stop', async ({ id, reason }: { roomId: string; id: string; reason?: string }) => {
      const entry = this.running.get(id);
      if (entry) await this.finish(entry, { status: 'ended', reason: reason ?? 'deleted' });
    });
    this.offerOnOwner = relay.define('ingress.whipOffer', (args: { roomId: string; id: string; offer: string }) => this.offerHere(args.id, args.offer));
    orchestrator.onRoomEvent((event) => {
      // However the participant goes (kicked, session ended, room deleted), the ingress ends with it.
      if (event.type === 'ParticipantLeft') {
        const entry = this.byParticipant.get(event.participantId);
        if (entry) void this.finish(entry, { status: 'ended', reason: event.reason });
      }
      // The worker under the room died with the ingress's transports: its sender would send into
      // nothing, so the ingress fails rather than claim to publish.
      if (event.type === 'MediaReconnectRequired') {
        const lost = [...this.running.values()].filter((entry) => entry.roomId === event.roomId);
        for (const entry of lost) void this.finish(entry, { status: 'failed', reason: 'the media server under the room restarted: create the ingress again' });
      }
    });
  }

  /** The WHIP endpoint of a WHIP ingress (absolute, under the server's base URL). */
  whipUrl(id: string): string {
    return `${this.publicUrl().replace(/\/+$/, '')}${whipEndpoint(id)}`;
  }

  get(id: string): Promise<IngressRow | undefined> {
    return ingresses.findIngress(this.db, id);
  }

  list(filter: ingresses.IngressFilter, page: PageRequest) {
    return ingresses.listIngresses(this.db, filter, page);
  }

  /** Ingresses running on this node now. */
  get activeCount(): number {
    return this.running.size;
  }

  /** The ffmpeg feeding a URL ingress that runs here (for tests and figures). */
  ffmpegPid(id: string): number | undefined {
    return this.running.get(id)?.running?.ffmpegPid;
  }

  async create(input: CreateIngressInput): Promise<CreatedIngress> {
    const req = checkCreateIngress(input);
    await this.rooms.requireLive(req.roomId, 'input.roomId');
    const whip = req.kind === 'whip' ? newWhipToken() : undefined;
    const id = await this.createOnOwner({ ...req, ...(whip ? { whipTokenHash: whip.hash } : {}) });
    const row = (await ingresses.findIngress(this.db, id))!;
    return whip ? { ...row, whipBearerToken: whip.token } : row;
  }

  /** On the node that runs the room. */
  private async createHere(req: IngressRequest): Promise<IngressRow> {
    const room = await this.rooms.requireLive(req.roomId, 'input.roomId');
    this.checkLimits(req.roomId);
    if ((this.orchestrator.rooms.findRoom(req.roomId)?.participantCount ?? 0) >= room.max_participants) throw new RoomFullError(req.roomId, room.max_participants);
    this.starting.set(req.roomId, (this.starting.get(req.roomId) ?? 0) + 1);
    try {
      let source: IngestSource | undefined;
      let videoCodec = req.videoCodec;
      if (req.kind === 'url') {
        const probe = await probeIngestSource(req.url!);
        // Unreadable input: the ingress exists, FAILED with the reason, and the room is untouched.
        if (!probe.ok) return await this.insertFailed(req, probe.reason);
        source = probe.source;
        videoCodec = probe.videoCodec;
      }
      // A WHIP ingress has no plain inputs: its publisher's offer brings a WebRTC transport.
      const kinds: MediaKind[] = req.kind === 'whip' ? [] : source ? (['audio', 'video'] as const).filter((k) => source[k]) : ['audio', 'video'];
      return await this.start(req, kinds, videoCodec, source);
    } finally {
      const left = (this.starting.get(req.roomId) ?? 1) - 1;
      if (left > 0) this.starting.set(req.roomId, left);
      else this.starting.delete(req.roomId);
    }
  }

  private checkLimits(roomId: string): void {
    const pending = [...this.starting.values()].reduce((a, b) => a + b, 0);
    if (this.running.size + pending >= this.limits.maxPerNode) {
      throw new ConflictError(`this server already runs ${this.limits.maxPerNode} ingresses (INGRESS_MAX_PER_NODE): delete one first`, 'input.roomId');
    }
    const inRoom = [...this.running.values()].filter((e) => e.roomId === roomId).length + (this.starting.get(roomId) ?? 0);
    if (inRoom >= this.limits.maxPerRoom) {
      throw new ConflictError(`the room already has ${this.limits.maxPerRoom} ingresses running (INGRESS_MAX_PER_ROOM): delete one first`, 'input.roomId');
    }
  }

  private async start(req: IngressRequest, kinds: MediaKind[], videoCodec: IngressRequest['videoCodec'], source: IngestSource | undefined): Promise<IngressRow> {
    const id = uuidv7();
    const joined = await this.orchestrator.participants.joinAsServer(req.roomId, req.context);
    const entry: Entry = { id, roomId: req.roomId, participantId: joined.participantId, stored: false };
    this.running.set(id, entry);
    this.byParticipant.set(entry.participantId, entry);
    let row: IngressRow;
    try {
      entry.running = await RunningIngress.open(
        this.orchestrator,
        { roomId: req.roomId, participantId: entry.participantId },
        { kinds, videoCodec, idleMs: this.limits.idleTimeoutMs },
        {
          publishing: () => void this.publishing(entry),
          stopped: (outcome) => void this.finish(entry, outcome),
        },
      );
      const now = new Date();
      row = await this.events.transaction(async (trx, emit) => {
        const inserted = await ingresses.insertIngress(trx, {
          ...this.baseRow(id, req, now),
          status: 'connecting',
          session_id: joined.sessionId,
          participant_id: entry.participantId,
          rtp_inputs: req.kind === 'whip' ? null : JSON.stringify(entry.running!.inputs),
          node_id: this.orchestrator.rooms.nodeId,
          whip_token_hash: req.whipTokenHash ?? null,
        });
        await emit('video.room.ingress.created', req.roomId, ingressPayload(inserted));
        return inserted;
      });
    } catch (err) {
      this.forget(entry);
      await entry.running?.close();
      await this.orchestrator.leave(entry.participantId, 'left');
      throw err;
    }
    entry.stored = true;
    // Gone while it was being set up (kicked, session ended): it ends now that its row exists.
    const gone = entry.endedEarly ?? (this.orchestrator.findPresence(entry.participantId) ? undefined : { status: 'ended', reason: 'left' });
    if (gone) void this.finish(entry, gone);
    else if (req.kind === 'url') await entry.running.feed(req.url!, { loop: req.loop, source: source! });
    if (entry.publishedEarly) void this.publishing(entry);
    this.log.info({ ingressId: id, roomId: req.roomId, kind: req.kind, participantId: entry.participantId }, 'ingress started');
    return row;
  }

  private baseRow(id: string, req: IngressRequest, now: Date) {
    return { id, room_id: req.roomId, kind: req.kind, url: req.url, loop: req.loop, context: req.context, created_at: now, updated_at: now };
  }

  private insertFailed(req: IngressRequest, reason: string): Promise<IngressRow> {
    const now = new Date();
    return this.events.transaction(async (trx, emit) => {
      const row = await ingresses.insertIngress(trx, { ...this.baseRow(uuidv7(), req, now), status: 'failed', failure_reason: reason, ended_at: now, ended_reason: 'failed' });
      await emit('video.room.ingress.created', req.roomId, ingressPayload(row));
      await emit('video.room.ingress.failed', req.roomId, { ...ingressPayload(row), failure_reason: reason });
      return row;
    });
  }

  private async publishing(entry: Entry): Promise<void> {
    if (!entry.stored) {
      entry.publishedEarly = true;
      return;
    }
    try {
      await this.events.transaction(async (trx, emit) => {
        const row = await ingresses.markIngressPublishing(trx, entry.id, new Date());
        if (row) await emit('video.room.ingress.publishing', row.room_id, ingressPayload(row));
      });
    } catch (err) {
      this.log.error({ err, ingressId: entry.id }, 'could not record an ingress as publishing');
    }
  }

  /** Stops an ingress once, however many paths ask: ffmpeg stops, the row and event say how, the participant leaves. */
  private finish(entry: Entry, outcome: IngressOutcome): Promise<IngressRow | undefined> {
    if (!entry.stored) {
      entry.endedEarly ??= outcome;
      return Promise.resolve(undefined);
    }
    entry.finishing ??= (async () => {
      this.forget(entry);
      await entry.running?.close();
      const now = new Date();
      const row = await this.events.transaction(async (trx, emit) => {
        const failed = outcome.status === 'failed';
        const done = await ingresses.finishIngress(trx, entry.id, {
          status: outcome.status,
          failure_reason: failed ? outcome.reason : null,
          ended_reason: failed ? 'failed' : outcome.reason,
          ended_at: now,
          updated_at: now,
        });
        if (done && failed) await emit('video.room.ingress.failed', done.room_id, { ...ingressPayload(done), failure_reason: outcome.reason });
        if (done && !failed) await emit('video.room.ingress.ended', done.room_id, { ...ingressPayload(done), ended_reason: outcome.reason });
        return done;
      });
      await this.orchestrator.leave(entry.participantId, 'left');
      this.log.info({ ingressId: entry.id, roomId: entry.roomId, ...outcome }, 'ingress stopped');
      return row;
    })();
    return entry.finishing;
  }

  private forget(entry: Entry): void {
    if (this.running.get(entry.id) === entry) this.running.delete(entry.id);
    if (this.byParticipant.get(entry.participantId) === entry) this.byParticipant.delete(entry.participantId);
  }

  /**
   * WHIP (RFC 9725): a publisher's SDP offer for ingress `id`, with the bearer token it was given.
   * Answers the SDP answer and the session resource to DELETE at the end; WhipRefusal (with the
   * HTTP status) for an unknown ingress, a wrong token, one that is not WHIP, has a publisher
   * already or has ended, and for an offer the room cannot take. A refusal changes nothing.
   */
  async whipOffer(id: string, token: string | undefined, offer: string): Promise<{ answer: string; session: string }> {
    const row = await this.whipRow(id, token);
    if (row.status !== 'connecting' && row.status !== 'publishing') throw new WhipRefusal(409, `ingress ${id} has ${row.status} (${row.ended_reason ?? row.failure_reason ?? ''}): create a new one`);
    if (row.whip_session) throw new WhipRefusal(409, `ingress ${id} already has a publisher: DELETE its session first, or create another ingress`);
    const outcome = await this.offerOnOwner({ roomId: row.room_id, id, offer });
    if (!outcome.ok) throw new WhipRefusal(outcome.status, outcome.message);
    return outcome;
  }

  /** WHIP: the publisher ends its session (DELETE on its Location): the ingress ends (`input_ended`), its participant leaves. */
  async whipEnd(id: string, token: string | undefined, session: string): Promise<void> {
    const row = await this.whipRow(id, token);
    if (!row.whip_session || row.whip_session !== session) throw new WhipRefusal(404, `ingress ${id} has no WHIP session ${session.slice(0, 40)}`);
    if (row.status === 'connecting' || row.status === 'publishing') await this.stopOnOwner({ roomId: row.room_id, id, reason: 'input_ended' });
  }

  /** The WHIP ingress `id`, once the bearer token is right. */
  private async whipRow(id: string, token: string | undefined): Promise<IngressRow> {
    const row = isUuid(id) ? await ingresses.findIngress(this.db, id) : undefined;
    if (!row) throw new WhipRefusal(404, `there is no ingress ${id.slice(0, 40)}`);
    // The token first: an ingress of another kind has none, so whoever lacks the right token
    // learns nothing of what the ingress is.
    if (!whipTokenMatches(token, row.whip_token_hash))
      throw new WhipRefusal(401, token ? 'the bearer token is not the one of this ingress' : 'a bearer token is needed: Authorization: Bearer <the token createIngress answered>');
    if (row.kind !== 'whip') throw new WhipRefusal(409, `ingress ${id} is a ${row.kind.toUpperCase()} ingress, not WHIP`);
    return row;
  }

  /** On the node that runs the room: the offer becomes a transport and producers, and the answer. */
  private async offerHere(id: string, offer: string): Promise<WhipOfferOutcome> {
    const entry = this.running.get(id);
    if (!entry?.running || !entry.stored) return { ok: false, status: 409, message: `ingress ${id} is not running: create a new one` };
    if (entry.whipSession) return { ok: false, status: 409, message: `ingress ${id} already has a publisher: DELETE its session first, or create another ingress` };
    const session = uuidv7();
    entry.whipSession = session;
    try {
      const answer = await entry.running.acceptOffer(offer);
      await ingresses.updateIngress(this.db, id, { whip_session: session, updated_at: new Date() });
      this.log.info({ ingressId: id, roomId: entry.roomId }, 'WHIP publisher connected');
      return { ok: true, answer, session };
    } catch (err) {
      entry.whipSession = undefined;
      await entry.running.releaseWhip();
      const refusal = offerRefusal(err);
      return { ok: false, status: refusal.status, message: refusal.message };
    }
  }

  /** Stops the ingress if it runs (its participant leaves) and deletes it; answers it as it was last. */
  async delete(id: string): Promise<IngressRow> {
    const c = new Checker();
    c.uuid('id', id);
    c.done();
    const running = await ingresses.findIngress(this.db, id);
    if (!running) throw new NotFoundError('ingress', id, 'id');
    if (running.status === 'connecting' || running.status === 'publishing') await this.stopOnOwner({ roomId: running.room_id, id });
    const row = await ingresses.findIngress(this.db, id);
    if (!row) throw new NotFoundError('ingress', id, 'id');
    await ingresses.deleteIngress(this.db, id);
    return row;
  }

  /** The process stops: every ingress here ends, its ffmpeg killed, before the sessions close. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.running.values()].map((entry) => this.finish(entry, { status: 'ended', reason: 'server_shutdown' })));
  }

  /** Ingresses a previous process (or, in a cluster, a dead node) left running: they ended with it. */
  async recoverInterrupted(nodeId?: string, reason: 'server_restarted' | 'node_lost' = 'server_restarted'): Promise<number> {
    const stale = await ingresses.runningIngresses(this.db, nodeId);
    for (const row of stale) {
      const now = new Date();
      await this.events.transaction(async (trx, emit) => {
        const done = await ingresses.finishIngress(trx, row.id, { status: 'ended', ended_reason: reason, ended_at: now, updated_at: now });
        if (done) await emit('video.room.ingress.ended', done.room_id, { ...ingressPayload(done), ended_reason: reason });
      });
    }
    return stale.length;
  }
}

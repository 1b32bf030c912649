import type { ServerApi } from '../load/api.js';
import { joinReceivers } from '../load/load.js';
import type { HeadlessParticipant, ParticipantReport } from '../load/participant.js';
import type { DtlsPeer } from '../load/webrtc-link.js';

// One room of the soak: its URL ingress publishers, its headless receivers, and the things users
// and moderators do to it at random.

export type Rng = () => number;

/** mulberry32: a small seeded generator, so that a run can be repeated with its seed. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class ErrorLog {
  readonly byKind: Record<string, number> = {};
  add(kind: string): void {
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
  }
}

interface Publisher {
  ingressId: string;
  participantId: string;
  createdAt: number;
}

/**
 * A publisher is replaced only once it has published this long. A track that lives a second or
 * two gives a FAILED recording ("no media was received for this track": the recorder had not
 * started or seen a key frame yet), which the first 10-minute soak met twice (1.8 and 2.1 s).
 */
const MIN_PUBLISHER_AGE_MS = 10_000;

export type Action = 'churn' | 'kick' | 'mute' | 'restart-publisher';

export class SoakRoom {
  id = '';
  readonly publishers: Publisher[] = [];
  receivers: HeadlessParticipant[] = [];
  /** Reports of receivers that are gone (left or kicked). */
  readonly gone: ParticipantReport[] = [];
  readonly actions: Record<string, number> = {};
  private muted = false;
  /** When each publisher's audio was muted by a moderator: [from, to) in ms since the epoch. */
  readonly mutes: Array<{ participantId: string; from: number; to: number }> = [];
  private joined = 0;
  private publishersMade = 0;

  constructor(
    readonly index: number,
    readonly recording: boolean,
    private readonly api: ServerApi,
    private readonly peer: DtlsPeer,
    private readonly errors: ErrorLog,
    private readonly mediaFile: string,
  ) {}

  async open(webhookUrl: string, publishers: number, receivers: number): Promise<void> {
    const room = await this.api.createRoom({
      uniqueName: `soak-${this.index}-${Date.now()}`,
      maxParticipants: Math.max(10, publishers + receivers + 2),
      enableRecording: this.recording,
      webhookEventUrl: webhookUrl,
    });
    this.id = room.id;
    for (let i = 0; i < publishers; i++) await this.addPublisher();
    await this.addReceivers(receivers);
  }

  private async addPublisher(): Promise<void> {
    const ingress = await this.api.createUrlIngress(this.id, this.mediaFile, `publisher-${this.publishersMade++}`);
    if (!ingress.participantId) throw new Error('an ingress without a participant');
    this.publishers.push({ ingressId: ingress.id, participantId: ingress.participantId, createdAt: Date.now() });
  }

  private async addReceivers(n: number): Promise<void> {
    const joined = await joinReceivers(this.api, this.peer, this.id, n, `room${this.index}-r${this.joined}`);
    this.joined += n;
    this.receivers.push(...joined);
  }

  private sessionId(): string | undefined {
    return this.receivers.find((r) => r.report.state === 'joined')?.sessionId;
  }

  private pick<T>(rng: Rng, items: T[]): T | undefined {
    return items.length ? items[Math.floor(rng() * items.length)] : undefined;
  }

  /** One thing at random: a receiver leaves and another joins, a kick, a mute or unmute, a publisher replaced (recording rooms: a recording stops, another starts). */
  async act(rng: Rng): Promise<void> {
    const choices: Action[] = ['churn', 'kick', 'mute', ...(this.recording ? (['restart-publisher', 'restart-publisher'] as const) : [])];
    let action = this.pick(rng, choices)!;
    if (action === 'restart-publisher' && Date.now() - (this.publishers[0]?.createdAt ?? 0) < MIN_PUBLISHER_AGE_MS) action = 'churn';
    this.actions[action] = (this.actions[action] ?? 0) + 1;
    try {
      await this.do(action, rng);
    } catch (error) {
      this.errors.add(`${action}: ${(error as { kind?: string }).kind ?? (error as Error).message.slice(0, 60)}`);
    }
  }

  private async do(action: Action, rng: Rng): Promise<void> {
    const session = this.sessionId();
    if (action === 'churn' || action === 'kick') {
      const who = this.pick(rng, this.receivers);
      if (!who) return;
      this.receivers = this.receivers.filter((r) => r !== who);
      if (action === 'churn') await who.leave();
      else if (session) {
        who.expectRemoval('kicked');
        await this.api.moderate('kick', session, [who.participantId]);
        await who.close();
      }
      this.gone.push(who.snapshot());
      await this.addReceivers(1);
    } else if (action === 'mute') {
      const ids = this.publishers.map((p) => p.participantId);
      if (session && ids.length) await this.setMuted(!this.muted, session, ids);
    } else {
      const old = this.publishers.shift();
      if (!old) return;
      // Half of the time by kicking its participant, else by deleting it.
      if (rng() < 0.5 && session) await this.api.moderate('kick', session, [old.participantId]);
      else await this.api.deleteIngress(old.ingressId);
      await this.addPublisher();
    }
  }

  private async setMuted(muted: boolean, session: string, ids: string[]): Promise<void> {
    if (muted) {
      await this.api.moderate('mute', session, ids);
      // Open until the next unmute (or the end).
      for (const participantId of ids) this.mutes.push({ participantId, from: Date.now(), to: Infinity });
    } else {
      await this.api.moderate('unmute', session, ids);
      for (const m of this.mutes) if (m.to === Infinity) m.to = Date.now();
    }
    this.muted = muted;
  }

  /** Before the quiet window at the end: every publisher heard again. */
  async unmute(): Promise<void> {
    const session = this.sessionId();
    const ids = this.publishers.map((p) => p.participantId);
    if (this.muted && session) await this.setMuted(false, session, ids).catch(() => this.errors.add('unmute: failed'));
  }

  /** How long `participantId`'s audio was not muted between two moments. */
  unmutedMs(participantId: string, from: number, to: number): number {
    let muted = 0;
    for (const m of this.mutes) if (m.participantId === participantId) muted += Math.max(0, Math.min(to, m.to) - Math.max(from, m.from));
    return to - from - muted;
  }

  /** Everyone out: receivers leave, ingresses deleted (the room then ends its session). */
  async empty(): Promise<ParticipantReport[]> {
    const last = this.receivers.map((r) => r.snapshot());
    await Promise.all(this.receivers.map((r) => r.leave()));
    this.receivers = [];
    for (const p of this.publishers.splice(0)) await this.api.deleteIngress(p.ingressId).catch((e: { kind?: string }) => this.errors.add(`delete ingress at the end: ${e.kind}`));
    return [...this.gone, ...last];
  }
}

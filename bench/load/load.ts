import type { ServerApi } from './api.js';
import { HeadlessParticipant, type ParticipantReport } from './participant.js';
import type { DtlsPeer } from './webrtc-link.js';

// The load tool as a module: headless receivers joined to rooms (participant.ts), and what they
// counted, for the CLI (run.ts) and the soak (bench/soak).

/** Joins `count` headless receivers to a room, a client token each, a few at a time. */
export async function joinReceivers(api: ServerApi, peer: DtlsPeer, roomId: string, count: number, contextPrefix = 'receiver'): Promise<HeadlessParticipant[]> {
  const out: HeadlessParticipant[] = [];
  for (let i = 0; i < count; i++) {
    const token = await api.clientToken(roomId);
    out.push(await HeadlessParticipant.join(api.url, roomId, token, `${contextPrefix}-${i}`, peer));
  }
  return out;
}

export interface LoadSummary {
  participants: number;
  packets: number;
  events: number;
  errors: Record<string, number>;
  /** Receivers that got no packet from a publisher they should have heard (receiver -> publishers). */
  missing: Array<{ participantId: string; from: string; kind: 'audio' | 'video' }>;
}

/**
 * Adds up reports; `publishers` are the participant ids every receiver should have had both
 * audio and video from.
 */
export function summarize(reports: ParticipantReport[], publishers: string[] = []): LoadSummary {
  const errors: Record<string, number> = {};
  const missing: LoadSummary['missing'] = [];
  for (const r of reports) {
    for (const [kind, n] of Object.entries(r.errors)) errors[kind] = (errors[kind] ?? 0) + n;
    for (const from of publishers) {
      for (const kind of ['audio', 'video'] as const) if (!r.packetsFrom[from]?.[kind]) missing.push({ participantId: r.participantId, from, kind });
    }
  }
  return {
    participants: reports.length,
    packets: reports.reduce((n, r) => n + r.packets, 0),
    events: reports.reduce((n, r) => n + r.events, 0),
    errors,
    missing,
  };
}

/** One line per participant: packets (by publisher), events, errors. */
export function reportLines(reports: ParticipantReport[]): string[] {
  return reports.map((r) => {
    const from = Object.entries(r.packetsFrom)
      .map(([id, k]) => `${id.slice(-6)} a${k.audio}/v${k.video}`)
      .join(', ');
    const errors = Object.entries(r.errors)
      .map(([k, n]) => `${k}×${n}`)
      .join(', ');
    return `${r.context.padEnd(14)} ${r.participantId.slice(-6)} packets ${String(r.packets).padStart(7)} (${from || 'none'}) rtcp ${r.rtcpPackets} events ${r.events} ${r.state}${errors ? ` errors: ${errors}` : ''}`;
  });
}

import { VideoRoomsError } from './errors.js';
import type { TrackKind, TrackSource } from './types.js';

/** A track the SDK publishes, and whether the SDK captured it (and so stops it when done). */
export interface LocalTrack {
  track: MediaStreamTrack;
  captured: boolean;
  enabled: boolean;
}

export interface ResolvedSource {
  audio?: LocalTrack;
  video?: LocalTrack;
  simulcast: boolean;
}

/** What a TrackSource asks for: no track, this track, or one captured (with these constraints). */
export type Intent = { type: 'none' } | { type: 'track'; track: MediaStreamTrack } | { type: 'capture'; constraints: true | MediaTrackConstraints };

const isTrack = (v: unknown): v is MediaStreamTrack => typeof MediaStreamTrack !== 'undefined' && v instanceof MediaStreamTrack;

function wrapped(v: unknown): { track?: MediaStreamTrack; options?: { enableSimulcast?: boolean } } | null {
  if (v && typeof v === 'object' && !isTrack(v) && ('track' in v || 'options' in v)) return v as never;
  return null;
}

/**
 * Reads one kind of addStream's / updateStream's argument. Telnyx's forms mean what they mean
 * there: a track is that track; `undefined` and `{track: undefined, options}` mean no track (a
 * camera left off stays off). Ours: `true` or constraints capture one, `false` is none.
 */
export function intentOf(kind: TrackKind, source: TrackSource | null | undefined): Intent {
  if (source === undefined || source === null || source === false) return { type: 'none' };
  const track = isTrack(source) ? source : wrapped(source)?.track;
  if (track) {
    if (!isTrack(track) || track.kind !== kind) throw new VideoRoomsError('INVALID_ARGUMENT', `${kind}: got a ${isTrack(track) ? track.kind : typeof track} track`);
    return { type: 'track', track };
  }
  if (wrapped(source)) return { type: 'none' };
  return { type: 'capture', constraints: source === true ? true : (source as MediaTrackConstraints) };
}

/** Whether `video` asks for simulcast in Telnyx's way (`{track, options: {enableSimulcast: true}}`). */
export const wantsSimulcast = (video: TrackSource | undefined): boolean => !!wrapped(video)?.options?.enableSimulcast;

/** Captures the kinds asked for in one getUserMedia call (getDisplayMedia for the `presentation` stream). */
export async function capture(key: string, want: Partial<Record<TrackKind, true | MediaTrackConstraints>>): Promise<Partial<Record<TrackKind, LocalTrack>>> {
  const out: Partial<Record<TrackKind, LocalTrack>> = {};
  if (!want.audio && !want.video) return out;
  const media =
    key === 'presentation'
      ? await navigator.mediaDevices.getDisplayMedia({ video: want.video ?? true, audio: want.audio ?? false })
      : await navigator.mediaDevices.getUserMedia({
          audio: want.audio ?? false,
          video: want.video === true ? { width: { ideal: 1280 }, height: { ideal: 720 } } : (want.video ?? false),
        });
  for (const track of media.getTracks()) {
    const kind = track.kind as TrackKind;
    if (want[kind] && !out[kind]) out[kind] = { track, captured: true, enabled: true };
    else track.stop();
  }
  return out;
}

/** Turns addStream's sources into tracks: given ones as they are, the others captured together. */
export async function resolveSources(key: string, audio: TrackSource | undefined, video: TrackSource | undefined, simulcast?: boolean): Promise<ResolvedSource> {
  const out: ResolvedSource = { simulcast: !!simulcast || wantsSimulcast(video) };
  const want: Partial<Record<TrackKind, true | MediaTrackConstraints>> = {};
  for (const [kind, source] of [
    ['audio', audio],
    ['video', video],
  ] as const) {
    const intent = intentOf(kind, source);
    if (intent.type === 'track') out[kind] = { track: intent.track, captured: false, enabled: intent.track.enabled };
    else if (intent.type === 'capture') want[kind] = intent.constraints;
  }
  return { ...out, ...(await capture(key, want)) };
}

export function stopCaptured(source: Partial<Record<TrackKind, LocalTrack>>): void {
  for (const t of [source.audio, source.video]) if (t?.captured) t.track.stop();
}

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

const isTrack = (v: unknown): v is MediaStreamTrack => typeof MediaStreamTrack !== 'undefined' && v instanceof MediaStreamTrack;

function wrapped(v: unknown): { track?: MediaStreamTrack; options?: { enableSimulcast?: boolean } } | null {
  if (v && typeof v === 'object' && !isTrack(v) && ('track' in v || 'options' in v)) return v as never;
  return null;
}

/**
 * Turns addStream's sources into tracks: MediaStreamTracks as given; `true` or constraints
 * captured in one getUserMedia call (or getDisplayMedia for the `presentation` stream).
 */
export async function resolveSources(key: string, audio: TrackSource | undefined, video: TrackSource | undefined, simulcast?: boolean): Promise<ResolvedSource> {
  const out: ResolvedSource = { simulcast: !!simulcast };
  const want: Partial<Record<TrackKind, boolean | MediaTrackConstraints>> = {};
  for (const [kind, source] of [
    ['audio', audio],
    ['video', video],
  ] as const) {
    if (source === undefined || source === false || source === null) continue;
    if (isTrack(source)) {
      if (source.kind !== kind) throw new TypeError(`${kind}: got a ${source.kind} track`);
      out[kind] = { track: source, captured: false, enabled: true };
      continue;
    }
    const w = wrapped(source);
    if (w) {
      if (w.options?.enableSimulcast) out.simulcast = true;
      if (w.track) out[kind] = { track: w.track, captured: false, enabled: true };
      else want[kind] = true;
      continue;
    }
    want[kind] = source === true ? true : (source as MediaTrackConstraints);
  }
  if (want.audio || want.video) {
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
  }
  return out;
}

export function stopCaptured(source: Partial<Record<TrackKind, LocalTrack>>): void {
  for (const t of [source.audio, source.video]) if (t?.captured) t.track.stop();
}

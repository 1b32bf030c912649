// The camera and microphone the app captures itself (not the SDK): so that the pre-join preview
// shows the chosen devices, the same tracks go into the meeting without a second prompt, and
// the camera is released when it is turned off.
import { describeError, type Problem } from './reasons.js';

export type Kind = 'audio' | 'video';

/** The camera's capture size and rate (the page's `res` and `fps` parameters). */
export interface VideoQuality {
  width: number;
  height: number;
  frameRate: number;
}

export interface Devices {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

function constraints(kind: Kind, deviceId: string | undefined, quality: VideoQuality): MediaTrackConstraints {
  const device = deviceId ? { deviceId: { exact: deviceId } } : {};
  if (kind === 'audio') return device;
  return { ...device, width: { ideal: quality.width }, height: { ideal: quality.height }, frameRate: { ideal: quality.frameRate } };
}

/** One track of `kind` from the device chosen (the default one when none is). */
export async function captureTrack(kind: Kind, deviceId: string | undefined, quality: VideoQuality): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraints(kind, deviceId, quality) });
  return stream.getTracks()[0]!;
}

/**
 * The tracks asked for, in one prompt when possible; when that fails (no camera, a denied
 * camera), each kind alone, so that a person without a camera can still join with a microphone.
 */
export async function captureTracks(
  want: Partial<Record<Kind, string | true>>,
  quality: VideoQuality,
): Promise<{ tracks: Partial<Record<Kind, MediaStreamTrack>>; problems: Partial<Record<Kind, Problem>> }> {
  const kinds = (['audio', 'video'] as const).filter((k) => want[k]);
  const id = (k: Kind) => (typeof want[k] === 'string' ? (want[k] as string) : undefined);
  const tracks: Partial<Record<Kind, MediaStreamTrack>> = {};
  const problems: Partial<Record<Kind, Problem>> = {};
  if (kinds.length === 0) return { tracks, problems };
  try {
    const stream = await navigator.mediaDevices.getUserMedia(Object.fromEntries(kinds.map((k) => [k, constraints(k, id(k), quality)])));
    for (const t of stream.getTracks()) tracks[t.kind as Kind] = t;
    return { tracks, problems };
  } catch (err) {
    if (kinds.length === 1) return { tracks, problems: { [kinds[0]!]: describeError(err) } };
  }
  for (const k of kinds) {
    try {
      tracks[k] = await captureTrack(k, id(k), quality);
    } catch (err) {
      problems[k] = describeError(err);
    }
  }
  return { tracks, problems };
}

/** Cameras and microphones; their labels are known once a capture was allowed. */
export async function listDevices(): Promise<Devices> {
  const all = navigator.mediaDevices?.enumerateDevices ? await navigator.mediaDevices.enumerateDevices() : [];
  // Chrome lists "default" and "communications" aliases of real microphones: one entry per device reads better.
  const real = all.filter((d) => d.deviceId && d.deviceId !== 'communications');
  return { cameras: real.filter((d) => d.kind === 'videoinput'), microphones: real.filter((d) => d.kind === 'audioinput') };
}

/** Calls `fn` when a device is plugged in or out. */
export function onDevicesChanged(fn: () => void): () => void {
  navigator.mediaDevices?.addEventListener?.('devicechange', fn);
  return () => navigator.mediaDevices?.removeEventListener?.('devicechange', fn);
}

/** The device a live track comes from, to preselect it in the lists. */
export const deviceOf = (track: MediaStreamTrack | undefined): string | undefined => track?.getSettings().deviceId;

export const stopTracks = (...tracks: (MediaStreamTrack | undefined)[]) => tracks.forEach((t) => t?.stop());

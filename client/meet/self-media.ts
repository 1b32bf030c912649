// What this participant sends: the camera and microphone as the `self` stream, and the screen as
// `presentation`. The app captures camera and microphone itself (the devices chosen before
// joining), sends a muted microphone as a paused track, and releases the camera when it is turned
// off, so that its light goes out.
import type { Room } from '../sdk/index.js';
import { captureTrack, stopTracks, type Kind, type VideoQuality } from './local-media.js';

export interface Capture {
  quality: VideoQuality;
  audioDeviceId?: string;
  videoDeviceId?: string;
}

export interface Sending {
  mic: boolean;
  camera: boolean;
}

const isCancelledPicker = (err: unknown) => err instanceof DOMException && err.name === 'NotAllowedError';
const flagOf = (kind: Kind): keyof Sending => (kind === 'audio' ? 'mic' : 'camera');

/**
 * Everything here is known from our own calls, not read off the room's state: the state follows
 * the server's echo, and a call made just after another (mute right after publishing) would
 * otherwise see the stream as it was before.
 */
export class SelfMedia {
  /** The tracks this app captured, to stop when the meeting ends. */
  private readonly owned = new Set<MediaStreamTrack>();
  private published = false;
  private readonly sent: Partial<Record<Kind, MediaStreamTrack>> = {};
  private on: Sending = { mic: false, camera: false };

  constructor(
    private readonly room: Room,
    private readonly capture: Capture,
    /** What we send changed. */
    private readonly changed: () => void,
  ) {}

  /** What goes out now (a kind not published is off). */
  sending(): Sending {
    return this.on;
  }

  isSharing(): boolean {
    const state = this.room.getState();
    return state.streams.has(`${state.localParticipantId}:presentation`);
  }

  /**
   * Publishes the tracks from the pre-join screen. A microphone chosen off goes out paused (so
   * that unmuting is instant); a camera chosen off is not sent at all.
   */
  async publish(tracks: Partial<Record<Kind, MediaStreamTrack>>, want: Sending): Promise<void> {
    const { audio } = tracks;
    let { video } = tracks;
    if (video && !want.camera) {
      video.stop();
      video = undefined;
    }
    for (const t of [audio, video]) if (t) this.owned.add(t);
    if (!audio && !video) return;
    // Disabled before it is produced, so that not one frame of sound goes out.
    if (audio && !want.mic) audio.enabled = false;
    await this.room.addStream('self', { audio, video: video && simulcastWorthIt(video) ? { track: video, options: { enableSimulcast: true } } : video });
    this.published = true;
    Object.assign(this.sent, { audio, video });
    this.set({ mic: !!audio, camera: !!video });
    if (audio && !want.mic) await this.update({ mic: false });
  }

  async setMic(on: boolean): Promise<void> {
    if (on && !this.sent.audio) return this.addTrack('audio');
    await this.update({ mic: on });
  }

  async setCamera(on: boolean): Promise<void> {
    if (on) return this.addTrack('video');
    await this.update({ camera: false });
    this.release(this.sent.video);
    delete this.sent.video;
  }

  /** Starts or stops sharing the screen; closing the picker is no error. */
  async toggleShare(): Promise<void> {
    if (this.isSharing()) return this.room.removeStream('presentation');
    try {
      await this.room.addStream('presentation', { video: true });
    } catch (err) {
      if (isCancelledPicker(err)) return;
      throw err;
    }
    const state = this.room.getState();
    const track = state.streams.get(`${state.localParticipantId}:presentation`)?.videoTrack;
    // The browser's own "Stop sharing" ends the track: unpublish with it.
    track?.addEventListener('ended', () => void this.room.removeStream('presentation').catch(() => {}));
  }

  /** The meeting is over: nothing of ours keeps the camera or the microphone open. */
  stop(): void {
    stopTracks(...this.owned);
    this.owned.clear();
  }

  /** A fresh track of `kind` from the chosen device, sent (and turned on). */
  private async addTrack(kind: Kind): Promise<void> {
    const track = await captureTrack(kind, kind === 'audio' ? this.capture.audioDeviceId : this.capture.videoDeviceId, this.capture.quality);
    this.owned.add(track);
    try {
      if (!this.published) {
        await this.room.addStream('self', { [kind]: track });
        this.published = true;
      } else {
        await this.room.updateStream('self', { ...this.flags(), [kind]: track });
        // A replaced track keeps its predecessor's off state: turn it on.
        await this.update({ [flagOf(kind)]: true });
      }
    } catch (err) {
      this.release(track);
      throw err;
    }
    if (this.sent[kind] !== track) this.release(this.sent[kind]);
    this.sent[kind] = track;
    this.set({ [flagOf(kind)]: true });
  }

  /**
   * Turns kinds on or off. Both kinds are always named: whether a kind left out stays as it is
   * (this SDK) or goes off (Telnyx's updateStream), the call means the same.
   */
  private async update(change: Partial<Sending>): Promise<void> {
    const before = this.on;
    const next = { ...before, ...change };
    // Shown at the press: the SDK pauses or resumes the track before the server answers, so the
    // button says what goes out now, never after the others already see it. Put back if refused.
    this.set(change);
    try {
      await this.room.updateStream('self', { audio: next.mic, video: next.camera });
    } catch (err) {
      this.set(pick(before, change));
      throw err;
    }
  }

  private flags(): { audio: boolean; video: boolean } {
    return { audio: this.on.mic, video: this.on.camera };
  }

  private set(change: Partial<Sending>): void {
    this.on = { ...this.on, ...change };
    this.changed();
  }

  private release(track: MediaStreamTrack | undefined): void {
    if (!track) return;
    track.stop();
    this.owned.delete(track);
  }
}

/** The values `before` had for the kinds `change` names. */
function pick(before: Sending, change: Partial<Sending>): Partial<Sending> {
  return Object.fromEntries(Object.keys(change).map((k) => [k, before[k as keyof Sending]]));
}

/**
 * Simulcast from a camera of 540 lines or more: its three layers (¼, ½, full size) then match the
 * SDK's assumed 180/360/720 ladder, and others' small tiles take a small layer. Below that, Chrome
 * drops layers and the ladder would not hold.
 */
function simulcastWorthIt(track: MediaStreamTrack): boolean {
  return (track.getSettings().height ?? 0) >= 540;
}

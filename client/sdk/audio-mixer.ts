interface Input {
  source: MediaStreamAudioSourceNode;
  /** Chromium feeds a remote WebRTC track to Web Audio only while a media element plays it too. */
  sink: HTMLAudioElement | null;
}

/**
 * The room's audio as one track (Telnyx's `mixedAudioTrack`, which its server mixes): the audio
 * tracks this client receives, summed by Web Audio into one MediaStreamAudioDestinationNode.
 * Nothing is created until the app asks for the track: an AudioContext runs a real-time thread.
 */
export class AudioMixer {
  private ctx: AudioContext | null = null;
  private out: MediaStreamAudioDestinationNode | null = null;
  private readonly inputs = new Map<MediaStreamTrack, Input>();
  private wanted: MediaStreamTrack[] = [];

  /** The mixed track, made on first use; undefined where there is no Web Audio. */
  track(): MediaStreamTrack | undefined {
    if (!this.out) {
      if (typeof AudioContext === 'undefined') return undefined;
      const ctx = new AudioContext();
      this.ctx = ctx;
      this.out = ctx.createMediaStreamDestination();
      // A context made before any user gesture starts suspended (autoplay rules): the first gesture lets it run.
      if (ctx.state === 'suspended' && typeof document !== 'undefined') {
        const resume = () => void ctx.resume().catch(() => {});
        for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, resume, { once: true, capture: true });
      }
      this.apply();
    }
    return this.out.stream.getAudioTracks()[0];
  }

  /** The tracks to mix from now on (the remote audio tracks in the state). */
  set(tracks: MediaStreamTrack[]): void {
    this.wanted = tracks;
    if (this.out) this.apply();
  }

  private apply(): void {
    const { ctx, out } = this;
    if (!ctx || !out) return;
    for (const [track, input] of this.inputs) {
      if (this.wanted.includes(track) && track.readyState === 'live') continue;
      input.source.disconnect();
      if (input.sink) input.sink.srcObject = null;
      this.inputs.delete(track);
    }
    for (const track of this.wanted) {
      if (this.inputs.has(track) || track.readyState !== 'live') continue;
      const stream = new MediaStream([track]);
      const source = ctx.createMediaStreamSource(stream);
      source.connect(out);
      let sink: HTMLAudioElement | null = null;
      if (typeof Audio !== 'undefined') {
        sink = new Audio();
        sink.muted = true;
        sink.srcObject = stream;
        sink.play().catch(() => {});
      }
      this.inputs.set(track, { source, sink });
    }
  }

  /** The room ended: the next track() starts a new mix. */
  close(): void {
    this.wanted = [];
    this.apply();
    void this.ctx?.close().catch(() => {});
    this.ctx = null;
    this.out = null;
  }
}

// One meeting from connect to its end: follows the room's events into a view the screens
// render (state, connection phase, quality, chat, the last problem), receives everyone's
// streams, and carries out what the person does (mute, camera, share, chat, leave).
import type { Message, NetworkMetricsEntry, Room, State } from '../sdk/index.js';
import { emptyChat, withMessage, withOpen, type Chat } from './chat-log.js';
import type { Kind } from './local-media.js';
import { displayName } from './names.js';
import { Observable } from './observable.js';
import { describeError, type Problem } from './reasons.js';
import { SelfMedia, type Capture, type Sending } from './self-media.js';

export type Phase = 'connecting' | 'connected' | 'reconnecting' | 'ended';

export interface MeetingView {
  readonly phase: Phase;
  readonly state: State;
  /** participantId → the latest network_metrics_report entry (the local one: our own link). */
  readonly quality: Readonly<Record<string, NetworkMetricsEntry>>;
  readonly chat: Chat;
  /** Something that went wrong during the meeting, until dismissed. */
  readonly notice: Problem | null;
  /** Why the meeting ended, once it has. */
  readonly ending: { reason: string; problem?: Problem } | null;
  readonly connectedAt: number | null;
  /** Whether our microphone and camera go out. */
  readonly sending: Sending;
  /** Actions under way (their buttons wait). */
  readonly busy: readonly Action[];
}

export type Action = 'mic' | 'camera' | 'share' | 'chat';

/** An operator's message (server API) names an API key, not a participant. */
const fromOperator = (m: Message) => 'fromOperator' in m && !!m.fromOperator;

export class Meeting {
  readonly view: Observable<MeetingView>;
  readonly media: SelfMedia;
  /** Names of everyone seen in this meeting, kept after they leave (for the chat). */
  private readonly names = new Map<string, string>();
  private connecting = false;

  constructor(
    readonly room: Room,
    readonly localName: string,
    capture: Capture,
  ) {
    this.media = new SelfMedia(room, capture, () => this.update({ sending: this.media.sending() }));
    this.view = new Observable<MeetingView>({
      phase: 'connecting',
      state: room.getState(),
      quality: {},
      chat: emptyChat,
      notice: null,
      ending: null,
      connectedAt: null,
      sending: this.media.sending(),
      busy: [],
    });
    this.follow();
  }

  private update(patch: Partial<MeetingView>): void {
    this.view.set({ ...this.view.get(), ...patch });
  }

  /** A tile's <video> of another's stream, for the SDK's adaptive stream (bound: handed to the stage as is). */
  readonly attachVideo = (participantId: string, key: string, element: HTMLVideoElement): (() => void) => this.room.attachVideo(participantId, key, element);

  /** Receives every stream of the others, as it appears. */
  private receive(participantId: string, key: string): void {
    this.room.addSubscription(participantId, key, { audio: true, video: true }).catch((err) => console.warn('could not receive', participantId, key, err));
  }

  private follow(): void {
    const { room } = this;
    room.on('state_changed', (state) => {
      for (const p of state.participants.values()) if (!this.names.has(p.id)) this.names.set(p.id, displayName(p.id, p.context));
      this.update({ state });
    });
    room.on('connected', (state) => {
      for (const s of state.streams.values()) if (s.origin === 'remote') this.receive(s.participantId, s.key);
      this.reportQuality(state);
    });
    // The tiles' quality bars: the SDK reports only on the participants it is asked about (as Telnyx's).
    room.on('participant_joined', (_pid, state) => this.reportQuality(state));
    room.on('participant_left', (_pid, state) => this.reportQuality(state));
    room.on('stream_published', (pid, key, state) => {
      if (pid !== state.localParticipantId) this.receive(pid, key);
    });
    room.on('reconnecting', () => this.update({ phase: 'reconnecting' }));
    room.on('reconnected', () => this.update({ phase: 'connected' }));
    room.on('network_metrics_report', (metrics) => this.update({ quality: metrics }));
    room.on('message_received', (from, message) => {
      const name = fromOperator(message) ? 'Meeting host' : this.nameOf(from);
      this.update({ chat: withMessage(this.view.get().chat, { from, name, local: false, text: message.payload, at: Date.now() }) });
    });
    room.on('disconnected', (reason, _state, error) => {
      this.media.stop();
      // A failed connect() is the caller's to report (the pre-join screen shows it).
      if (this.connecting) return;
      this.update({ phase: 'ended', ending: { reason, problem: error && reason !== 'user_initiated' ? describeError(error) : undefined } });
    });
  }

  private reportQuality(state: State): void {
    void this.room.enableNetworkMetricsReport([...state.participants.keys()]).catch(() => undefined);
  }

  nameOf(participantId: string): string {
    if (participantId === this.room.getState().localParticipantId) return this.localName;
    return this.names.get(participantId) ?? displayName(participantId, undefined);
  }

  /** Connects and sends the tracks from the pre-join screen; a failed connect rejects (and ends nothing else). */
  async start(tracks: Partial<Record<Kind, MediaStreamTrack>>, want: Sending): Promise<void> {
    this.connecting = true;
    // User Timing marks: how long joining takes can be read off the page (bench/meet-join.ts does).
    performance.mark('meet:connect');
    try {
      await this.room.connect();
    } catch (err) {
      this.media.stop();
      for (const t of Object.values(tracks)) t?.stop();
      throw err;
    } finally {
      this.connecting = false;
    }
    performance.mark('meet:connected');
    this.update({ phase: 'connected', connectedAt: Date.now() });
    await this.run('camera', () => this.media.publish(tracks, want), 'Could not send your camera and microphone');
  }

  /** Runs an action once at a time, its failure shown as a notice. */
  private async run(action: Action, fn: () => Promise<void>, failure: string): Promise<void> {
    if (this.view.get().busy.includes(action)) return;
    this.update({ busy: [...this.view.get().busy, action] });
    try {
      await fn();
    } catch (err) {
      if (this.view.get().phase !== 'ended') {
        const p = describeError(err);
        this.update({ notice: { text: `${failure}: ${p.text}`, code: p.code } });
      }
    } finally {
      this.update({ busy: this.view.get().busy.filter((a) => a !== action) });
    }
  }

  toggleMic(): Promise<void> {
    return this.run('mic', () => this.media.setMic(!this.media.sending().mic), 'Could not change your microphone');
  }

  toggleCamera(): Promise<void> {
    return this.run('camera', () => this.media.setCamera(!this.media.sending().camera), 'Could not change your camera');
  }

  toggleShare(): Promise<void> {
    return this.run('share', () => this.media.toggleShare(), 'Could not share your screen');
  }

  /** Sends a chat message to everyone; resolves false when it could not be sent (the text stays with the caller). */
  async sendChat(text: string): Promise<boolean> {
    let sent = false;
    await this.run(
      'chat',
      async () => {
        await this.room.sendMessage({ type: 'text', payload: text });
        sent = true;
        // The SDK does not hand our own messages back: the log gets them here.
        this.update({ chat: withMessage(this.view.get().chat, { from: this.room.getState().localParticipantId, name: this.localName, local: true, text, at: Date.now() }) });
      },
      'Your message was not sent',
    );
    return sent;
  }

  setChatOpen(open: boolean): void {
    this.update({ chat: withOpen(this.view.get().chat, open) });
  }

  dismissNotice(): void {
    this.update({ notice: null });
  }

  leave(): Promise<void> {
    return this.room.disconnect();
  }
}

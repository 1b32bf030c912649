// The demo meeting app: /meet/?roomId=<id>&token=<access token>[&refreshToken=<refresh token>][&name=<display name>][&res=640x360][&fps=20]
// With a refresh token the SDK renews the access token by itself: the meeting lasts as long as the refresh token.
// Joins, publishes camera and microphone as `self`, receives everyone, one tile per remote stream.
import { initialize, isVideoRoomsError, type DisconnectionReason, type Room, type State } from '../sdk/index.js';

const params = new URLSearchParams(location.search);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  status: $('status'),
  error: $('error'),
  tiles: $('tiles'),
  mute: $<HTMLButtonElement>('mute'),
  camera: $<HTMLButtonElement>('camera'),
  share: $<HTMLButtonElement>('share'),
  leave: $<HTMLButtonElement>('leave'),
};

const DISCONNECT_TEXT: Record<DisconnectionReason, string> = {
  user_initiated: 'You left the meeting.',
  network_error: 'The connection to the meeting was lost.',
  timed_out: 'The meeting did not answer in time.',
  unauthorized: 'Your access token has expired or is not valid.',
  forbidden: 'You are not allowed to join this meeting.',
  kicked: 'You were removed from the meeting by a moderator.',
  session_terminated: 'The meeting was ended.',
  room_deleted: 'This room has been deleted.',
  room_expired: 'The meeting’s time is up.',
  unknown: 'You were disconnected.',
};

const ERROR_TEXT: Record<string, string> = {
  ROOM_FULL: 'The room is full.',
  ROOM_DELETED: 'This room has been deleted.',
  UNAUTHENTICATED: 'Your access token has expired or is not valid.',
  FORBIDDEN: 'You are not allowed to do this.',
  NETWORK_ERROR: 'Could not reach the meeting server.',
  TIMED_OUT: 'The meeting did not answer in time.',
};

function showError(text: string, code?: string): void {
  ui.error.textContent = text;
  ui.error.dataset.code = code ?? '';
  ui.error.hidden = false;
}

function setStatus(status: string, text: string): void {
  ui.status.dataset.status = status;
  ui.status.textContent = text;
}

function describeError(err: unknown): { text: string; code?: string } {
  if (isVideoRoomsError(err)) {
    const base = ERROR_TEXT[err.code] ?? err.message;
    const detail = err.code === 'ROOM_FULL' || err.code === 'UNAUTHENTICATED' ? ` (${err.message})` : '';
    return { text: base + detail, code: err.code };
  }
  if (err instanceof DOMException && err.name === 'NotAllowedError') return { text: 'Camera or microphone permission was denied.', code: 'PERMISSION_DENIED' };
  return { text: err instanceof Error ? err.message : String(err) };
}

function displayName(context: string | undefined, fallback: string): string {
  if (!context) return fallback;
  try {
    const parsed = JSON.parse(context) as { name?: unknown; username?: unknown };
    const name = parsed.name ?? parsed.username;
    if (typeof name === 'string' && name) return name;
  } catch {
    // a plain string context
  }
  return context;
}

function captureConstraints(): MediaTrackConstraints {
  const [w, h] = (params.get('res') ?? '640x360').split('x').map(Number);
  return { width: { ideal: w || 640 }, height: { ideal: h || 360 }, frameRate: { ideal: Number(params.get('fps')) || 20 } };
}

// ---- tiles ----------------------------------------------------------------------------------

const tileId = (pid: string, key: string) => `tile-${pid}-${key}`;

function tileFor(pid: string, key: string, local: boolean): HTMLElement {
  let tile = document.getElementById(tileId(pid, key));
  if (!tile) {
    tile = document.createElement('div');
    tile.id = tileId(pid, key);
    tile.className = 'tile';
    tile.dataset.participantId = pid;
    tile.dataset.streamKey = key;
    if (local) tile.dataset.local = 'true';
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = local;
    const label = document.createElement('div');
    label.className = 'label';
    const flags = document.createElement('div');
    flags.className = 'flags';
    tile.append(video, label, flags);
    if (local) ui.tiles.prepend(tile);
    else ui.tiles.append(tile);
  }
  return tile;
}

/** Makes the tiles match the state: one per remote stream we receive, plus our own preview. */
function render(room: Room, state: State): void {
  const wanted = new Set<string>();
  for (const stream of state.streams.values()) {
    const local = stream.origin === 'local';
    if (!local && !state.subscriptions.get(stream.participantId)?.get(stream.key)) continue;
    wanted.add(tileId(stream.participantId, stream.key));
    const tile = tileFor(stream.participantId, stream.key, local);
    const participant = state.participants.get(stream.participantId);
    const name = local ? 'You' : displayName(participant?.context, stream.participantId.slice(0, 8));
    (tile.querySelector('.label') as HTMLElement).textContent = stream.key === 'presentation' ? `${name} (screen)` : name;
    tile.dataset.audioEnabled = String(stream.isAudioEnabled);
    tile.dataset.videoEnabled = String(stream.isVideoEnabled);
    tile.dataset.audioCensored = String(stream.isAudioCensored);
    const flags: string[] = [];
    if (stream.hasAudio && !stream.isAudioEnabled) flags.push('muted');
    if (stream.isAudioCensored) flags.push('muted by moderator');
    if (stream.hasVideo && !stream.isVideoEnabled) flags.push('camera off');
    (tile.querySelector('.flags') as HTMLElement).textContent = flags.join(' · ');
    const speaking = state.activeSpeaker?.participantId === stream.participantId && stream.key === 'self';
    tile.classList.toggle('speaking', speaking);
    const video = tile.querySelector('video') as HTMLVideoElement;
    const tracks = [stream.videoTrack, local ? undefined : stream.audioTrack].filter((t): t is MediaStreamTrack => !!t);
    const current = (video.srcObject as MediaStream | null)?.getTracks() ?? [];
    if (tracks.length !== current.length || tracks.some((t) => !current.includes(t))) {
      video.srcObject = tracks.length ? new MediaStream(tracks) : null;
      if (tracks.length) video.play().catch(() => {});
    }
  }
  for (const tile of [...ui.tiles.querySelectorAll<HTMLElement>('.tile')]) if (!wanted.has(tile.id)) tile.remove();

  const self = room.getState().streams.get(`${state.localParticipantId}:self`);
  ui.mute.setAttribute('aria-pressed', String(!!self && !self.isAudioEnabled));
  ui.mute.textContent = self && !self.isAudioEnabled ? 'Unmute' : 'Mute';
  ui.mute.disabled = !self?.hasAudio || !!self?.isAudioCensored;
  ui.mute.title = self?.isAudioCensored ? 'Muted by a moderator' : '';
  ui.camera.setAttribute('aria-pressed', String(!!self && !self.isVideoEnabled));
  ui.camera.textContent = self && !self.isVideoEnabled ? 'Camera on' : 'Camera off';
  ui.camera.disabled = !self?.hasVideo;
  const sharing = state.streams.has(`${state.localParticipantId}:presentation`);
  ui.share.setAttribute('aria-pressed', String(sharing));
  ui.share.textContent = sharing ? 'Stop sharing' : 'Share screen';
}

// ---- the meeting ----------------------------------------------------------------------------

async function main(): Promise<void> {
  const roomId = params.get('roomId');
  const token = params.get('token');
  if (!roomId || !token) {
    setStatus('error', 'Missing parameters');
    showError('Open this page as /meet/?roomId=<room id>&token=<client token>.', 'MISSING_PARAMETERS');
    return;
  }
  const name = params.get('name');
  const refreshToken = params.get('refreshToken') || undefined;
  const room = await initialize({ roomId, clientToken: token, refreshToken, context: name ? JSON.stringify({ name }) : undefined, logLevel: 'WARN' });
  (window as unknown as { meet: unknown }).meet = { room };

  const subscribe = (pid: string, key: string) => room.addSubscription(pid, key, { audio: true, video: true }).catch((err) => console.warn('subscribe failed', pid, key, err));

  room.on('state_changed', (state) => render(room, state));
  room.on('connected', (state) => {
    setStatus('connected', 'Connected');
    for (const s of state.streams.values()) if (s.origin === 'remote') void subscribe(s.participantId, s.key);
  });
  room.on('stream_published', (pid, key, state) => {
    if (pid !== state.localParticipantId) void subscribe(pid, key);
  });
  room.on('audio_activity', () => render(room, room.getState()));
  room.on('disconnected', (reason, _state, error) => {
    setStatus('disconnected', 'Disconnected');
    for (const b of [ui.mute, ui.camera, ui.share, ui.leave]) b.disabled = true;
    ui.tiles.replaceChildren();
    if (reason === 'user_initiated') showError(DISCONNECT_TEXT[reason], reason);
    else if (error) {
      const d = describeError(error);
      showError(d.text, d.code ?? reason);
    } else showError(DISCONNECT_TEXT[reason], reason);
    ui.error.dataset.reason = reason;
  });

  // updateStream describes the whole stream (a kind left out is turned off): both flags each time.
  ui.mute.onclick = () => {
    const self = room.getState().streams.get(`${room.getState().localParticipantId}:self`);
    if (self) room.updateStream('self', { audio: !self.isAudioEnabled, video: self.isVideoEnabled }).catch((err) => showError(describeError(err).text));
  };
  ui.camera.onclick = () => {
    const self = room.getState().streams.get(`${room.getState().localParticipantId}:self`);
    if (self) room.updateStream('self', { audio: self.isAudioEnabled, video: !self.isVideoEnabled }).catch((err) => showError(describeError(err).text));
  };
  ui.share.onclick = async () => {
    ui.share.disabled = true;
    try {
      const state = room.getState();
      if (state.streams.has(`${state.localParticipantId}:presentation`)) await room.removeStream('presentation');
      else {
        await room.addStream('presentation', { video: true });
        const track = room.getState().streams.get(`${room.getState().localParticipantId}:presentation`)?.videoTrack;
        // The browser's own "stop sharing" ends the track: unpublish with it.
        track?.addEventListener('ended', () => void room.removeStream('presentation').catch(() => {}));
      }
    } catch (err) {
      showError(describeError(err).text);
    } finally {
      ui.share.disabled = room.getState().status !== 'connected';
    }
  };
  ui.leave.onclick = () => void room.disconnect();

  setStatus('connecting', 'Connecting…');
  try {
    await room.connect();
  } catch (err) {
    const d = describeError(err);
    setStatus('error', 'Could not join');
    showError(d.text, d.code);
    return;
  }
  ui.leave.disabled = false;
  ui.share.disabled = false;
  try {
    await room.addStream('self', { audio: true, video: captureConstraints() });
  } catch (err) {
    const d = describeError(err);
    showError(`Could not publish your camera and microphone: ${d.text}`, d.code);
  }
}

main().catch((err) => {
  setStatus('error', 'Error');
  showError(describeError(err).text);
});

// One participant on the live page: who (their context's name), what they publish and in what
// state (camera, microphone, screen; muted by themselves or by a moderator), whether they are
// speaking, their connection's quality, and the moderator's buttons.
import type { ComponentChildren } from 'preact';
import { formatAgo, formatDateTime } from '../../ui/format.js';
import type { LiveParticipant, LiveStream } from './room-events.js';

type TrackLook = { text: string; tone: 'ok' | 'warn' | 'bad' | 'off' };

function micLook(s: LiveStream | undefined): TrackLook {
  if (!s?.audio) return { text: 'No microphone', tone: 'off' };
  if (s.isAudioCensored) return { text: 'Muted by moderator', tone: 'bad' };
  return s.isAudioEnabled ? { text: 'Mic on', tone: 'ok' } : { text: 'Mic muted', tone: 'warn' };
}

function cameraLook(s: LiveStream | undefined): TrackLook {
  if (!s?.video) return { text: 'No camera', tone: 'off' };
  if (s.isVideoCensored) return { text: 'Camera off by moderator', tone: 'bad' };
  return s.isVideoEnabled ? { text: 'Camera on', tone: 'ok' } : { text: 'Camera off', tone: 'warn' };
}

function screenLook(s: LiveStream | undefined): TrackLook | null {
  if (!s) return null;
  const audio = s.audio ? (s.isAudioCensored ? ', audio muted by moderator' : s.isAudioEnabled ? ', with audio' : '') : '';
  return { text: `Sharing screen${audio}`, tone: s.isVideoEnabled ? 'ok' : 'warn' };
}

function Track({ look, label }: { look: TrackLook; label: string }) {
  return (
    <li class={`track ${look.tone}`} aria-label={`${label}: ${look.text}`}>
      <span class="track-dot" aria-hidden="true" />
      {look.text}
    </li>
  );
}

export interface ParticipantCardProps {
  participant: LiveParticipant;
  name: string;
  speaking: boolean;
  /** The quality sparklines (filled once roomStats readings arrive). */
  quality?: ComponentChildren;
  onMute: () => void;
  onUnmute: () => void;
  onKick: () => void;
}

export function ParticipantCard({ participant: p, name, speaking, quality, onMute, onUnmute, onKick }: ParticipantCardProps) {
  const self = p.streams.find((s) => s.key === 'self');
  const screen = p.streams.find((s) => s.key === 'presentation');
  const censored = p.streams.some((s) => s.isAudioCensored);
  const share = screenLook(screen);
  return (
    <article class={speaking ? 'participant card speaking' : 'participant card'} aria-label={name} data-participant-id={p.id}>
      <header class="participant-head">
        <div class="participant-name">
          <span class="avatar" aria-hidden="true">
            {name.slice(0, 1).toUpperCase()}
          </span>
          <div>
            <h3>{name}</h3>
            <p class="muted small" title={formatDateTime(p.joinedAt)}>
              joined {formatAgo(p.joinedAt)}
              {!p.canPublish && ' · view only'}
              {!p.canSubscribe && ' · receives nothing'}
            </p>
          </div>
        </div>
        {speaking && (
          <span class="badge speaking-badge" role="status">
            Speaking
          </span>
        )}
      </header>
      <ul class="tracks" aria-label={`${name}'s tracks`}>
        <Track look={cameraLook(self)} label="Camera" />
        <Track look={micLook(self)} label="Microphone" />
        {share && <Track look={share} label="Screen" />}
      </ul>
      {quality}
      <div class="participant-actions">
        {censored ? (
          <button type="button" onClick={onUnmute} aria-label={`Unmute ${name}`}>
            Unmute
          </button>
        ) : (
          <button type="button" onClick={onMute} aria-label={`Mute ${name}`}>
            Mute
          </button>
        )}
        <button type="button" class="danger" onClick={onKick} aria-label={`Kick ${name}`}>
          Kick
        </button>
      </div>
    </article>
  );
}

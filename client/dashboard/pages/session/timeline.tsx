// A session drawn to scale: one row per participant, a bar from joining to leaving (growing while
// they are in the room), and under it a thin bar per recorded track, from start to stop — click
// one to play it.
import { idTail } from '../records/short-forms.js';
import { formatDuration, formatTime } from '../../ui/format.js';
import { leftReasonText } from '../records/badges.js';
import { participantName } from '../records/participant-label.js';
import { extent, position, ticks, type Span } from './time-axis.js';

export interface TimelineParticipant {
  id: string;
  context?: string | null;
  joinedAt: string;
  leftAt?: string | null;
  leftReason?: string | null;
}

export interface TimelineRecording {
  id: string;
  type: 'AUDIO' | 'VIDEO';
  status: 'PROCESSING' | 'COMPLETED' | 'FAILED';
  streamKey?: string | null;
  startedAt: string;
  endedAt?: string | null;
  durationSecs?: number | null;
  participant: { id: string };
}

const withSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const minutesOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

const ms = (iso: string) => new Date(iso).getTime();

/** Lanes under a participant's bar: camera video, camera audio, then the screen share's. */
function lanes(recordings: TimelineRecording[]): TimelineRecording[][] {
  const order = (r: TimelineRecording) => (r.streamKey === 'presentation' ? 2 : 0) + (r.type === 'VIDEO' ? 0 : 1);
  const byLane = new Map<number, TimelineRecording[]>();
  for (const r of recordings) byLane.set(order(r), [...(byLane.get(order(r)) ?? []), r]);
  return [...byLane.entries()].sort((a, b) => a[0] - b[0]).map(([, rs]) => rs);
}

/** `now` is given while the session is live: bars of those present end there, and a line marks it. */
export function Timeline(props: { span: Span; participants: TimelineParticipant[]; recordings: TimelineRecording[]; now: number | null; onPlay: (id: string) => void }) {
  const { span, participants, recordings, onPlay } = props;
  const now = props.now ?? span.end;
  const marks = ticks(span);
  const step = marks.length > 1 ? marks[1]! - marks[0]! : 0;
  const tickLabel = (t: number) => (step >= 60_000 ? minutesOnly : withSeconds).format(new Date(t));
  const rows = [...participants].sort((a, b) => ms(a.joinedAt) - ms(b.joinedAt));
  return (
    <div class="tl" role="group" aria-label="Session timeline">
      {props.now !== null && (
        <div class="tl-now" style={{ '--at': position(span, props.now) / 100 }} aria-hidden="true">
          <span>now</span>
        </div>
      )}
      <div class="tl-row tl-axis" aria-hidden="true">
        <div class="tl-who" />
        <div class="tl-track">
          {/* The start is labelled too, unless a tick is near enough for their labels to touch (the start label runs right, a tick label is centred). */}
          {[...(marks.length && position(span, marks[0]!) < 18 ? [] : [span.start]), ...marks].map((t) => (
            <span key={t} class={`tl-tick${position(span, t) > 92 ? ' end' : position(span, t) < 6 ? ' start' : ''}`} style={{ left: `${position(span, t)}%` }}>
              <span class="tl-tick-label">{tickLabel(t)}</span>
            </span>
          ))}
        </div>
      </div>
      {rows.map((p) => {
        const name = participantName(p.context, p.id);
        const until = p.leftAt ? ms(p.leftAt) : now;
        const bar = extent(span, ms(p.joinedAt), until);
        const stay = formatDuration((until - ms(p.joinedAt)) / 1000);
        const mine = recordings.filter((r) => r.participant.id === p.id);
        return (
          <div key={p.id} class="tl-row" data-participant-id={p.id}>
            <div class="tl-who">
              <span class="tl-name" title={p.context ?? p.id}>
                {name}
              </span>
              <span class="muted small">
                {formatTime(p.joinedAt)} · {stay}
                {p.leftAt ? ` · ${leftReasonText(p.leftReason) || 'left'}` : ' · here now'}
              </span>
            </div>
            <div class="tl-track">
              {marks.map((t) => (
                <span key={t} class="tl-grid" style={{ left: `${position(span, t)}%` }} aria-hidden="true" />
              ))}
              <div class="tl-lane tl-presence">
                <div
                  class={`tl-bar${p.leftAt ? '' : ' live'}`}
                  style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
                  role="img"
                  aria-label={`${name} in the room from ${formatTime(p.joinedAt)} ${p.leftAt ? `to ${formatTime(p.leftAt)} (${leftReasonText(p.leftReason) || 'left'})` : 'until now'}`}
                  title={`${name} (${idTail(p.id)}): ${stay}`}
                />
              </div>
              {lanes(mine).map((lane, i) => (
                <div key={i} class="tl-lane">
                  {lane.map((r) => {
                    const at = extent(span, ms(r.startedAt), r.endedAt ? ms(r.endedAt) : now);
                    const kind = `${r.streamKey === 'presentation' ? 'screen ' : ''}${r.type === 'VIDEO' ? 'video' : 'audio'}`;
                    const state = r.status === 'COMPLETED' ? '' : r.status === 'FAILED' ? ' (failed)' : ' (recording)';
                    return (
                      <button
                        key={r.id}
                        type="button"
                        class={`tl-rec ${r.type.toLowerCase()} ${r.status.toLowerCase()}`}
                        style={{ left: `${at.left}%`, width: `${at.width}%` }}
                        disabled={r.status !== 'COMPLETED'}
                        onClick={() => onPlay(r.id)}
                        aria-label={`Play ${name}'s ${kind} recording${state}`}
                        title={`${kind}, ${formatTime(r.startedAt)}–${r.endedAt ? formatTime(r.endedAt) : 'now'}${r.durationSecs != null ? ` (${formatDuration(r.durationSecs)})` : ''}${state}`}
                      />
                    );
                  })}
                </div>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}

// Which tiles the stage shows, and which one takes the spotlight. Everyone has a tile (their
// initials until their camera is on), plus one per screen they share.
import type { NetworkMetricsEntry, State, Stream } from '../sdk/index.js';

export interface TileModel {
  /** `participantId:key`. */
  id: string;
  participantId: string;
  key: string;
  local: boolean;
  /** The person's name (for initials); `label` is what the tile says. */
  name: string;
  label: string;
  stream?: Stream;
  /** The picture to show: a live track that is turned on. */
  video?: MediaStreamTrack;
  presentation: boolean;
  speaking: boolean;
  quality?: NetworkMetricsEntry;
}

export type LayoutMode = 'grid' | 'speaker';

const showable = (s: Stream | undefined) => (s?.hasVideo && s.isVideoEnabled && s.videoTrack?.readyState === 'live' ? s.videoTrack : undefined);

export function buildTiles(state: State, quality: Readonly<Record<string, NetworkMetricsEntry>>, nameOf: (id: string) => string): TileModel[] {
  const local = state.localParticipantId;
  const people = [...state.participants.values()].sort((a, b) => (a.id === local ? -1 : b.id === local ? 1 : 0));
  const tiles: TileModel[] = [];
  for (const p of people) {
    const isLocal = p.id === local;
    const name = nameOf(p.id);
    const speaking = state.activeSpeaker?.participantId === p.id && state.activeSpeaker.streamKey === 'self';
    const self = state.streams.get(`${p.id}:self`);
    tiles.push({
      id: `${p.id}:self`,
      participantId: p.id,
      key: 'self',
      local: isLocal,
      name,
      label: isLocal ? 'You' : name,
      stream: self,
      video: showable(self),
      presentation: false,
      speaking,
      quality: quality[p.id],
    });
    for (const key of Object.keys(p.streams)) {
      if (key === 'self') continue;
      const s = state.streams.get(`${p.id}:${key}`);
      // Another's screen once we receive it (before that there is nothing to show).
      if (!s || (!isLocal && !state.subscriptions.get(p.id)?.get(key))) continue;
      tiles.push({ id: s.id, participantId: p.id, key, local: isLocal, name, label: `${isLocal ? 'You' : name} (screen)`, stream: s, video: showable(s), presentation: true, speaking: false });
    }
  }
  return tiles;
}

export interface Spotlight {
  id: string;
  /** A screen is shown whole in the big area; a camera keeps its shape. */
  fill: boolean;
}

/**
 * The big tile, if any: the one pinned; else another's shared screen (the latest); else, in
 * speaker view, who speaks (or last spoke) among the others. Our own screen is never put in
 * front of us: we are looking at it already.
 */
export function chooseSpotlight(tiles: TileModel[], opts: { mode: LayoutMode; pinned: string | null; lastSpeaker: string | null }): Spotlight | null {
  const pinned = opts.pinned ? tiles.find((t) => t.id === opts.pinned) : undefined;
  if (pinned && tiles.length > 1) return { id: pinned.id, fill: pinned.presentation };
  const share = tiles.filter((t) => t.presentation && !t.local).at(-1);
  if (share) return { id: share.id, fill: true };
  if (opts.mode !== 'speaker') return null;
  const remote = tiles.filter((t) => !t.local && !t.presentation);
  const speaker = remote.find((t) => t.speaking) ?? remote.find((t) => t.participantId === opts.lastSpeaker) ?? remote[0];
  return speaker ? { id: speaker.id, fill: false } : null;
}

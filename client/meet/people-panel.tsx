// Who is in the meeting, you first, with their microphone, camera and screen as the others see them.
import type { State } from '../sdk/index.js';
import { Avatar } from './avatar.js';
import { Icon } from './icons.js';

export function PeoplePanel({ state, nameOf }: { state: State; nameOf: (id: string) => string }) {
  const local = state.localParticipantId;
  const people = [...state.participants.values()].sort((a, b) => (a.id === local ? -1 : b.id === local ? 1 : 0));
  return (
    <ul id="people-list" class="people">
      {people.map((p) => {
        const self = state.streams.get(`${p.id}:self`);
        const mic = !!self?.hasAudio && self.isAudioEnabled && !self.isAudioCensored;
        const camera = !!self?.hasVideo && self.isVideoEnabled;
        const sharing = Object.keys(p.streams).some((k) => k !== 'self');
        const name = nameOf(p.id);
        return (
          <li key={p.id} class="person" data-participant-id={p.id} data-mic={mic ? 'on' : 'off'} data-camera={camera ? 'on' : 'off'} data-sharing={sharing ? 'true' : undefined}>
            <Avatar name={name} small />
            <span class="person-name">
              {name}
              {p.id === local && <span class="you"> (You)</span>}
            </span>
            <span class="person-state">
              {sharing && <Icon name="screen" size={16} class="sharing" />}
              <span title={camera ? 'Camera on' : 'Camera off'}>
                <Icon name={camera ? 'camera' : 'cameraOff'} size={16} class={camera ? '' : 'off'} />
              </span>
              <span title={self?.isAudioCensored ? 'Muted by a moderator' : mic ? 'Microphone on' : 'Muted'}>
                <Icon name={mic ? 'mic' : 'micOff'} size={16} class={mic ? '' : 'off'} />
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

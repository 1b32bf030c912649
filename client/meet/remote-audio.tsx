// Everyone's sound, apart from their tiles: a tile that moves, hides or shows initials never
// interrupts what you hear.
import { useEffect, useRef } from 'preact/hooks';
import type { State } from '../sdk/index.js';

function Sink({ track }: { track: MediaStreamTrack }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = new MediaStream([track]);
    audio.play().catch(() => {});
  }, [track]);
  return <audio ref={ref} autoplay />;
}

export function RemoteAudio({ state }: { state: State }) {
  const tracks = [...state.streams.values()].filter((s) => s.origin === 'remote' && s.audioTrack).map((s) => s.audioTrack!);
  return (
    <div class="audio-sinks" hidden>
      {tracks.map((t) => (
        <Sink key={t.id} track={t} />
      ))}
    </div>
  );
}

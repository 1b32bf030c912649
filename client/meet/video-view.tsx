// A <video> showing live tracks. srcObject is set only when the tracks change: a new MediaStream
// on every render would restart playback and flicker.
import { useEffect, useRef } from 'preact/hooks';

export function VideoView({ tracks, mirror, contain, id }: { tracks: (MediaStreamTrack | undefined)[]; mirror?: boolean; contain?: boolean; id?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  const live = tracks.filter((t): t is MediaStreamTrack => !!t);
  const key = live.map((t) => t.id).join(',');
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    const current = (video.srcObject as MediaStream | null)?.getTracks() ?? [];
    if (live.length === current.length && live.every((t) => current.includes(t))) return;
    video.srcObject = live.length ? new MediaStream(live) : null;
    // Autoplay can still be refused (no user gesture yet): the next render tries again.
    if (live.length) video.play().catch(() => {});
  }, [key]);
  return <video ref={ref} id={id} class={`video${mirror ? ' mirror' : ''}${contain ? ' contain' : ''}`} autoplay playsInline muted />;
}

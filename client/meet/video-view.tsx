// A <video> showing live tracks. srcObject is set only when the tracks change: a new MediaStream
// on every render would restart playback and flicker. `attach` hands the element to the SDK's
// adaptive stream (it pauses what is not seen and sizes what is) for as long as it is mounted.
import { useEffect, useRef } from 'preact/hooks';

export type AttachVideo = (element: HTMLVideoElement) => () => void;

export function VideoView({ tracks, mirror, contain, id, attach }: { tracks: (MediaStreamTrack | undefined)[]; mirror?: boolean; contain?: boolean; id?: string; attach?: AttachVideo }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => (ref.current && attach ? attach(ref.current) : undefined), [attach]);
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

// How loud the microphone is, so a person sees before joining that the right one hears them.
// Drawn straight into the bar's style on each animation frame, without re-rendering.
import { useEffect, useRef } from 'preact/hooks';

export function MicMeter({ track }: { track: MediaStreamTrack | undefined }) {
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!track || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      // RMS to a 0..1 scale that moves for speech (about -50 dB to -10 dB).
      const db = 10 * Math.log10(sum / samples.length || 1e-10);
      const level = Math.min(1, Math.max(0, (db + 50) / 40));
      if (bar.current) bar.current.style.transform = `scaleX(${level.toFixed(3)})`;
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      void context.close().catch(() => {});
    };
  }, [track]);
  return (
    <div class="mic-meter" role="presentation" title="Microphone level">
      <div ref={bar} class="mic-meter-bar" />
    </div>
  );
}

// A tile's connection quality (the SDK's network metrics, 0..5) as signal bars, with the
// figures behind it in the tooltip.
import type { NetworkMetricsEntry } from '../sdk/index.js';

const WORDS = ['No media arriving', 'Bad', 'Poor', 'Fair', 'Good', 'Excellent'];

export function QualityBars({ entry, local }: { entry: NetworkMetricsEntry; local: boolean }) {
  const level = entry.connectionQuality;
  const bars = level >= 5 ? 4 : level >= 4 ? 3 : level >= 3 ? 2 : level >= 1 ? 1 : 0;
  const tone = level >= 4 ? 'good' : level >= 3 ? 'fair' : 'poor';
  const figures = [
    entry.rttMs !== undefined && `${entry.rttMs} ms round trip`,
    entry.packetLossPercent !== undefined && `${entry.packetLossPercent}% lost`,
    entry.jitterMs !== undefined && `${entry.jitterMs} ms jitter`,
  ]
    .filter(Boolean)
    .join(', ');
  const what = local ? 'Your connection' : 'Connection';
  const text = `${what}: ${WORDS[level]}${figures ? ` (${figures})` : ''}`;
  return (
    <div class="quality" data-quality={level} data-tone={tone} role="img" aria-label={text} title={text}>
      {[1, 2, 3, 4].map((i) => (
        <span key={i} class={i <= bars ? 'on' : ''} style={{ height: `${25 * i}%` }} />
      ))}
    </div>
  );
}

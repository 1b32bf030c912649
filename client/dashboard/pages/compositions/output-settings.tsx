// The file to make: frame size (a preset, or any size within the server's limits) and format.
import type { CompositionFormat } from '../../generated/graphql.js';
import { FieldErrorText } from '../../ui/errors.js';
import { LIMITS, RESOLUTIONS } from './editor-state.js';

export interface Output {
  /** A preset's `WIDTHxHEIGHT`, or `custom`. */
  preset: string;
  customWidth: string;
  customHeight: string;
  format: CompositionFormat;
}

export const CUSTOM = 'custom';

/** The resolution to send: the preset, or the custom sides as typed (the server judges them). */
export function resolutionOf(o: Output): string {
  return o.preset === CUSTOM ? `${o.customWidth.trim()}x${o.customHeight.trim()}` : o.preset;
}

export function OutputSettings({ output: o, errors, onChange }: { output: Output; errors: Record<string, string>; onChange: (o: Output) => void }) {
  const custom = o.preset === CUSTOM;
  return (
    <div class="output-settings">
      <label class="field">
        <span>Resolution</span>
        <select
          value={o.preset}
          onChange={(e) => onChange({ ...o, preset: e.currentTarget.value })}
          aria-invalid={errors.resolution && !custom ? true : undefined}
          aria-describedby={errors.resolution ? 'resolution-error' : undefined}
        >
          {RESOLUTIONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </select>
      </label>
      {custom && (
        <div class="custom-size">
          {(['customWidth', 'customHeight'] as const).map((side, n) => (
            <>
              {n === 1 && (
                <span aria-hidden="true" class="times">
                  ×
                </span>
              )}
              <label class="field" key={side}>
                <span>{n === 0 ? 'Width (px)' : 'Height (px)'}</span>
                <input
                  type="number"
                  step={2}
                  min={LIMITS.sideMin}
                  max={LIMITS.sideMax}
                  value={o[side]}
                  onInput={(e) => onChange({ ...o, [side]: e.currentTarget.value })}
                  aria-invalid={errors.resolution ? true : undefined}
                />
              </label>
            </>
          ))}
        </div>
      )}
      <p class="small muted hint">
        Each side {LIMITS.sideMin} to {LIMITS.sideMax} pixels and even; at most 1920 × 1080 pixels in all (a portrait 1080 × 1920 is fine).
      </p>
      <FieldErrorText id="resolution-error" message={errors.resolution} />
      <fieldset class="format">
        <legend>Format</legend>
        <label class="check">
          <input type="radio" name="format" checked={o.format === 'MP4'} onChange={() => onChange({ ...o, format: 'MP4' })} />
          MP4 <span class="muted small">H.264 and AAC: plays everywhere</span>
        </label>
        <label class="check">
          <input type="radio" name="format" checked={o.format === 'WEBM'} onChange={() => onChange({ ...o, format: 'WEBM' })} />
          WebM <span class="muted small">VP9 and Opus</span>
        </label>
        <FieldErrorText id="format-error" message={errors.format} />
      </fieldset>
    </div>
  );
}

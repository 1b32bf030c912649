// One region's boxes: where it sits, its size and layer, its grid caps, and which videos fill it.
// Each box shows the server's message about it, found by the field's path.
import { FieldErrorText } from '../../ui/errors.js';
import { EVERY_VIDEO } from './grid.js';
import type { RegionDraft } from './editor-state.js';
import { sourceColour } from './layout-preview.js';

export interface VideoSource {
  id: string;
  label: string;
}

type NumberKey = 'xPos' | 'yPos' | 'width' | 'height' | 'zPos' | 'maxColumns' | 'maxRows';

/** Boxes that go in pairs under one heading: where, how big, how many cells at most. */
const PAIRS: { title: string; joiner: string; a: { key: NumberKey; label: string; hint?: string }; b: { key: NumberKey; label: string; hint?: string } }[] = [
  { title: 'Position (px)', joiner: ',', a: { key: 'xPos', label: 'Left (x)' }, b: { key: 'yPos', label: 'Top (y)' } },
  { title: 'Size (px)', joiner: '×', a: { key: 'width', label: 'Width' }, b: { key: 'height', label: 'Height' } },
  { title: 'Grid at most', joiner: '×', a: { key: 'maxColumns', label: 'Max columns', hint: 'any' }, b: { key: 'maxRows', label: 'Max rows', hint: 'any' } },
];

export function RegionFields(props: {
  index: number;
  region: RegionDraft;
  videos: VideoSource[];
  errors: Record<string, string>;
  selected: boolean;
  canRemove: boolean;
  onChange: (region: RegionDraft) => void;
  onRemove: () => void;
  onSelect: () => void;
}) {
  const { index, region: r, videos, errors } = props;
  const path = (key: string) => `videoLayout[${index}].${key}`;
  const id = (key: string) => `region-${r.key}-${key}`;
  const set = (patch: Partial<RegionDraft>) => props.onChange({ ...r, ...patch });
  const everyVideo = r.videoSources.includes(EVERY_VIDEO);
  const chosen = new Set(r.videoSources);
  const toggle = (videoId: string, on: boolean) => {
    // Grid order is the session's order of videos, whatever order they were ticked in.
    set({ videoSources: videos.map((v) => v.id).filter((v) => (v === videoId ? on : chosen.has(v))) });
  };
  const sourcesError = errors[path('videoSources')];
  return (
    <fieldset class={`region-fields${props.selected ? ' selected' : ''}`} onFocusIn={props.onSelect} onClick={props.onSelect}>
      <legend>Region {index + 1}</legend>
      <div class="region-grid">
        <label class="field name">
          <span>Name</span>
          <input
            value={r.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
            aria-invalid={errors[path('name')] ? true : undefined}
            aria-describedby={errors[path('name')] ? id('name-error') : undefined}
          />
          <FieldErrorText id={id('name-error')} message={errors[path('name')]} />
        </label>
        <NumberBox label="Layer (z)" value={r.zPos} hint="−99 to 99" message={errors[path('zPos')]} errorId={id('zPos-error')} onInput={(v) => set({ zPos: v })} />
        {PAIRS.map((p) => {
          const messages = [p.a, p.b].map((f) => errors[path(f.key)] && `${f.label}: ${errors[path(f.key)]}`).filter(Boolean);
          const errorId = id(`${p.a.key}-error`);
          const box = (f: (typeof p)['a']) => (
            <input
              type="number"
              step={1}
              inputMode="numeric"
              aria-label={f.label}
              value={r[f.key]}
              placeholder={f.hint}
              onInput={(e) => set({ [f.key]: e.currentTarget.value })}
              aria-invalid={errors[path(f.key)] ? true : undefined}
              aria-describedby={errors[path(f.key)] ? errorId : undefined}
            />
          );
          return (
            <div class="field pair" key={p.title} role="group" aria-label={p.title}>
              <span>{p.title}</span>
              <div class="pair-boxes">
                {box(p.a)}
                <span class="joiner" aria-hidden="true">
                  {p.joiner}
                </span>
                {box(p.b)}
              </div>
              <FieldErrorText id={errorId} message={messages.join('; ') || undefined} />
            </div>
          );
        })}
      </div>
      <div class="sources" role="group" aria-label={`Videos in region ${index + 1}`}>
        <label class="check">
          <input type="checkbox" checked={everyVideo} onChange={(e) => set({ videoSources: e.currentTarget.checked ? [EVERY_VIDEO] : videos.map((v) => v.id) })} />
          Every video of the session ({videos.length})
        </label>
        {!everyVideo &&
          videos.map((v, i) => (
            <label class="check" key={v.id}>
              <input type="checkbox" checked={chosen.has(v.id)} onChange={(e) => toggle(v.id, e.currentTarget.checked)} />
              <span class="swatch" style={{ background: sourceColour(i) }} aria-hidden="true" />
              {v.label}
            </label>
          ))}
        <FieldErrorText id={id('sources-error')} message={sourcesError} />
      </div>
      <div class="region-actions">
        <button type="button" class="danger" disabled={!props.canRemove} onClick={props.onRemove}>
          Remove region
        </button>
      </div>
    </fieldset>
  );
}

function NumberBox(props: { label: string; value: string; hint?: string; message?: string; errorId: string; onInput: (v: string) => void }) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        type="number"
        step={1}
        inputMode="numeric"
        value={props.value}
        placeholder={props.hint}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.message ? true : undefined}
        aria-describedby={props.message ? props.errorId : undefined}
      />
      <FieldErrorText id={props.errorId} message={props.message} />
    </label>
  );
}

// The layout editor: the frame to scale with every region and the tiles the server will paint in
// it, the list of where each video lands, and each region's boxes beside it.
import { useState } from 'preact/hooks';
import { shortId } from '../../ui/format.js';
import { tilesFor } from './grid.js';
import { freshName, newRegion, previewRegions, type Frame, type RegionDraft } from './editor-state.js';
import { LayoutPreview, sourceColour, type Box } from './layout-preview.js';
import { RegionFields, type VideoSource } from './region-fields.js';

/** Ready-made layouts; the boxes stay editable afterwards. */
function presets(frame: Frame): { label: string; regions: () => RegionDraft[] }[] {
  const { width: W, height: H } = frame;
  const even = (n: number) => Math.round(n / 2) * 2;
  return [
    { label: 'One grid', regions: () => [newRegion(frame, 'main')] },
    {
      label: 'Stage and strip',
      regions: () => {
        const strip = even(H / 4);
        return [newRegion(frame, 'stage', { width: W, height: H - strip }), { ...newRegion(frame, 'strip', { yPos: H - strip, width: W, height: strip }), maxRows: '1' }];
      },
    },
    {
      label: 'Picture in picture',
      regions: () => {
        const w = even(W / 4);
        const h = even(H / 4);
        const pad = even(Math.min(W, H) / 30);
        return [newRegion(frame, 'full'), { ...newRegion(frame, 'inset', { xPos: W - w - pad, yPos: H - h - pad, width: w, height: h }), zPos: '1', maxColumns: '1', maxRows: '1' }];
      },
    },
  ];
}

export function LayoutEditor(props: { frame: Frame; regions: RegionDraft[]; videos: VideoSource[]; errors: Record<string, string>; onChange: (regions: RegionDraft[]) => void }) {
  const { frame, regions, videos, errors, onChange } = props;
  const [selected, setSelected] = useState<number | null>(regions[0]?.key ?? null);
  const drawn = previewRegions(regions);
  const videoIds = videos.map((v) => v.id);
  const tiles = tilesFor(drawn, videoIds);
  const sources = new Map(videos.map((v, i) => [v.id, { label: v.label, index: i }]));
  const unshown = videos.filter((v) => !tiles.some((t) => t.recordingId === v.id));
  const update = (key: number, patch: Partial<RegionDraft>) => onChange(regions.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const moved = (key: number, b: Box) => update(key, { xPos: String(b.xPos), yPos: String(b.yPos), width: String(b.width), height: String(b.height) });
  const add = () => {
    const w = Math.round(frame.width / 4 / 2) * 2;
    const h = Math.round(frame.height / 4 / 2) * 2;
    const r = { ...newRegion(frame, freshName(regions), { width: w, height: h }), zPos: String(Math.max(0, ...drawn.map((d) => d.zPos)) + 1) };
    onChange([...regions, r]);
    setSelected(r.key);
  };

  return (
    <div class="layout-editor">
      <div class="layout-canvas">
        <div class="preset-bar" role="group" aria-label="Layout presets">
          {presets(frame).map((p) => (
            <button
              type="button"
              key={p.label}
              onClick={() => {
                const next = p.regions();
                onChange(next);
                setSelected(next[0]!.key);
              }}
            >
              {p.label}
            </button>
          ))}
          <button type="button" onClick={add} disabled={regions.length >= 100}>
            + Add region
          </button>
        </div>
        <LayoutPreview frame={frame} regions={drawn} tiles={tiles} sources={sources} selected={selected} onSelect={setSelected} onChange={moved} />
        <p class="small muted">Drag a region to move it, its corner to resize it; or type exact pixels beside it. Regions higher in layer paint over lower ones.</p>
        <h3>Where each video lands</h3>
        {videos.length === 0 ? (
          <p class="muted small">This session recorded no video: the composition will be its audio over a black frame.</p>
        ) : (
          <ul class="tile-list" aria-label="Tiles">
            {tiles.map((t, i) => {
              const s = sources.get(t.recordingId);
              return (
                <li key={`${t.region}-${t.recordingId}-${i}`}>
                  <span class="swatch" style={{ background: sourceColour(s?.index ?? i) }} aria-hidden="true" />
                  <strong>{s?.label ?? shortId(t.recordingId)}</strong>
                  <span class="muted">
                    {' '}
                    in {t.region}: {t.width}×{t.height} at ({t.x}, {t.y})
                  </span>
                </li>
              );
            })}
            {unshown.map((v) => (
              <li key={v.id} class="muted">
                {v.label}: not shown (in no region, or its grid is full)
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="region-list">
        {regions.map((r, i) => (
          <RegionFields
            key={r.key}
            index={i}
            region={r}
            videos={videos}
            errors={errors}
            selected={r.key === selected}
            canRemove={regions.length > 1}
            onSelect={() => setSelected(r.key)}
            onChange={(next) => update(r.key, next)}
            onRemove={() => onChange(regions.filter((x) => x.key !== r.key))}
          />
        ))}
      </div>
    </div>
  );
}

// The media workers: how busy each one is and what it hosts.
import { formatBytes } from '../../ui/format.js';
import type { ServerReading } from './use-server-stats.js';

function CpuBar({ share }: { share: number | null | undefined }) {
  if (share == null) return <span class="muted">measuring…</span>;
  const pct = Math.round(share * 100);
  const tone = pct >= 85 ? 'bad' : pct >= 60 ? 'warn' : 'ok';
  return (
    <span class="cpu" title="Share of one core since the previous reading">
      <span class="cpu-track" aria-hidden="true">
        <span class={`cpu-fill ${tone}`} style={{ width: `${Math.min(100, pct)}%` }} />
      </span>
      <span class="cpu-value">{pct} %</span>
    </span>
  );
}

export function WorkersTable({ workers }: { workers: ServerReading['workers'] }) {
  return (
    <div class="table-wrap">
      <table class="workers-table" aria-label="Media workers">
        <thead>
          <tr>
            <th scope="col">Worker</th>
            <th scope="col">CPU</th>
            {['Memory', 'Rooms', 'Transports', 'Producers', 'Consumers'].map((h) => (
              <th key={h} scope="col" class="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {workers.map((w) => (
            <tr key={w.pid}>
              <td>
                <code>pid {w.pid}</code>
              </td>
              <td>
                <CpuBar share={w.cpu} />
              </td>
              <td class="num">{formatBytes(w.memoryBytes)}</td>
              <td class="num" title="Routers: one per room with media open">
                {w.routers}
              </td>
              <td class="num">{w.transports}</td>
              <td class="num">{w.producers}</td>
              <td class="num">{w.consumers}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!workers.length && <p class="empty">No media worker is running: rooms cannot carry media until one is back.</p>}
    </div>
  );
}

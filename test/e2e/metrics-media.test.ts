// /metrics while real media flows: two browsers (fake camera and microphone) publish in a room
// with recording on; the producer, consumer, recording and worker CPU metrics follow.
import { describe, expect, test } from 'vitest';
import { parsePrometheus, value, type Sample } from '../helpers/prometheus.js';
import { createRoom } from '../helpers/server.js';
import { closeAll, expectFlowing, finishedRecordings, sdkParticipant, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite({ EMPTY_ROOM_GRACE_MS: '300' });

async function scrape(): Promise<Sample[]> {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  expect(res.status).toBe(200);
  return parsePrometheus(await res.text()).samples;
}

describe('metrics with media', { timeout: 120_000 }, () => {
  test('producers, consumers, recordings, bytes written and worker CPU follow two publishing participants', async () => {
    const room = await createRoom(server, { enableRecording: true });
    const pid = String(server.running.services.orchestrator.media.pool.workers()[0]!.pid);
    const cpuBefore = value(await scrape(), 'videorooms_media_worker_cpu_seconds_total', { pid });
    const join = async (name: string) => sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), context: JSON.stringify({ name }) });
    let a: Participant | undefined;
    let b: Participant | undefined;
    try {
      a = await join('Ann');
      b = await join('Bob');
      await Promise.all([expectFlowing(a.page, [`${b.id}:self`]), expectFlowing(b.page, [`${a.id}:self`])]);
      // Four tracks in (audio and video of each); out: each receives the other's two, and a
      // recorder takes each of the four.
      const during = await waitFor('four recordings under way', async () => {
        const s = await scrape();
        return value(s, 'videorooms_recordings_active') === 4 ? s : undefined;
      });
      expect(value(during, 'videorooms_live_participants')).toBe(2);
      expect(value(during, 'videorooms_media_producers')).toBe(4);
      expect(value(during, 'videorooms_media_consumers')).toBe(8);
      const bytes = value(during, 'videorooms_recording_bytes_written_total');
      await waitFor('recording bytes to grow', async () => value(await scrape(), 'videorooms_recording_bytes_written_total') > bytes);
      await Promise.all([a, b].map((p) => p!.page.evaluate(() => (window as any).app.room.disconnect())));
    } finally {
      await closeAll(a, b);
    }

    const rows = await finishedRecordings(server, room.id, 4);
    const after = await scrape();
    expect(value(after, 'videorooms_recordings_active')).toBe(0);
    expect(value(after, 'videorooms_media_producers')).toBe(0);
    expect(value(after, 'videorooms_media_consumers')).toBe(0);
    expect(value(after, 'videorooms_live_participants')).toBe(0);
    // Every byte of the four files was counted.
    const stored = rows.reduce((sum, r) => sum + Number(r.size_bytes ?? 0), 0);
    expect(stored).toBeGreaterThan(0);
    expect(value(after, 'videorooms_recording_bytes_written_total')).toBeGreaterThanOrEqual(stored);
    // Forwarding and encrypting media costs the worker CPU.
    expect(value(after, 'videorooms_media_worker_cpu_seconds_total', { pid })).toBeGreaterThan(cpuBefore);
  });
});

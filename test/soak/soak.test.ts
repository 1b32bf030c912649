// The soak's 1-minute variant (issue 15): a real server process, three rooms of a URL ingress
// publisher and three headless WebRTC receivers, recording in two of them, random joins, leaves,
// kicks, mutes and publisher restarts, webhooks to a local receiver. What a user would notice is
// asserted; the figures are printed. SOAK_SEED=<n> repeats a run's random choices.
import { describe, expect, it } from 'vitest';
import { verdict } from '../../bench/soak/report.js';
import { runSoak, SOAK_DEFAULTS, type SoakResult } from '../../bench/soak/soak.js';

const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('the soak, for a minute', () => {
  it('loses, leaks, duplicates and reorders nothing, and every receiver hears every publisher', async () => {
    const lines: string[] = [];
    const result = await runSoak({
      ...SOAK_DEFAULTS,
      rooms: 3,
      perRoom: 3,
      seconds: 60,
      seed,
      recordEvery: 2,
      actionsPerMinute: 4,
      sampleSecs: 3,
      quietSecs: 8,
      log: (line) => lines.push(line),
    });
    const figures = {
      seed,
      failures: result.failures,
      errors: result.errors,
      leaked: result.leaked,
      webhooks: { ...result.webhooks, rooms: undefined },
      webhookOutage: result.webhookOutage,
      recordings: result.recordings,
      quiet: result.quiet,
      actions: result.actions,
    };
    console.log(`soak (SOAK_SEED=${seed}):`, JSON.stringify(figures));

    expect(result.errors, 'errors').toEqual({});
    expect(result.serverErrors, 'the server logged errors').toEqual({});
    expect(result.leaked, 'mediasoup objects left in the workers once every room emptied').toEqual({ routers: 0, transports: 0, producers: 0, consumers: 0 });
    expect(result.objectsAtEnd).toEqual(result.objectsAtStart);
    const w = result.webhooks;
    expect(w.emitted).toBeGreaterThan(0);
    expect({ delivered: w.delivered, missing: w.missing, duplicates: w.duplicates, outOfOrder: w.outOfOrder, notDelivered: w.notDelivered }).toEqual({
      delivered: w.emitted,
      missing: 0,
      duplicates: 0,
      outOfOrder: 0,
      notDelivered: 0,
    });
    // The receiver was down 12 s from 15 s in, and what was queued meanwhile arrived once it was back (in the checks above).
    expect(result.webhookOutage).toMatchObject({ atSecs: 15, seconds: 12 });
    expect(result.webhookOutage!.firstArrivalAfterMs).toBeGreaterThanOrEqual(0);
    expect(result.recordings.started).toBeGreaterThan(0);
    // An audio track muted by the moderator for (nearly) its whole recording has no media: the
    // recording fails with that reason, which is the product's answer, not a loss.
    const rec = result.recordings;
    expect({ completed: rec.completed, failed: rec.failed, stillProcessing: rec.stillProcessing, unplayable: rec.unplayable }, JSON.stringify(rec.failedRecordings)).toEqual({
      completed: rec.started - rec.failedWhileMuted,
      failed: rec.failedWhileMuted,
      stillProcessing: 0,
      unplayable: 0,
    });
    // Every receiver present at the end got audio and video from every publisher in the quiet window.
    expect(result.quiet.pairs).toBe(3 * 3 * 1 * 2);
    expect(result.quiet.silent).toEqual([]);
    expect(result.receivers.packets).toBeGreaterThan(0);
    expect(result.receivers.events).toBeGreaterThan(0);
    expect(result.failures).toEqual([]);
  }, 150_000);

  it('fails a run that lost, leaked, duplicated or reordered something', () => {
    const clean = {
      options: { ...SOAK_DEFAULTS, recordEvery: 2 },
      errors: {},
      serverErrors: {},
      leaked: { routers: 0, transports: 0, producers: 0, consumers: 0 },
      webhooks: { emitted: 10, delivered: 10, missing: 0, duplicates: 0, outOfOrder: 0, notDelivered: 0, byType: {}, rooms: [] },
      recordings: { started: 2, completed: 2, failed: 0, stillProcessing: 0, unplayable: 0, failureReasons: {}, failedWhileMuted: 0, failedRecordings: [] },
      quiet: { pairs: 4, silent: [] },
      receivers: { participants: 2, packets: 100, events: 10, errors: {}, missing: [] },
    } as unknown as SoakResult;
    expect(verdict(clean)).toEqual([]);
    const broken = {
      ...clean,
      leaked: { ...clean.leaked, consumers: 2 },
      webhooks: { ...clean.webhooks, delivered: 9, missing: 1, duplicates: 1, outOfOrder: 1 },
      recordings: { ...clean.recordings, completed: 1, failed: 1 },
      quiet: { pairs: 4, silent: [{ roomId: 'r', receiver: 'a', publisher: 'b', kind: 'video' }] },
    } as SoakResult;
    const failures = verdict(broken).join('\n');
    for (const text of ['leaked mediasoup consumers: 2', 'webhooks delivered 9 of 10', 'received twice: 1', 'out of order: 1', 'recordings completed 1 of 2', 'heard nothing from a publisher']) {
      expect(failures).toContain(text);
    }
  });
});

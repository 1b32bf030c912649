// Media from outside a browser into a room: a URL ingress of a short file, seen and heard by a
// Chromium participant (decoded frames and audio rising), for a VP8/opus file that is copied and
// an H264 Constrained Baseline file that is copied with its parameter sets in band.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createRoom } from '../helpers/server.js';
import { createdIngress, deleteIngress, getIngress, H264_BASELINE_AAC, makeMediaFile, VP8_OPUS } from '../ingress/helpers.js';
import { closeAll, expectFlowing, saveScreenshot, sdkParticipant, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite();
const files = mkdtempSync(path.join(tmpdir(), 'vr-ingress-e2e-'));
afterAll(() => rmSync(files, { recursive: true, force: true }));

describe('an ingress seen from a browser', { timeout: 120_000 }, () => {
  for (const [name, codecs, ext] of [
    ['VP8 and opus (copied)', VP8_OPUS, 'webm'],
    ['H264 Constrained Baseline (copied) and AAC (to opus)', H264_BASELINE_AAC, 'mp4'],
  ] as const) {
    test(`a looping ${name} file reaches a Chromium participant, video and audio`, async () => {
      const file = path.join(files, `${ext}-${Date.now()}.${ext}`);
      makeMediaFile(file, { seconds: 3, ...codecs });
      const room = await createRoom(server);
      let viewer: Participant | undefined;
      try {
        viewer = await sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), context: JSON.stringify({ name: 'Viewer' }) });
        const ingress = await createdIngress(server, { roomId: room.id, kind: 'URL', url: file, loop: true, context: JSON.stringify({ name: 'Intro' }) });
        const from = ingress.participant.id as string;
        // Frames decoded and audio received rising, past the file's first loop.
        await expectFlowing(viewer.page, [`${from}:self`]);
        const context = await viewer.page.evaluate((id) => (window as any).app.room.getState().participants.get(id)?.context, from);
        expect(context).toBe(JSON.stringify({ name: 'Intro' }));
        expect((await getIngress(server, ingress.id))!.status).toBe('PUBLISHING');
        await saveScreenshot(viewer.page, `ingress-${ext}`);

        // Deleted: its participant leaves the viewer's room.
        expect((await deleteIngress(server, ingress.id)).__typename).toBe('DeleteIngressPayload');
        await waitFor('the ingress gone from the viewer', () => viewer!.page.evaluate((id) => !(window as any).app.room.getState().participants.has(id), from));
      } finally {
        await closeAll(viewer);
      }
    });
  }
});

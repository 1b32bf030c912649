// WHIP (RFC 9725) end to end: a Chromium page publishes its fake camera and microphone the way a
// WHIP encoder does (an RTCPeerConnection's offer POSTed with the bearer token, the answer set),
// and a participant in the room, in another Chromium page with the SDK, decodes its video and
// receives its audio. DELETE on the Location ends the ingress, and its participant leaves.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createRoom } from '../helpers/server.js';
import { createdIngress, getIngress } from '../ingress/helpers.js';
import { closeAll, expectFlowing, newPage, saveScreenshot, sdkParticipant, token, waitFor, type Participant } from './harness.js';
import { useBrowserSuite } from './browser-suite.js';

const { server, browser } = useBrowserSuite();

/** In the publisher page: what a WHIP client does, with only the browser's WebRTC and fetch. */
function publish(page: Page, args: { url: string; token: string; videoCodec?: string; simulcast?: boolean }) {
  return page.evaluate(async ({ url, token, videoCodec, simulcast }) => {
    // Chromium sends two simulcast layers from 640x360 up (one below).
    const video = simulcast ? { width: 640, height: 360, frameRate: 15 } : { width: 320, height: 240, frameRate: 15 };
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video });
    const pc = new RTCPeerConnection();
    for (const track of stream.getTracks()) {
      const layers = track.kind === 'video' && simulcast ? { sendEncodings: [{ rid: 'l', scaleResolutionDownBy: 2 }, { rid: 'h' }] } : {};
      const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream], ...layers });
      if (track.kind === 'video' && videoCodec) {
        const codecs = RTCRtpSender.getCapabilities('video')!.codecs;
        // Offered alone, as OBS offers H264: with VP8 in the offer, the server takes VP8.
        transceiver.setCodecPreferences(codecs.filter((c) => c.mimeType === videoCodec));
      }
    }
    await pc.setLocalDescription(await pc.createOffer());
    // No trickle: the offer goes with every candidate.
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
      setTimeout(resolve, 5000);
    });
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/sdp' }, body: pc.localDescription!.sdp });
    const answer = await res.text();
    const location = res.headers.get('location');
    if (res.status === 201) await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    (window as any).whip = { pc, location, stream };
    return { status: res.status, contentType: res.headers.get('content-type'), location, answer };
  }, args);
}

describe('a WHIP publisher in Chromium', { timeout: 120_000 }, () => {
  for (const [codec, simulcast] of [
    ['video/VP8', false],
    ['video/H264', false],
    ['video/VP8', true],
  ] as const) {
    test(`publishes its camera (${codec}${simulcast ? ', simulcast' : ''}) and microphone into a room; a participant sees and hears it; DELETE ends it`, async () => {
      const room = await createRoom(server);
      let viewer: Participant | undefined;
      let publisher: Awaited<ReturnType<typeof newPage>> | undefined;
      try {
        viewer = await sdkParticipant(browser, server, { roomId: room.id, token: await token(server, room.id), context: JSON.stringify({ name: 'Viewer' }), publish: false });
        const ingress = await createdIngress(server, { roomId: room.id, kind: 'WHIP', context: JSON.stringify({ name: 'OBS' }) });
        const from = ingress.participant.id as string;

        publisher = await newPage(browser);
        // A page of the server's origin, as a browser-based encoder would be (WHIP also answers other origins).
        await publisher.page.goto(`${server.url}/healthz`);
        const sent = await publish(publisher.page, { url: ingress.whip.url, token: ingress.whip.bearerToken, videoCodec: codec, simulcast });
        expect({ status: sent.status, contentType: sent.contentType }).toEqual({ status: 201, contentType: 'application/sdp' });
        expect(sent.location).toMatch(new RegExp(`^/whip/${ingress.id}/session/`));
        expect(sent.answer).toMatch(new RegExp(`m=video \\d+ UDP/TLS/RTP/SAVPF \\d+\\r\\n(.*\\r\\n)*a=rtpmap:\\d+ ${codec.slice(6)}/90000`));
        await waitFor('the publisher connected', () => publisher!.page.evaluate(() => (window as any).whip.pc.connectionState === 'connected'));

        // Frames decoded and audio received rising, from the ingress's participant.
        await expectFlowing(viewer.page, [`${from}:self`]);
        const context = await viewer.page.evaluate((id) => (window as any).app.room.getState().participants.get(id)?.context, from);
        expect(context).toBe(JSON.stringify({ name: 'OBS' }));
        expect((await getIngress(server, ingress.id))!.status).toBe('PUBLISHING');
        const size = () => viewer!.page.evaluate((id) => ((v) => v && `${v.videoWidth}x${v.videoHeight}`)(document.getElementById(`${id}:self`) as HTMLVideoElement | null), from);
        if (!simulcast) expect(await size()).toBe('320x240');
        else {
          // Both layers arrive: the viewer switches from one to the other.
          expect(sent.answer).toContain('a=simulcast:recv l;h');
          for (const [layer, want] of [
            [0, '320x180'],
            [1, '640x360'],
          ] as const) {
            await viewer.page.evaluate(([id, l]) => (window as any).app.room.updateSubscription(id, 'self', { preferredLayer: l }), [from, layer] as const);
            await waitFor(`layer ${layer} (${want}) shown`, async () => (await size()) === want, 20_000);
          }
        }
        await saveScreenshot(viewer.page, `whip-${codec.slice(6).toLowerCase()}${simulcast ? '-simulcast' : ''}`);

        // The publisher ends its session: the ingress ends and its participant leaves the viewer's room.
        const deleted = await publisher.page.evaluate(async (token) => {
          const { pc, location } = (window as any).whip;
          const res = await fetch(location, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
          pc.close();
          return res.status;
        }, ingress.whip.bearerToken);
        expect(deleted).toBe(200);
        await waitFor('the ingress gone from the viewer', () => viewer!.page.evaluate((id) => !(window as any).app.room.getState().participants.has(id), from));
        expect(await getIngress(server, ingress.id)).toMatchObject({ status: 'ENDED', endedReason: 'input_ended', participant: { leftAt: expect.any(String) } });
      } finally {
        await closeAll(viewer, publisher);
      }
    });
  }

  test('a publisher that closes its connection without DELETE ends the ingress (DTLS closed)', async () => {
    const room = await createRoom(server);
    const publisher = await newPage(browser);
    try {
      const ingress = await createdIngress(server, { roomId: room.id, kind: 'WHIP' });
      await publisher.page.goto(`${server.url}/healthz`);
      expect((await publish(publisher.page, { url: ingress.whip.url, token: ingress.whip.bearerToken })).status).toBe(201);
      await waitFor('the ingress publishing', async () => (await getIngress(server, ingress.id))!.status === 'PUBLISHING');
      await publisher.page.evaluate(() => (window as any).whip.pc.close());
      const ended = await waitFor('the ingress ended', async () => {
        const now = (await getIngress(server, ingress.id))!;
        return now.status === 'ENDED' && now;
      });
      expect(ended).toMatchObject({ endedReason: 'input_ended', participant: { leftAt: expect.any(String) } });
    } finally {
      await closeAll(publisher);
    }
  });
});

// An RTP sender that stops (a camera switched off, an encoder gone from the network) without
// anyone deleting its ingress: the ingress ends by itself (`input_timeout`) and its participant
// leaves, instead of being shown as publishing for ever.
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/participant.js';
import { createRoom } from '../helpers/server.js';
import { useTestServer } from '../helpers/server-suite.js';
import { createdIngress, getIngress, sendRtp } from './helpers.js';

const server = useTestServer('pglite', { INGRESS_IDLE_TIMEOUT_SECS: '3' });
const senders: ChildProcess[] = [];
afterAll(() => senders.forEach((p) => p.kill('SIGKILL')));

const statusIs = (id: string, status: string, timeoutMs = 15_000) =>
  eventually(`ingress ${id} ${status}`, async () => ((await getIngress(server, id))?.status === status ? getIngress(server, id) : undefined), timeoutMs);

describe('an ingress whose input stops sending', () => {
  it('ends after INGRESS_IDLE_TIMEOUT_SECS without media, and its participant leaves', { timeout: 60_000 }, async () => {
    const room = await createRoom(server);
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'RTP', context: 'camera' });
    const sender = sendRtp(ingress.rtpInputs);
    senders.push(sender);
    await statusIs(ingress.id, 'PUBLISHING');
    // Sending for longer than the timeout does not end it: only silence does.
    await new Promise((r) => setTimeout(r, 4500));
    expect((await getIngress(server, ingress.id))?.status).toBe('PUBLISHING');

    sender.kill('SIGKILL');
    const stoppedAt = Date.now();
    const ended = await statusIs(ingress.id, 'ENDED', 20_000);
    const afterMs = Date.now() - stoppedAt;
    expect(ended).toMatchObject({ endedReason: 'input_timeout', participant: { leftAt: expect.any(String) } });
    // About the timeout (3 s) plus one check's period, not much more and never before it.
    expect(afterMs).toBeGreaterThanOrEqual(2500);
    expect(afterMs).toBeLessThan(10_000);
    const state = (await server.gql(`query($r: ID!) { roomState(roomId: $r) { participants { id } } }`, { r: room.id })).data.roomState;
    expect(state.participants).toEqual([]);
  });

  it('waits for a sender as long as it has none: an ingress not yet fed stays CONNECTING', { timeout: 30_000 }, async () => {
    const room = await createRoom(server);
    const ingress = await createdIngress(server, { roomId: room.id, kind: 'RTP' });
    await new Promise((r) => setTimeout(r, 5000));
    expect((await getIngress(server, ingress.id))?.status).toBe('CONNECTING');
  });
});

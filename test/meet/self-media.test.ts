// The meet app's own switches: shown the moment they are pressed (the SDK pauses the track at
// once), and put back when the server refuses the change.
import { describe, expect, it } from 'vitest';
import { SelfMedia } from '../../client/meet/self-media.js';
import type { Room } from '../../client/sdk/index.js';

/** A room whose updateStream waits for the test to answer it. */
function pendingRoom() {
  const calls: { options: unknown; answer: (err?: Error) => void }[] = [];
  const room = {
    addStream: async () => {},
    updateStream: (_key: string, options: unknown) => new Promise<void>((resolve, reject) => calls.push({ options, answer: (err) => (err ? reject(err) : resolve()) })),
  } as unknown as Room;
  return { room, calls };
}

const track = (kind: string) => ({ kind, enabled: true, stop() {}, getSettings: () => ({ height: 360 }) }) as unknown as MediaStreamTrack;

async function published() {
  const { room, calls } = pendingRoom();
  let changes = 0;
  const media = new SelfMedia(room, { quality: { width: 640, height: 360, frameRate: 30 } }, () => changes++);
  await media.publish({ audio: track('audio'), video: track('video') }, { mic: true, camera: true });
  return { media, calls, changes: () => changes };
}

describe('the meet app turning its microphone on and off', () => {
  it('shows the microphone off before the server answers', async () => {
    const { media, calls, changes } = await published();
    const before = changes();
    const muting = media.setMic(false);
    expect(media.sending()).toEqual({ mic: false, camera: true });
    expect(changes()).toBe(before + 1);
    expect(calls[0]!.options).toEqual({ audio: false, video: true });
    calls[0]!.answer();
    await muting;
    expect(media.sending()).toEqual({ mic: false, camera: true });
  });

  it('puts the switch back when the server refuses it', async () => {
    const { media, calls } = await published();
    const muting = media.setMic(false);
    calls[0]!.answer(new Error('refused'));
    await expect(muting).rejects.toThrow('refused');
    expect(media.sending()).toEqual({ mic: true, camera: true });
  });
});

import { randomBytes } from 'node:crypto';
import type { types as mediasoupTypes } from 'mediasoup';
import { MediaRooms, plainRtpCapabilities, type MediaConfig, type TrackRef } from '../../media/index.js';
import { loadMediasoup } from '../../media/mediasoup-loader.js';
import { loadedSrtp } from '../../media/worker-runtime.js';
import { loadConfig } from '../../server/app/config.js';
import { processAlive, trackPid, untrackPid } from './child-processes.js';
import type { FanoutMode, FanoutRig, RigRequest } from './fanout-mode.js';

const CRYPTO_SUITE: mediasoupTypes.SrtpCryptoSuite = 'AES_CM_128_HMAC_SHA1_80';
/** Requests in flight at once while building consumers (as in bench mode). */
const BATCH = 50;
const ROOM_ID = 'fanout-bench';
const PUBLISHER = 'publisher';
/**
 * Browsers send the ssrc-audio-level header extension on every audio packet (Chrome: id 1); the
 * room's ActiveSpeakerObserver and AudioLevelObserver read it. The replay adds it to the audio
 * source in this mode, so that the observers do the work they do in a real room.
 */
export const AUDIO_LEVEL_EXTENSION_ID = 1;
const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
/** -30 dBov with the voice bit: above the room's threshold, so the level observer reports it. */
const AUDIO_LEVEL_DBOV = 30;

/**
 * What the server passes to its media layer (server/app.ts: `MediaRooms.start({ ...config.media,
 * logLevel: 'warn' })`), read from the same environment by the server's own loadConfig, with one
 * worker so that the figure is per worker core. Everything else (codecs, speaker observers, load
 * tracking) is the media layer's default, as in the server.
 */
export function productMediaConfig(numWorkers = 1): Partial<MediaConfig> {
  return { ...loadConfig(process.env).media, numWorkers, logLevel: 'warn' };
}

/**
 * `--mode=product`: the same fan-out, but the worker, router, producer and consumers come from
 * the server's media layer: MediaRooms with the server's configuration (one worker), one room
 * (its router carries the room codecs and the ActiveSpeakerObserver/AudioLevelObserver), a plain
 * send transport with the producer on it, and per consumer a participant with a plain recv
 * transport, a consumer created paused and then resumed, as the server does for a subscriber.
 */
export const productMode: FanoutMode = {
  name: 'product',
  description: "consumers created through the server's media layer (MediaRooms, one room, one worker)",
  build: (request) => buildProductRig(request, 1),
};

/**
 * `spread`: the same, with two workers. The room's main router takes consumers up to the server's
 * maxConsumersPerRouter (MEDIA_MAX_CONSUMERS_PER_ROUTER), the rest go to the room's router on the
 * other worker, fed through pipeToRouter; both workers are measured, the busier one decides.
 */
export const spreadMode: FanoutMode = {
  name: 'spread',
  description: "the server's media layer with two workers: one room, subscribers beyond maxConsumersPerRouter on the other worker through pipeToRouter",
  build: (request) => buildProductRig(request, 2),
};

async function buildProductRig(request: RigRequest, numWorkers: number): Promise<FanoutRig> {
  const media = await startMedia(request.security.srtpLibrary, numWorkers);
  const infos = media.pool.workers();
  for (const info of infos) trackPid(info.pid);
  const pids = infos.map((info) => info.pid);
  const close = () => closeMedia(media, pids);
  try {
    if (infos.length !== numWorkers) throw new Error(`the media layer started ${infos.length} workers, not ${numWorkers}`);
    const { workerBin } = await loadMediasoup();
    let srtpLibrary = infos[0]!.srtpLibrary;
    let srtpLibraryPath = '?';
    for (const info of infos) {
      const loaded = loadedSrtp(info.pid, workerBin);
      srtpLibrary = loaded?.library ?? info.srtpLibrary;
      srtpLibraryPath = loaded?.file ?? '?';
      if (srtpLibrary !== request.security.srtpLibrary) {
        throw new Error(`worker ${info.pid} loaded ${srtpLibraryPath} (${srtpLibrary}), not the ${request.security.srtpLibrary} libsrtp`);
      }
    }

    const room = await media.openRoom(ROOM_ID);
    const workerPid = room.workerPid!;
    const { stream } = request;
    const ingress = await room.createPlainTransport(PUBLISHER, 'send', { comedia: true, rtcpMux: true });
    const audioLevel = stream.kind === 'audio';
    await room.produce(PUBLISHER, {
      streamKey: 'self',
      kind: stream.kind,
      rtpParameters: {
        codecs: [stream.producerCodec],
        encodings: [{ ssrc: stream.ssrc }],
        ...(audioLevel ? { headerExtensions: [{ uri: AUDIO_LEVEL_URI, id: AUDIO_LEVEL_EXTENSION_ID }] } : {}),
      },
    });
    const track: TrackRef = { participantId: PUBLISHER, streamKey: 'self', kind: stream.kind };
    // The media layer's capabilities for plain endpoints: media codecs, NACK and FIR, no RTX,
    // no header extensions (the same set bench mode uses).
    const rtpCapabilities = plainRtpCapabilities(await room.getRtpCapabilities());
    const srtp = request.security.srtp;

    const consumerSsrcs: number[] = [];
    for (let first = 0; first < request.consumers; first += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, request.consumers - first) }, (_, j) => first + j);
      const ssrcs = await Promise.all(
        batch.map(async (i) => {
          const subscriber = `subscriber-${i}`;
          const transport = await room.createPlainTransport(subscriber, 'recv', {
            comedia: false,
            rtcpMux: true,
            ...(srtp ? { enableSrtp: true, srtpCryptoSuite: CRYPTO_SUITE } : {}),
          });
          if (srtp && !transport.srtpParameters) throw new Error('the media layer returned no SRTP parameters');
          await room.connectPlainTransport(subscriber, transport.id, {
            ip: '127.0.0.1',
            port: request.receiverPorts[i % request.receiverPorts.length],
            // Only for what the transport would receive; it encrypts with its own key
            // (transport.srtpParameters).
            ...(srtp ? { srtpParameters: { cryptoSuite: CRYPTO_SUITE, keyBase64: randomBytes(30).toString('base64') } } : {}),
          });
          const consumer = await room.consume(subscriber, { track, rtpCapabilities });
          await room.resumeConsumer(subscriber, track);
          const ssrc = consumer.rtpParameters.encodings?.[0]?.ssrc;
          if (ssrc === undefined) throw new Error('consumer without an SSRC');
          return ssrc;
        }),
      );
      consumerSsrcs.push(...ssrcs);
    }
    return {
      workerPid,
      ...(numWorkers > 1 ? { extraWorkerPids: infos.map((info) => info.pid).filter((pid) => pid !== workerPid) } : {}),
      consumersPerWorker: room.routerInfo().map((r) => r.consumers),
      ingressPort: ingress.port,
      consumerSsrcs,
      srtpLibrary,
      srtpLibraryPath,
      ...(audioLevel ? { audioLevel: { extensionId: AUDIO_LEVEL_EXTENSION_ID, dBov: AUDIO_LEVEL_DBOV } } : {}),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The server does not choose a libsrtp: its workers take MEDIASOUP_SRTP (default `auto`, the
 * OpenSSL build when it exists). The variant's library is asked for the same way, and only for
 * this start.
 */
async function startMedia(srtpLibrary: string, numWorkers: number): Promise<MediaRooms> {
  const had = Object.prototype.hasOwnProperty.call(process.env, 'MEDIASOUP_SRTP');
  const previous = process.env.MEDIASOUP_SRTP;
  process.env.MEDIASOUP_SRTP = srtpLibrary;
  try {
    return await MediaRooms.start(productMediaConfig(numWorkers));
  } finally {
    if (had) process.env.MEDIASOUP_SRTP = previous;
    else delete process.env.MEDIASOUP_SRTP;
  }
}

/** Closes the room and the workers, and makes sure the processes are gone before the next point. */
async function closeMedia(media: MediaRooms, pids: number[]): Promise<void> {
  await media.close();
  for (let waited = 0; waited < 5000 && pids.some(processAlive); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const pid of pids) {
    if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    untrackPid(pid);
  }
}

import { randomBytes } from 'node:crypto';
import type { types as mediasoupTypes } from 'mediasoup';
import { createMediasoupWorker } from '../../media/worker-runtime.js';
import { trackPid, untrackPid, processAlive } from './child-processes.js';
import type { FanoutMode, FanoutRig, RigRequest } from './fanout-mode.js';
import { ROUTER_CODECS, type StreamSpec } from './streams.js';

const CRYPTO_SUITE: mediasoupTypes.SrtpCryptoSuite = 'AES_CM_128_HMAC_SHA1_80';
/** Requests in flight at once while building consumers (the baseline's batch size). */
const BATCH = 50;

/**
 * The baseline's method: PlainTransports made directly on mediasoup. The only difference from
 * the baseline's plain runs is SRTP on the consumer transports, so the worker encrypts N times
 * per input packet (the producer side stays plain RTP, as in the baseline's SRTP runs).
 */
export const benchMode: FanoutMode = {
  name: 'bench',
  description: 'consumers on PlainTransports created directly on mediasoup (baseline method)',
  async build(request: RigRequest): Promise<FanoutRig> {
    const { worker, srtpLibrary, srtpLibraryPath } = await createMediasoupWorker({ logLevel: 'warn', rtcMinPort: 20000, rtcMaxPort: 39999 }, { srtp: request.security.srtpLibrary });
    trackPid(worker.pid);
    try {
      if (srtpLibrary !== request.security.srtpLibrary) {
        throw new Error(`worker loaded ${srtpLibraryPath} (${srtpLibrary}), not the ${request.security.srtpLibrary} libsrtp`);
      }
      const router = await worker.createRouter({ mediaCodecs: ROUTER_CODECS });
      const ingress = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
      const producer = await ingress.produce({
        kind: request.stream.kind,
        rtpParameters: { codecs: [request.stream.producerCodec], encodings: [{ ssrc: request.stream.ssrc }] },
      });
      const caps = consumerCapabilities(router, request.stream);
      const consumerSsrcs: number[] = [];
      for (let first = 0; first < request.consumers; first += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, request.consumers - first) }, (_, j) => first + j);
        const ssrcs = await Promise.all(
          batch.map(async (i) => {
            const transport = await router.createPlainTransport({
              listenIp: '127.0.0.1',
              rtcpMux: true,
              comedia: false,
              ...(request.security.srtp ? { enableSrtp: true, srtpCryptoSuite: CRYPTO_SUITE } : {}),
            });
            await transport.connect({
              ip: '127.0.0.1',
              port: request.receiverPorts[i % request.receiverPorts.length],
              // Only decrypts what the consumer would receive; what it sends uses the
              // transport's own key (transport.srtpParameters).
              ...(request.security.srtp ? { srtpParameters: { cryptoSuite: CRYPTO_SUITE, keyBase64: randomBytes(30).toString('base64') } } : {}),
            });
            const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: caps });
            return consumer.rtpParameters.encodings![0].ssrc!;
          }),
        );
        consumerSsrcs.push(...ssrcs);
      }
      return {
        workerPid: worker.pid,
        ingressPort: ingress.tuple.localPort,
        consumerSsrcs,
        srtpLibrary,
        srtpLibraryPath,
        close: () => closeWorker(worker),
      };
    } catch (error) {
      await closeWorker(worker);
      throw error;
    }
  },
};

/**
 * Media codec only: no RTX and no header extensions (media-notes pitfall 5, and what the
 * baseline measured); NACK and FIR stay, so video consumers keep their retransmission store.
 */
function consumerCapabilities(router: mediasoupTypes.Router, stream: StreamSpec): mediasoupTypes.RtpCapabilities {
  return {
    headerExtensions: [],
    codecs: (router.rtpCapabilities.codecs ?? [])
      .filter((c) => c.kind === stream.kind && !/\/rtx$/i.test(c.mimeType))
      .map((c) => ({ ...c, rtcpFeedback: (c.rtcpFeedback ?? []).filter((f) => f.type === 'nack' || f.type === 'ccm') })),
  };
}

/** Waits until the process is really gone, so that it cannot eat into the next point's window. */
async function closeWorker(worker: mediasoupTypes.Worker): Promise<void> {
  const pid = worker.pid;
  worker.close();
  for (let waited = 0; waited < 5000 && processAlive(pid); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  untrackPid(pid);
}

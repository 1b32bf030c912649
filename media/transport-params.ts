import type { types as ms } from 'mediasoup';
import type { MediaConfig } from './config.js';
import type { PlainTransportOptions, PlainTransportParams, WebRtcTransportParams } from './types.js';

export function webRtcTransportOptions(config: MediaConfig): ms.WebRtcTransportOptions {
  return {
    listenIps: [{ ip: config.listenIp, announcedIp: config.announcedIp }],
    enableUdp: config.enableUdp,
    enableTcp: config.enableTcp,
    preferUdp: config.preferUdp,
    initialAvailableOutgoingBitrate: config.initialAvailableOutgoingBitrate,
    enableSctp: config.enableSctp,
  };
}

export function plainTransportOptions(config: MediaConfig, options: PlainTransportOptions): ms.PlainTransportOptions {
  return {
    listenIp: { ip: config.listenIp, announcedIp: config.announcedIp },
    comedia: options.comedia ?? false,
    rtcpMux: options.rtcpMux ?? true,
    ...(options.enableSrtp ? { enableSrtp: true } : {}),
    ...(options.enableSrtp && options.srtpCryptoSuite ? { srtpCryptoSuite: options.srtpCryptoSuite } : {}),
  };
}

export function webRtcTransportParams(transport: ms.WebRtcTransport): WebRtcTransportParams {
  return {
    id: transport.id,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates,
    dtlsParameters: transport.dtlsParameters,
    ...(transport.sctpParameters ? { sctpParameters: transport.sctpParameters } : {}),
  };
}

export function plainTransportParams(transport: ms.PlainTransport, announcedIp: string | undefined): PlainTransportParams {
  return {
    id: transport.id,
    ip: announcedIp ?? transport.tuple.localIp,
    port: transport.tuple.localPort,
    ...(transport.rtcpTuple ? { rtcpPort: transport.rtcpTuple.localPort } : {}),
    ...(transport.srtpParameters ? { srtpParameters: transport.srtpParameters } : {}),
  };
}

import type { types as ms } from 'mediasoup';

/** What a participant publishes under: `self` = camera + microphone, `presentation` = screen share. */
export type StreamKey = 'self' | 'presentation';
export const streamKeys: readonly StreamKey[] = ['self', 'presentation'];

export type MediaKind = ms.MediaKind;
// The client-supplied parameters, named here so that callers above the media layer need not import mediasoup.
export type RtpParameters = ms.RtpParameters;
export type RtpCapabilities = ms.RtpCapabilities;
export type DtlsParameters = ms.DtlsParameters;
export type IceParameters = ms.IceParameters;
/** Simulcast/SVC layers of a consumer (0 = lowest). */
export type ConsumerLayers = ms.ConsumerLayers;
export type TransportDirection = 'send' | 'recv';

/** One published track: a stream of a participant, of one kind. */
export interface TrackRef {
  participantId: string;
  streamKey: StreamKey;
  kind: MediaKind;
}

/** What a browser needs to build its side of a WebRTC transport (mediasoup-client's TransportOptions). */
export interface WebRtcTransportParams {
  id: string;
  iceParameters: ms.IceParameters;
  iceCandidates: ms.IceCandidate[];
  dtlsParameters: ms.DtlsParameters;
  sctpParameters?: ms.SctpParameters;
}

/** Where a plain RTP endpoint (ffmpeg, an ingest or a recorder) sends to or hears from. */
export interface PlainTransportParams {
  id: string;
  ip: string;
  port: number;
  /** Present when RTCP is not multiplexed on `port`. */
  rtcpPort?: number;
  /**
   * Present when SRTP is enabled: the transport's own key, with which it encrypts what it sends
   * (the endpoint decrypts with it). The endpoint's key goes to connectPlainTransport.
   */
  srtpParameters?: ms.SrtpParameters;
}

export interface PlainTransportOptions {
  /** Learn the remote address from the first packet received (an endpoint that only sends). */
  comedia?: boolean;
  rtcpMux?: boolean;
  /** SRTP instead of plain RTP; the endpoint's key must then be given to connectPlainTransport. */
  enableSrtp?: boolean;
  /** With enableSrtp; mediasoup's default is AES_CM_128_HMAC_SHA1_80. */
  srtpCryptoSuite?: ms.SrtpCryptoSuite;
  /**
   * A recv transport that stays on the room's main router, with the producers, however big the
   * room (a recorder: it must not depend on another worker, nor be reported as a subscriber).
   */
  mainRouter?: boolean;
  /**
   * A send transport for this kind only, besides the participant's send transport: an ingest
   * whose audio and video come from two sockets (comedia locks a transport to one sender).
   */
  kind?: MediaKind;
}

export interface ProducerInfo extends TrackRef {
  producerId: string;
  paused: boolean;
  type: ms.ProducerType;
}

export interface ProduceOptions {
  streamKey: StreamKey;
  kind: MediaKind;
  rtpParameters: ms.RtpParameters;
  paused?: boolean;
}

export interface ConsumeOptions {
  /** The published track to receive. */
  track: TrackRef;
  /** The subscriber's device capabilities. */
  rtpCapabilities: ms.RtpCapabilities;
  /** For simulcast/SVC: the layer to start with. */
  preferredLayers?: ms.ConsumerLayers;
}

/** What a subscriber needs to build its consumer (mediasoup-client's ConsumerOptions), plus context. */
export interface ConsumerParams {
  id: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: ms.RtpParameters;
  type: ms.ConsumerType;
  /** Whether the publisher's track is currently paused (e.g. muted by a moderator). */
  producerPaused: boolean;
  track: TrackRef;
}

export type ProducerCloseReason = 'requested' | 'transportClosed';
export type ConsumerCloseReason = 'requested' | 'producerClosed' | 'transportClosed';

export interface RoomMediaEvents {
  /** The loudest sustained speaker changed. Not emitted again for the same producer. */
  dominantSpeaker: [event: { roomId: string; track: TrackRef; producerId: string }];
  /** Audio levels above the threshold, loudest first, every `audioLevelIntervalMs` while someone speaks. */
  audioLevels: [event: { roomId: string; levels: Array<{ track: TrackRef; producerId: string; volume: number }> }];
  /** Nobody is above the threshold any more. */
  silence: [event: { roomId: string }];
  /**
   * A producer ended. `requested` ones come from closeProducer(); `transportClosed` ones from their
   * transport closing (participant left, transport closed or replaced). Not emitted when the whole
   * room closes or is lost.
   */
  producerClosed: [event: { roomId: string; track: TrackRef; producerId: string; reason: ProducerCloseReason }];
  /**
   * A consumer ended; `producerClosed` is the one a subscriber must be told about (the publisher
   * stopped). Not emitted when the whole room closes or is lost.
   */
  consumerClosed: [event: { roomId: string; subscriberId: string; track: TrackRef; consumerId: string; reason: ConsumerCloseReason }];
  /** The simulcast/SVC layers a subscriber actually receives changed (undefined: none, e.g. paused). */
  consumerLayersChanged: [event: { roomId: string; subscriberId: string; track: TrackRef; layers: ms.ConsumerLayers | undefined }];
  /**
   * A participant's media closed because it left (removeParticipant), after its own producerClosed
   * and consumerClosed: stop routing anything to or from it. Not emitted when the whole room closes
   * or is lost.
   */
  peerClosed: [event: { roomId: string; participantId: string }];
  /**
   * The worker under one of the room's other routers (a big room's) died: these subscribers lost
   * their recv transport and consumers; their send side and everybody else's media are untouched.
   */
  subscribersLost: [event: { roomId: string; participantIds: string[]; workerPid: number }];
  /** The worker hosting this room died: every transport, producer and consumer is gone. */
  lost: [event: { roomId: string; participantIds: string[] }];
  /** The room has media again, on a new router (after `lost`). */
  rebuilt: [event: { roomId: string; workerPid: number }];
  closed: [event: { roomId: string }];
}

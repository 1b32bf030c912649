import dgram from 'node:dgram';
import type { types as ms } from 'mediasoup';
import { loadMediasoup } from '../../media/mediasoup-loader.js';
import { bindingRequest, isBindingSuccess, isDtls, isRtcp, isRtpOrRtcp, isStun } from './stun.js';

// Receiving a participant's WebRTC recv transport without a browser, and without a WebRTC
// library: the server's transport speaks ICE-lite, DTLS and SRTP. A UDP socket of ours does the
// ICE part (a STUN Binding request with the transport's credentials, as a browser's controlling
// agent does), and the DTLS handshake is done by a mediasoup WebRtcTransport in this process
// (mediasoup is already a dependency and takes the DTLS client role when told the remote one is
// the server), relayed through the socket. Once DTLS is up, the server sends SRTP to the socket:
// the RTP header is in clear, so SSRC and sequence numbers are counted without decrypting
// (as bench/fanout's receiver does), and nothing is relayed any more.

/** What `join` answers as a transport (TransportOptions). */
export interface ServerTransport {
  id: string;
  iceParameters: { usernameFragment: string; password: string };
  iceCandidates: Array<{ ip?: string; address?: string; port: number; protocol: string }>;
  dtlsParameters: { role?: string; fingerprints: Array<{ algorithm: string; value: string }> };
}

type DtlsParameters = { role: 'client' | 'server'; fingerprints: Array<{ algorithm: string; value: string }> };

const HANDSHAKE_TIMEOUT_MS = 15_000;
const STUN_RETRY_MS = 250;

/** The local DTLS endpoint of every link: one mediasoup worker and router in this process. */
export class DtlsPeer {
  private constructor(
    private readonly worker: ms.Worker,
    private readonly router: ms.Router,
  ) {}

  static async start(): Promise<DtlsPeer> {
    const { mediasoup } = await loadMediasoup();
    // Ports apart from the server's default range (40000-49999), on the same machine.
    const worker = await mediasoup.createWorker({ logLevel: 'error', rtcMinPort: 30000, rtcMaxPort: 34999 });
    const router = await worker.createRouter({ mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] });
    return new DtlsPeer(worker, router);
  }

  /**
   * Connects a recv transport of the server: `connect` is the participant's connectTransport
   * (it gets our DTLS parameters). `onRtp(ssrc, bytes)` sees every RTP packet that arrives.
   */
  async link(server: ServerTransport, connect: (dtls: DtlsParameters) => Promise<void>, onRtp: (ssrc: number, bytes: number) => void): Promise<RecvLink> {
    const local = await this.router.createWebRtcTransport({ listenIps: [{ ip: '127.0.0.1' }], enableUdp: true, enableTcp: false });
    const link = new RecvLink(local, server, onRtp);
    try {
      await link.open(connect);
      return link;
    } catch (error) {
      link.close();
      throw error;
    }
  }

  close(): void {
    this.worker.close();
  }
}

export class RecvLink {
  readonly socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 1 << 20 });
  rtcpPackets = 0;
  private readonly serverPort: number;
  private readonly serverIp: string;
  private readonly localPort: number;
  private readonly pending = new Map<string, () => void>();
  private closed = false;

  constructor(
    private readonly local: ms.WebRtcTransport,
    private readonly server: ServerTransport,
    private readonly onRtp: (ssrc: number, bytes: number) => void,
  ) {
    const candidate = server.iceCandidates.find((c) => c.protocol === 'udp');
    if (!candidate) throw new Error('the server transport has no UDP candidate');
    this.serverIp = candidate.ip ?? candidate.address ?? '127.0.0.1';
    this.serverPort = candidate.port;
    this.localPort = local.iceCandidates[0].port;
  }

  async open(connect: (dtls: DtlsParameters) => Promise<void>): Promise<void> {
    this.socket.on('message', (m, from) => this.onMessage(m, from.port, from.address));
    this.socket.on('error', () => {});
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    const connected = new Promise<void>((resolve, reject) => {
      this.local.on('dtlsstatechange', (state) => {
        if (state === 'connected') resolve();
        else if (state === 'failed' || state === 'closed') reject(new Error(`DTLS ${state}`));
      });
    });
    // Ours is the DTLS client (the role a browser's answerer takes), the server's the DTLS server.
    await this.local.connect({ dtlsParameters: { role: 'server', fingerprints: this.server.dtlsParameters.fingerprints as ms.DtlsFingerprint[] } });
    await connect({ role: 'client', fingerprints: this.local.dtlsParameters.fingerprints });
    // The server first, so that the ClientHello finds a valid pair there.
    await this.stun(this.serverIp, this.serverPort, this.server.iceParameters);
    await this.stun('127.0.0.1', this.localPort, this.local.iceParameters);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('DTLS handshake timed out')), HANDSHAKE_TIMEOUT_MS)));
    try {
      await Promise.race([connected, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async stun(ip: string, port: number, ice: { usernameFragment: string; password: string }): Promise<void> {
    const deadline = Date.now() + HANDSHAKE_TIMEOUT_MS;
    for (;;) {
      const { packet, transactionId } = bindingRequest(ice.usernameFragment, ice.password);
      const key = transactionId.toString('hex');
      const answered = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), STUN_RETRY_MS);
        this.pending.set(key, () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      this.socket.send(packet, port, ip);
      const ok = await answered;
      this.pending.delete(key);
      if (ok) return;
      if (this.closed) throw new Error('closed');
      if (Date.now() > deadline) throw new Error(`no STUN answer from ${ip}:${port}`);
    }
  }

  private onMessage(m: Buffer, port: number, address: string): void {
    const fromServer = port === this.serverPort && address === this.serverIp;
    if (isStun(m)) {
      for (const [key, done] of this.pending) if (isBindingSuccess(m, Buffer.from(key, 'hex'))) done();
    } else if (isDtls(m)) {
      if (fromServer) this.socket.send(m, this.localPort, '127.0.0.1');
      else if (port === this.localPort) this.socket.send(m, this.serverPort, this.serverIp);
    } else if (fromServer && isRtpOrRtcp(m)) {
      if (isRtcp(m)) this.rtcpPackets++;
      else this.onRtp(m.readUInt32BE(8), m.length);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.local.close();
    this.socket.close();
  }
}

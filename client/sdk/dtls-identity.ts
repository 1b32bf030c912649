import type { types as ms } from 'mediasoup-client';

/** A certificate this close to its end is replaced rather than handed to a new transport. */
const RENEW_BEFORE_MS = 60 * 60_000;

/**
 * The browser's DTLS certificate, made by the SDK instead of by each peer connection. Knowing it
 * in advance, the SDK can send connectTransport alongside the rest of the join instead of inside
 * the first consume or produce, where mediasoup-client waits for it before the browser may even
 * start ICE: that round trip came straight before the first remote frame.
 */
export class DtlsIdentity {
  private cert: RTCCertificate | null = null;
  private making: Promise<RTCCertificate | null> | null = null;

  /** The certificate if it is made and good for a while yet, else null (and one is being made). */
  ready(): RTCCertificate | null {
    if (this.cert && this.cert.expires - Date.now() > RENEW_BEFORE_MS) return this.cert;
    void this.certificate();
    return null;
  }

  /** The certificate (made once, and again near its expiry); null where the browser cannot make one. */
  certificate(): Promise<RTCCertificate | null> {
    if (this.cert && this.cert.expires - Date.now() > RENEW_BEFORE_MS) return Promise.resolve(this.cert);
    this.making ??= generate().then((cert) => {
      this.cert = cert;
      this.making = null;
      return cert;
    });
    return this.making;
  }
}

async function generate(): Promise<RTCCertificate | null> {
  try {
    if (typeof RTCPeerConnection === 'undefined' || typeof RTCPeerConnection.generateCertificate !== 'function') return null;
    return await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' } as EcKeyGenParams);
  } catch {
    return null;
  }
}

/**
 * The DTLS parameters mediasoup-client will announce for a transport using `cert`: its local role
 * is the opposite of a server role that is fixed, else client (every browser handler it ships does
 * so); fingerprints in upper case as the SDP has them (the media server compares strings).
 */
export function announcedDtls(cert: RTCCertificate, server: ms.DtlsParameters): ms.DtlsParameters {
  const role = server.role === 'client' ? 'server' : 'client';
  const fingerprints = cert.getFingerprints().map((f) => ({ algorithm: f.algorithm as ms.FingerprintAlgorithm, value: (f.value ?? '').toUpperCase() }));
  return { role, fingerprints };
}

/** Whether what mediasoup-client announced is what was sent ahead: same role, fingerprints among those sent. */
export function sameDtls(announced: ms.DtlsParameters, sent: ms.DtlsParameters): boolean {
  const key = (f: ms.DtlsFingerprint) => `${f.algorithm.toLowerCase()} ${f.value.toUpperCase()}`;
  const ours = new Set(sent.fingerprints.map(key));
  return announced.role === sent.role && announced.fingerprints.length > 0 && announced.fingerprints.every((f) => ours.has(key(f)));
}

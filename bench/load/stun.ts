import { createHmac, randomBytes } from 'node:crypto';

// The few STUN messages (RFC 8489, ICE's RFC 8445) a headless receiver needs to pass mediasoup's
// ICE-lite check: a Binding request with the short-term credentials of the transport it talks to.

const MAGIC_COOKIE = 0x2112a442;
const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;
const ATTR = { username: 0x0006, messageIntegrity: 0x0008, priority: 0x0024, useCandidate: 0x0025, iceControlling: 0x802a, fingerprint: 0x8028 };

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function attribute(type: number, value: Buffer): Buffer {
  const padded = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  padded.writeUInt16BE(type, 0);
  padded.writeUInt16BE(value.length, 2);
  value.copy(padded, 4);
  return padded;
}

/**
 * A Binding request as an ICE controlling agent nominating the pair: USERNAME `remote:local`,
 * PRIORITY, ICE-CONTROLLING, USE-CANDIDATE, MESSAGE-INTEGRITY keyed with the remote password and
 * FINGERPRINT (mediasoup answers 400 to a request without it).
 */
export function bindingRequest(remoteUfrag: string, remotePassword: string, localUfrag = 'headless'): { packet: Buffer; transactionId: Buffer } {
  const transactionId = randomBytes(12);
  const priority = Buffer.alloc(4);
  priority.writeUInt32BE(0x6e001eff);
  const body = Buffer.concat([
    attribute(ATTR.username, Buffer.from(`${remoteUfrag}:${localUfrag}`)),
    attribute(ATTR.priority, priority),
    attribute(ATTR.iceControlling, randomBytes(8)),
    attribute(ATTR.useCandidate, Buffer.alloc(0)),
  ]);
  const header = (length: number) => {
    const h = Buffer.alloc(20);
    h.writeUInt16BE(BINDING_REQUEST, 0);
    h.writeUInt16BE(length, 2);
    h.writeUInt32BE(MAGIC_COOKIE, 4);
    transactionId.copy(h, 8);
    return h;
  };
  // MESSAGE-INTEGRITY covers the message up to itself, with the length counting it (24 bytes).
  const integrity = createHmac('sha1', remotePassword)
    .update(Buffer.concat([header(body.length + 24), body]))
    .digest();
  const withIntegrity = Buffer.concat([body, attribute(ATTR.messageIntegrity, integrity)]);
  // FINGERPRINT: CRC-32 of everything before it, with the length counting it (8 bytes), XOR 'STUN'.
  const fingerprint = Buffer.alloc(4);
  fingerprint.writeUInt32BE((crc32(Buffer.concat([header(withIntegrity.length + 8), withIntegrity])) ^ 0x5354554e) >>> 0);
  const all = Buffer.concat([withIntegrity, attribute(ATTR.fingerprint, fingerprint)]);
  return { packet: Buffer.concat([header(all.length), all]), transactionId };
}

/** Whether a datagram is STUN (RFC 7983's first-byte ranges: 0..3). */
export const isStun = (m: Buffer) => m.length >= 20 && m[0] <= 3 && m.readUInt32BE(4) === MAGIC_COOKIE;

/** Whether a datagram is a Binding success answer to the transaction. */
export function isBindingSuccess(m: Buffer, transactionId: Buffer): boolean {
  return isStun(m) && m.readUInt16BE(0) === BINDING_SUCCESS && m.subarray(8, 20).equals(transactionId);
}

/** DTLS records (first byte 20..63). */
export const isDtls = (m: Buffer) => m.length > 0 && m[0] >= 20 && m[0] <= 63;

/** RTP or RTCP (first byte 128..191); RTCP when the second byte is a packet type 192..223. */
export const isRtpOrRtcp = (m: Buffer) => m.length >= 12 && m[0] >= 128 && m[0] <= 191;
export const isRtcp = (m: Buffer) => m[1] >= 192 && m[1] <= 223;

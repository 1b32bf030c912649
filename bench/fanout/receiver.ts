// The receiving end of every consumer, in a process of its own so that its CPU is measured apart
// from the worker's and the controller's (reference/fanout-baseline.md, "Processes").
// It never decrypts: the SRTP header is in clear, and SSRC plus sequence number are all that
// loss counting needs.
import dgram from 'node:dgram';
import type { ReceiverReply, ReceiverRequest } from './receiver-protocol.js';

const SOCKETS = Number(process.argv[2] ?? 4);
const BUFFER_BYTES = 4 << 20;

// ssrc -> [received, extended highest sequence number, bytes]
const perSsrc = new Map<number, [number, number, number]>();
let rtcpPackets = 0;

function onMessage(m: Buffer): void {
  if (m.length < 12) return;
  const b1 = m[1];
  if (b1 >= 192 && b1 <= 223) {
    rtcpPackets++; // SR/SRTCP muxed on the same port: its PT byte is in clear
    return;
  }
  const ssrc = m.readUInt32BE(8);
  const seq = m.readUInt16BE(2);
  let s = perSsrc.get(ssrc);
  if (s === undefined) {
    s = [0, seq, 0];
    perSsrc.set(ssrc, s);
  } else {
    const delta = (seq - (s[1] & 0xffff)) & 0xffff;
    if (delta < 0x8000) s[1] += delta;
  }
  s[0]++;
  s[2] += m.length;
}

function send(reply: ReceiverReply): void {
  process.send?.(reply);
}

const sockets = Array.from({ length: SOCKETS }, () => dgram.createSocket({ type: 'udp4', recvBufferSize: BUFFER_BYTES }).on('message', onMessage));
await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve))));

process.on('message', (request: ReceiverRequest) => {
  if (request.type === 'snapshot') {
    const rows: number[] = [];
    for (const [ssrc, [received, highest, bytes]] of perSsrc) rows.push(ssrc, received, highest, bytes);
    send({ type: 'snapshot', id: request.id, rows, rtcpPackets });
  } else if (request.type === 'reset') {
    perSsrc.clear();
    rtcpPackets = 0;
    send({ type: 'reset', id: request.id });
  }
});
// The benchmark is gone (even by SIGKILL): so are we.
process.on('disconnect', () => process.exit(0));

send({ type: 'ready', ports: sockets.map((s) => s.address().port) });

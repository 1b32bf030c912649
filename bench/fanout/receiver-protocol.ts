export type ReceiverRequest = { type: 'snapshot'; id: number } | { type: 'reset'; id: number };

export type ReceiverReply =
  | { type: 'ready'; ports: number[] }
  /** rows: ssrc, received, extended highest seq, bytes; four numbers per SSRC */
  | { type: 'snapshot'; id: number; rows: number[]; rtcpPackets: number }
  | { type: 'reset'; id: number };

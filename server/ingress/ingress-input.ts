import type { IngressKind } from '../../db/types.js';
import type { IngestVideoCodec } from '../../media/index.js';
import { MAX_CONTEXT_CHARS } from '../live/participant-access.js';
import { Checker } from '../shared/validation.js';

export interface CreateIngressInput {
  roomId: string;
  kind: IngressKind;
  url?: string | null;
  loop?: boolean | null;
  context?: string | null;
  videoCodec?: IngestVideoCodec | null;
}

export interface IngressRequest {
  roomId: string;
  kind: IngressKind;
  url: string | null;
  loop: boolean;
  context: string | null;
  videoCodec: IngestVideoCodec;
  /** For WHIP: the hash of the bearer token made for it (the token itself goes back to the caller only). */
  whipTokenHash?: string;
}

export const MAX_URL_CHARS = 2048;

const INGEST_URL = /^(\/|file:\/\/\/|https?:\/\/[^/\s])/i;

/** Every problem of the input at once, before anything happens. */
export function checkCreateIngress(input: CreateIngressInput): IngressRequest {
  const c = new Checker();
  c.uuid('input.roomId', input.roomId);
  if (input.kind !== 'url' && input.kind !== 'rtp' && input.kind !== 'whip') c.fail('input.kind', `must be URL, RTP or WHIP, got "${String(input.kind).slice(0, 20)}"`);
  const url = input.url ?? null;
  if (input.kind === 'url') {
    if (url == null || url.trim() === '') c.fail('input.url', 'is required for a URL ingress: a media file path or a URL ffmpeg can read');
    else {
      c.text('input.url', url, 1, MAX_URL_CHARS);
      // ffmpeg would read a leading dash as an option of its own.
      if (url.startsWith('-')) c.fail('input.url', 'must not start with "-"');
      // ffmpeg opens far more than files and web addresses (concat:, subfile:, pipe:, tcp:, …):
      // only an absolute path, file:// or http(s):// is taken.
      else if (!INGEST_URL.test(url.trim())) c.fail('input.url', 'must be an absolute file path, a file:// URL or an http(s):// URL');
    }
  } else if (url != null) {
    c.fail('input.url', 'is only for a URL ingress');
  }
  if (input.loop && input.kind !== 'url') c.fail('input.loop', 'is only for a URL ingress');
  if (input.videoCodec != null && input.kind !== 'rtp') c.fail('input.videoCodec', 'is only for an RTP ingress (a URL ingress picks the codec from its input)');
  c.text('input.context', input.context, 0, MAX_CONTEXT_CHARS);
  c.done();
  return {
    roomId: input.roomId,
    kind: input.kind,
    url: input.kind === 'url' ? url!.trim() : null,
    loop: input.loop ?? false,
    context: input.context ?? null,
    videoCodec: input.videoCodec ?? 'VP8',
  };
}

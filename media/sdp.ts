/**
 * Just enough of SDP (RFC 8866) to read a WebRTC offer: the session's attributes and, per media
 * section, its line, its attributes and what JSEP puts in them (mid, direction, codecs, feedback,
 * header extensions, SSRCs, RIDs). Unknown lines are kept as attributes and otherwise ignored.
 */

export interface SdpAttribute {
  name: string;
  /** What follows the colon; '' for a flag such as `a=rtcp-mux`. */
  value: string;
}

export interface SdpCodec {
  payloadType: number;
  name: string;
  clockRate: number;
  channels?: number;
  /** From `a=fmtp`: `key=value` pairs, numbers where they are numbers. */
  parameters: Record<string, string | number>;
  /** From `a=rtcp-fb` (`nack`, `nack pli`, `ccm fir`, `goog-remb`, `transport-cc`). */
  feedback: Array<{ type: string; parameter: string }>;
}

export interface SdpMedia {
  kind: string;
  port: number;
  protocol: string;
  /** The media line's formats as written (payload types, or `webrtc-datachannel`). */
  formats: string[];
  payloadTypes: number[];
  mid?: string;
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
  codecs: SdpCodec[];
  extensions: Array<{ id: number; uri: string }>;
  /** The SSRCs in `a=ssrc` lines, in order, and the `FID` (RTX) groups. */
  ssrcs: number[];
  fidGroups: number[][];
  /** `a=rid:<id> send`. */
  rids: string[];
  attributes: SdpAttribute[];
}

export interface SdpDescription {
  attributes: SdpAttribute[];
  media: SdpMedia[];
}

export class SdpError extends Error {
  override readonly name = 'SdpError';
}

const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

function attribute(line: string): SdpAttribute {
  const colon = line.indexOf(':');
  return colon < 0 ? { name: line, value: '' } : { name: line.slice(0, colon), value: line.slice(colon + 1) };
}

function parseParameters(text: string): Record<string, string | number> {
  const parameters: Record<string, string | number> = {};
  for (const pair of text.split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    parameters[key] = /^\d+$/.test(value) && key !== 'profile-level-id' ? Number(value) : value;
  }
  return parameters;
}

function mediaSection(line: string, lineNo: number): SdpMedia {
  const [kind, port, protocol, ...formats] = line.split(' ');
  if (!kind || !port || !protocol || !/^\d+(\/\d+)?$/.test(port)) throw new SdpError(`line ${lineNo}: "m=${line.slice(0, 60)}" is not a media line`);
  return {
    kind,
    port: Number(port.split('/')[0]),
    protocol,
    formats,
    payloadTypes: formats.filter((f) => /^\d+$/.test(f)).map(Number),
    direction: 'sendrecv',
    codecs: [],
    extensions: [],
    ssrcs: [],
    fidGroups: [],
    rids: [],
    attributes: [],
  };
}

function codec(media: SdpMedia, payloadType: number): SdpCodec | undefined {
  return media.codecs.find((c) => c.payloadType === payloadType);
}

function readMediaAttribute(media: SdpMedia, { name, value }: SdpAttribute): void {
  if (name === 'mid') media.mid = value;
  else if (DIRECTIONS.has(name)) media.direction = name as SdpMedia['direction'];
  else if (name === 'rtpmap') {
    const m = /^(\d+) ([^/\s]+)\/(\d+)(?:\/(\d+))?/.exec(value);
    if (m) media.codecs.push({ payloadType: Number(m[1]), name: m[2]!, clockRate: Number(m[3]), ...(m[4] ? { channels: Number(m[4]) } : {}), parameters: {}, feedback: [] });
  } else if (name === 'fmtp') {
    const m = /^(\d+) (.*)$/.exec(value);
    const c = m && codec(media, Number(m[1]));
    if (c) c.parameters = parseParameters(m[2]!);
  } else if (name === 'rtcp-fb') {
    const m = /^(\d+|\*) (\S+)(?: (\S+))?/.exec(value);
    if (m) for (const c of m[1] === '*' ? media.codecs : [codec(media, Number(m[1]))]) c?.feedback.push({ type: m[2]!, parameter: m[3] ?? '' });
  } else if (name === 'extmap') {
    const m = /^(\d+)(?:\/\w+)? (\S+)/.exec(value);
    if (m) media.extensions.push({ id: Number(m[1]), uri: m[2]! });
  } else if (name === 'ssrc') {
    const ssrc = Number(/^(\d+)/.exec(value)?.[1]);
    if (Number.isInteger(ssrc) && !media.ssrcs.includes(ssrc)) media.ssrcs.push(ssrc);
  } else if (name === 'ssrc-group') {
    const [semantics, ...ssrcs] = value.split(' ');
    if (semantics === 'FID') media.fidGroups.push(ssrcs.map(Number));
  } else if (name === 'rid') {
    const [id, direction] = value.split(' ');
    if (id && direction === 'send') media.rids.push(id);
  }
}

/** Parses an SDP description; SdpError (saying which line) when it is not one. */
export function parseSdp(text: string): SdpDescription {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!lines[0]?.startsWith('v=0')) throw new SdpError('an SDP description starts with "v=0"');
  const description: SdpDescription = { attributes: [], media: [] };
  let current: SdpMedia | undefined;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!/^[a-z]=/.test(line)) throw new SdpError(`line ${i + 1} is not "<letter>=<value>": "${line.slice(0, 60)}"`);
    const type = line[0];
    const value = line.slice(2);
    if (type === 'm') {
      current = mediaSection(value, i + 1);
      description.media.push(current);
    } else if (type === 'a') {
      const attr = attribute(value);
      if (current) {
        current.attributes.push(attr);
        readMediaAttribute(current, attr);
      } else description.attributes.push(attr);
    }
  });
  return description;
}

/** The value of the first attribute `name` of the media section, or of the session when the section has none. */
export function attributeOf(description: SdpDescription, media: SdpMedia | undefined, name: string): string | undefined {
  return media?.attributes.find((a) => a.name === name)?.value ?? description.attributes.find((a) => a.name === name)?.value;
}

import { MediaError } from './errors.js';
import { streamKeys, type StreamKey, type TrackRef } from './types.js';

// What clients hand the media layer arrives from the wire untyped: each check names the field at
// fault so that the API can answer with a validation error the client can act on. mediasoup checks
// the RTP parameters themselves; these checks cover what it would misreport or not check at all.

export function requireString(value: unknown, field: string): void {
  if (typeof value !== 'string' || value === '') {
    throw new MediaError('INVALID_ARGUMENT', `${field} must be a non-empty string`, field);
  }
}

export function checkStreamKey(value: unknown, field: string): void {
  if (!streamKeys.includes(value as StreamKey)) {
    throw new MediaError('INVALID_ARGUMENT', `${field} must be one of ${streamKeys.join(', ')}, got ${String(value)}`, field);
  }
}

export function checkKind(value: unknown, field: string): void {
  if (value !== 'audio' && value !== 'video') {
    throw new MediaError('INVALID_ARGUMENT', `${field} must be audio or video, got ${String(value)}`, field);
  }
}

export function checkTrack(track: TrackRef, prefix: string): void {
  if (typeof track !== 'object' || track === null) {
    throw new MediaError('INVALID_ARGUMENT', `${prefix} must be an object`, prefix);
  }
  requireString(track.participantId, `${prefix}.participantId`);
  checkStreamKey(track.streamKey, `${prefix}.streamKey`);
  checkKind(track.kind, `${prefix}.kind`);
}

export function checkDirection(value: unknown): void {
  if (value !== 'send' && value !== 'recv') {
    throw new MediaError('INVALID_ARGUMENT', `direction must be send or recv, got ${String(value)}`, 'direction');
  }
}

/** mediasoup accepts an empty fingerprint list and then fails the handshake later, silently. */
export function checkDtlsParameters(value: unknown): void {
  const fingerprints = (value as { fingerprints?: unknown } | null)?.fingerprints;
  if (typeof value !== 'object' || value === null || !Array.isArray(fingerprints) || fingerprints.length === 0) {
    throw new MediaError('INVALID_ARGUMENT', 'dtlsParameters must have a non-empty fingerprints list', 'dtlsParameters');
  }
}

export function checkLayers(layers: { spatialLayer: number; temporalLayer?: number }): void {
  const isLayer = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
  if (!isLayer(layers?.spatialLayer)) {
    throw new MediaError('INVALID_ARGUMENT', 'layers.spatialLayer must be an integer >= 0', 'layers.spatialLayer');
  }
  if (layers.temporalLayer !== undefined && !isLayer(layers.temporalLayer)) {
    throw new MediaError('INVALID_ARGUMENT', 'layers.temporalLayer must be an integer >= 0', 'layers.temporalLayer');
  }
}

/** How an error message names a track. */
export function describeTrack(track: TrackRef): string {
  return `${track.kind} of stream "${track.streamKey}" of participant ${track.participantId}`;
}

import type { CompositionTable, RecordingRow } from '../../db/types.js';
import type { MediaStorage } from '../storage/local-storage.js';
import { buildCompositionCommand, type CompositionCommand, type SourceFile } from './ffmpeg-command.js';
import { probeDuration } from './ffmpeg.js';
import { COMPOSITION_LIMITS, placeTiles, type Frame, type Tile, type VideoRegion } from './layout.js';

export type CompositionFormat = CompositionTable['format'];

export const EXTENSIONS: Record<CompositionFormat, string> = { mp4: 'mp4', webm: 'webm' };

/** Where a finished composition is stored. */
export const compositionKey = (id: string, format: CompositionFormat) => `compositions/${id}.${EXTENSIONS[format]}`;
/** Where ffmpeg writes while rendering; renamed to `compositionKey` once complete. */
export const partialKey = (id: string, format: CompositionFormat) => `compositions/${id}.part.${EXTENSIONS[format]}`;

export interface RenderPlan {
  /** The session's first recorded moment: time zero of the composition. */
  start: Date;
  durationSecs: number;
  tiles: Tile[];
  command: CompositionCommand;
}

/** A reason the composition cannot be rendered, to store as its failureReason. */
export class PlanError extends Error {}

export function parseResolution(resolution: string): Frame {
  const [width, height] = resolution.split('x').map(Number) as [number, number];
  return { width, height };
}

/**
 * The timeline and the ffmpeg command of one composition: time zero is the first moment any
 * completed recording of the session starts, the end the last moment one ends; each recording
 * sits at its real offset. A recording without an end time is measured with ffprobe.
 */
export async function planComposition(
  composition: { id: string; format: CompositionFormat; resolution: string; video_layout: unknown },
  recordings: readonly RecordingRow[],
  storage: MediaStorage,
  output: string,
  tools: { ffmpegPath?: string; ffprobePath?: string } = {},
): Promise<RenderPlan> {
  const usable = recordings.filter((r) => r.status === 'completed' && r.storage_key);
  if (!usable.length) throw new PlanError('the session has no completed recordings');
  const spans: { rec: RecordingRow; file: string; start: number; end: number }[] = [];
  for (const rec of usable) {
    if ((await storage.size(rec.storage_key!)) === undefined) throw new PlanError(`the file of recording ${rec.id} is missing`);
    const file = storage.pathForRead(rec.storage_key!);
    const start = rec.started_at.getTime();
    let end = rec.ended_at?.getTime();
    if (end === undefined) {
      const secs = await probeDuration(file, tools.ffprobePath).catch(() => undefined);
      if (secs === undefined) throw new PlanError(`recording ${rec.id} has no end time and its file has no duration`);
      end = start + secs * 1000;
    }
    spans.push({ rec, file, start, end: Math.max(start, end) });
  }
  const t0 = Math.min(...spans.map((s) => s.start));
  const t1 = Math.max(...spans.map((s) => s.end));
  const durationSecs = (t1 - t0) / 1000;
  if (durationSecs < 0.1) throw new PlanError('the recordings of the session last no time');

  const source = (s: (typeof spans)[number]): SourceFile => ({ recordingId: s.rec.id, file: s.file, offsetSecs: (s.start - t0) / 1000 });
  const video = spans.filter((s) => s.rec.type === 'video');
  const audio = spans.filter((s) => s.rec.type === 'audio');
  const frame = parseResolution(composition.resolution);
  const tiles = placeTiles(
    composition.video_layout as VideoRegion[],
    video.map((s) => s.rec.id),
  );
  const command = buildCompositionCommand({
    frame,
    fps: COMPOSITION_LIMITS.fps,
    durationSecs,
    format: composition.format,
    video: video.map(source),
    audio: audio.map(source),
    tiles,
    output,
    ffmpegPath: tools.ffmpegPath,
  });
  return { start: new Date(t0), durationSecs, tiles, command };
}

import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import * as recordings from '../../db/recordings.js';
import { recordingSettings } from '../../db/rooms.js';
import type { Database, RecordingRow } from '../../db/types.js';
import { probeMediaFile, remuxInPlace, TrackRecorder } from '../../media/index.js';
import type { AccountEvents } from '../events/account-events.js';
import type { Logger } from '../app/logger.js';
import { KeyedLocks } from '../shared/keyed-locks.js';
import type { Orchestrator } from '../live/orchestrator.js';
import type { RoomEventRecord } from '../events/catalog.js';
import type { MediaKind, StreamKey } from '../events/room-state.js';
import type { DownloadLinks } from '../storage/download-links.js';
import type { MediaStorage } from '../storage/local-storage.js';

interface PublishedTrack {
  participantId: string;
  streamKey: StreamKey;
  kind: MediaKind;
  producerId: string;
}

interface ActiveRecording {
  id: string;
  roomId: string;
  sessionId: string;
  track: PublishedTrack;
  recorder?: TrackRecorder;
  finished?: Promise<void>;
}

/** How ffmpeg says that the file system it writes to is full. */
const DISK_FULL = /No space left on device/i;

/** Room events after which the set of published tracks may have changed. */
const TRACK_EVENTS = new Set(['StreamPublished', 'StreamUpdated', 'StreamUnpublished', 'ParticipantLeft', 'SessionEnded', 'MediaReconnectRequired']);

const BYTES_PER_MB = 1_000_000;

/**
 * Records every published track of a room while the room has `enableRecording`: one recording
 * per participant per track (audio, video; camera and screen apart), from publish until the track
 * goes (unpublish, leave, session end). Rows go PROCESSING → COMPLETED (codec, duration and size
 * read back with ffprobe) or FAILED (with the reason).
 */
export class RecordingService {
  private readonly active = new Map<string, ActiveRecording>();
  private readonly finishing = new Set<Promise<void>>();
  private readonly mutex = new KeyedLocks();
  private closing = false;
  // Files this process finished writing; with the files being written, what the metrics report.
  private finishedBytes = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: AccountEvents,
    private readonly orchestrator: Orchestrator,
    private readonly storage: MediaStorage,
    private readonly downloads: DownloadLinks,
    private readonly log: Logger,
  ) {
    orchestrator.onRoomEvent((event) => this.onRoomEvent(event));
  }

  private onRoomEvent(event: RoomEventRecord): void {
    if (!TRACK_EVENTS.has(event.type)) return;
    void this.mutex.run(event.roomId, () => this.reconcile(event.roomId)).catch((err) => this.log.error({ err, roomId: event.roomId }, 'recording update failed'));
  }

  /** The tracks published in the room now. */
  private publishedTracks(roomId: string): { sessionId: string | null; tracks: Map<string, PublishedTrack> } {
    const live = this.orchestrator.liveRoom(roomId).snapshot();
    const tracks = new Map<string, PublishedTrack>();
    for (const p of live.participants) {
      for (const s of p.streams) {
        for (const t of [s.audio, s.video]) if (t) tracks.set(t.producerId, { participantId: p.id, streamKey: s.key, kind: t.kind, producerId: t.producerId });
      }
    }
    return { sessionId: live.sessionId, tracks };
  }

  /**
   * Starts recorders for tracks that have none, and stops those whose track is gone. Stopping
   * (ffmpeg finishing its file, then ffprobe) runs on its own, so that it never holds up the
   * room; the state is read again before each start, since a start takes a moment.
   */
  private async reconcile(roomId: string): Promise<void> {
    const { sessionId, tracks } = this.publishedTracks(roomId);
    for (const rec of [...this.active.values()]) {
      if (rec.roomId === roomId && !tracks.has(rec.track.producerId)) void this.stop(rec);
    }
    if (this.closing || !sessionId) return;
    const room = await recordingSettings(this.db, roomId);
    if (!room?.enable_recording || room.deleted_at) return;
    for (const track of tracks.values()) {
      const now = this.publishedTracks(roomId);
      if (!this.active.has(track.producerId) && now.sessionId === sessionId && now.tracks.has(track.producerId)) {
        await this.start(roomId, sessionId, track);
      }
    }
  }

  private async start(roomId: string, sessionId: string, track: PublishedTrack): Promise<void> {
    const id = uuidv7();
    const rec: ActiveRecording = { id, roomId, sessionId, track };
    this.active.set(track.producerId, rec);
    const now = new Date();
    await this.events.transaction(async (trx, emit) => {
      await recordings.insertRecording(trx, {
        id,
        room_id: roomId,
        session_id: sessionId,
        participant_id: track.participantId,
        type: track.kind,
        stream_key: track.streamKey,
        status: 'processing',
        started_at: now,
        created_at: now,
        updated_at: now,
      });
      await emit('video.room.recording.started', roomId, {
        room_id: roomId,
        session_id: sessionId,
        participant_id: track.participantId,
        recording_id: id,
        type: track.kind,
        stream_key: track.streamKey,
      });
    });
    const base = `recordings/${roomId}/${sessionId}/${id}`;
    try {
      const media = await this.orchestrator.roomMedia(roomId);
      rec.recorder = await TrackRecorder.start(media, track, { fileBase: this.storage.pathForWrite(base) });
      await recordings.setRecordingFile(this.db, id, { storageKey: `${base}${path.extname(rec.recorder.file)}`, codec: rec.recorder.codec });
      // ffmpeg ending by itself (it crashed) finishes the recording with what it wrote.
      void rec.recorder.exited.then(() => {
        if (this.active.get(track.producerId) === rec) void this.stop(rec);
      });
      // The track may have gone while the recorder started.
      if (!this.publishedTracks(roomId).tracks.has(track.producerId)) void this.stop(rec);
      this.log.info({ recordingId: id, roomId, track }, 'recording started');
    } catch (err) {
      this.active.delete(track.producerId);
      this.log.error({ err, recordingId: id, roomId }, 'recording could not start');
      await this.fail(rec, `could not start recording: ${(err as Error).message}`);
    }
  }

  private stop(rec: ActiveRecording): Promise<void> {
    if (rec.finished) return rec.finished;
    if (this.active.get(rec.track.producerId) === rec) this.active.delete(rec.track.producerId);
    // The recording ends now, whatever time ffmpeg then takes to finish the file.
    const ended = new Date();
    rec.finished = (async () => {
      const exit = await rec.recorder?.stop();
      if (rec.recorder) {
        // Read the size before adding: `x += await y` reads x first, and recordings that finish
        // together would each add to the same stale total.
        const size = (await stat(rec.recorder.file).catch(() => undefined))?.size ?? 0;
        this.finishedBytes += size;
      }
      await this.finalize(rec.id, ended, { ffmpegLog: exit && !exit.ok ? exit.log : undefined, interruption: rec.recorder?.interruption });
    })()
      .catch((err) => this.log.error({ err, recordingId: rec.id }, 'recording could not be finished'))
      .finally(() => this.finishing.delete(rec.finished!));
    this.finishing.add(rec.finished);
    return rec.finished;
  }

  /**
   * Reads the file back: a playable file completes the recording, anything else fails it. A
   * recording a fault cut short (`interruption`) completes with what it holds, and says why.
   */
  private async finalize(id: string, endedAt: Date, { ffmpegLog, interruption }: { ffmpegLog?: string; interruption?: string } = {}): Promise<void> {
    const row = await recordings.findRecording(this.db, id);
    if (!row || row.status !== 'processing') return;
    // What was written before the disk filled may play, but it is not the recording asked for:
    // it fails, saying why, so that the operator frees space rather than trusts a cut file.
    if (ffmpegLog && DISK_FULL.test(ffmpegLog)) {
      return this.fail({ id, roomId: row.room_id }, `the disk for recordings is full (ENOSPC): the file stops where it ran out of space; free space for new recordings`);
    }
    const ffmpegProblem = ffmpegLog?.split('\n').slice(-3).join(' ');
    const probed = row.storage_key ? await probeMediaFile(this.storage.pathForRead(row.storage_key)) : undefined;
    const stream = probed?.streams.find((s) => s.kind === row.type);
    if (!probed || !stream || probed.durationSecs <= 0) {
      const why = ffmpegProblem ? `no usable media: ${ffmpegProblem}` : 'no media was received for this track';
      return this.fail({ id, roomId: row.room_id }, interruption ? `${interruption}, and ${why}` : why);
    }
    const size = (await this.storage.size(row.storage_key!)) ?? null;
    const durationSecs = Math.max(1, Math.round(probed.durationSecs));
    // The file starts at the first media that reached the recorder (after ffmpeg's start and
    // the first key frame), not when recording was set up: compositions place it by this time.
    const startedAt = new Date(Math.max(row.started_at.getTime(), endedAt.getTime() - Math.round(probed.durationSecs * 1000)));
    await this.events.transaction(async (trx, emit) => {
      const done = await recordings.finishRecording(trx, id, {
        status: 'completed',
        interruption: interruption ?? null,
        codec: stream.codec,
        duration_secs: durationSecs,
        size_bytes: size,
        started_at: startedAt,
        ended_at: endedAt,
        completed_at: new Date(),
        updated_at: new Date(),
      });
      if (done) await emit('video.room.recording.completed', done.room_id, this.completedPayload(done));
    });
    this.log.info({ recordingId: id, durationSecs, sizeBytes: size, interruption }, 'recording completed');
  }

  private completedPayload(r: RecordingRow) {
    return {
      room_id: r.room_id,
      session_id: r.session_id,
      participant_id: r.participant_id,
      recording_id: r.id,
      type: r.type,
      stream_key: r.stream_key,
      codec: r.codec,
      duration_secs: r.duration_secs,
      size_mb: r.size_bytes == null ? null : r.size_bytes / BYTES_PER_MB,
      download_url: this.downloads.signedUrl('recordings', r.id),
      interruption: r.interruption,
    };
  }

  private async fail(rec: { id: string; roomId: string }, reason: string): Promise<void> {
    await this.events.transaction(async (trx, emit) => {
      const now = new Date();
      const failed = await recordings.finishRecording(trx, rec.id, { status: 'failed', failure_reason: reason.slice(0, 1000), ended_at: now, updated_at: now });
      if (failed) {
        await emit('video.room.recording.failed', rec.roomId, {
          room_id: failed.room_id,
          session_id: failed.session_id,
          participant_id: failed.participant_id,
          recording_id: failed.id,
          type: failed.type,
          failure_reason: failed.failure_reason,
        });
      }
    });
    this.log.warn({ recordingId: rec.id, reason }, 'recording failed');
  }

  /**
   * Recordings a previous process left PROCESSING (it crashed mid-recording): their files were
   * written as they went, so what was recorded up to the crash is kept when it plays.
   */
  async recoverInterrupted(nodeId?: string): Promise<number> {
    const stale = await recordings.processingRecordings(this.db, nodeId);
    for (const row of stale) {
      // A file cut short by the crash plays, but has no index: give it one first.
      if (row.storage_key && (await this.storage.size(row.storage_key))) await remuxInPlace(this.storage.pathForRead(row.storage_key));
      const probed = row.storage_key ? await probeMediaFile(this.storage.pathForRead(row.storage_key)) : undefined;
      const endedAt = new Date(row.started_at.getTime() + Math.round((probed?.durationSecs ?? 0) * 1000));
      await this.finalize(row.id, endedAt, { interruption: 'the server stopped while recording (it was killed or crashed)' });
    }
    return stale.length;
  }

  /** Recordings being written now. */
  get activeCount(): number {
    return this.active.size;
  }

  /** Bytes of media this process has written: finished files plus the files being written now. */
  async bytesWritten(): Promise<number> {
    let bytes = this.finishedBytes;
    for (const rec of this.active.values()) {
      if (rec.recorder && !rec.finished) bytes += (await stat(rec.recorder.file).catch(() => undefined))?.size ?? 0;
    }
    return bytes;
  }

  /** Finishes every recording in progress and waits for those being finished; for shutdown. */
  async shutdown(): Promise<void> {
    this.closing = true;
    for (const rec of [...this.active.values()]) void this.stop(rec);
    await Promise.allSettled([...this.finishing]);
  }
}

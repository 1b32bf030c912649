import { rename } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { claimCompositions, renewLease, updateHeldComposition, type CompositionJobRow } from '../../db/compositions.js';
import { sessionRecordings } from '../../db/recordings.js';
import type { Database } from '../../db/types.js';
import type { AccountEvents } from '../events/account-events.js';
import type { Logger } from '../app/logger.js';
import { LeaseWorker } from '../shared/lease-worker.js';
import type { DownloadLinks } from '../storage/download-links.js';
import type { MediaStorage } from '../storage/local-storage.js';
import type { WebhookDestination } from '../webhooks/outbox.js';
import type { CompositionChanges } from './changes.js';
import { probeDuration, runFfmpeg, type FfmpegRun } from './ffmpeg.js';
import { compositionKey, partialKey, PlanError, planComposition } from './plan.js';

export interface RunnerOptions {
  db: Kysely<Database>;
  events: AccountEvents;
  storage: MediaStorage;
  downloads: DownloadLinks;
  log: Logger;
  changes: CompositionChanges;
  /** Renders at most this many compositions at once in this process. */
  maxConcurrent: number;
  ffmpegPath?: string;
  ffprobePath?: string;
  /** How long a claim holds without renewal; renewed every third of it while rendering. */
  leaseMs?: number;
  /** How often to look for jobs whose runner died (their lease lapsed). */
  pollMs?: number;
  /** A job claimed this many times without finishing (the server died each time) fails. */
  maxAttempts?: number;
  /** ffmpeg writing no further output for this long is stopped, and the job fails. */
  stallMs?: number;
}

type AbortReason = 'stop' | 'cancel' | 'lost';

interface Job {
  id: string;
  abortedBy?: AbortReason;
  ffmpeg?: FfmpegRun;
}

const BYTES_PER_MB = 1_000_000;
/** Progress is written at most this often, or sooner after a step of PROGRESS_STEP. */
const PROGRESS_INTERVAL_MS = 500;
const PROGRESS_STEP = 0.05;
const PROGRESS_MIN_GAP_MS = 100;

/**
 * Renders enqueued compositions, durably: the `compositions` row is the job. A job is claimed
 * with a lease in one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED), so processes on
 * one Postgres never take the same job; the lease is renewed while ffmpeg runs. `stop()` kills
 * ffmpeg and hands its jobs back (ENQUEUED); a process that dies leaves a lease that lapses,
 * and then any runner takes the job again. New jobs wake the runner of the process that created
 * them; a finished job makes room for the next. The shared LeaseWorker does the claiming.
 */
export class CompositionRunner {
  /** Names this runner in the lease column. */
  readonly owner = `${hostname()}:${process.pid}:${uuidv7()}`;
  private readonly jobs = new Map<string, Job>();
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly stallMs: number;
  private readonly worker: LeaseWorker<CompositionJobRow>;

  constructor(private readonly o: RunnerOptions) {
    this.leaseMs = o.leaseMs ?? 30_000;
    this.maxAttempts = o.maxAttempts ?? 3;
    this.stallMs = o.stallMs ?? 300_000;
    this.worker = new LeaseWorker<CompositionJobRow>({
      name: 'compositions',
      log: o.log,
      concurrency: o.maxConcurrent,
      pollMs: o.pollMs ?? 15_000,
      key: (row) => row.id,
      // A poll only takes jobs whose runner died; enqueued ones come with a wake.
      claim: (limit, reason) => claimCompositions(o.db, this.owner, limit, this.leaseMs, new Date(), reason === 'wake'),
      run: (row) => {
        const job: Job = { id: row.id };
        this.jobs.set(row.id, job);
        return this.run(job, row).finally(() => this.jobs.delete(row.id));
      },
      renew: {
        everyMs: Math.max(50, Math.floor(this.leaseMs / 3)),
        lease: (row) => renewLease(o.db, row.id, this.owner, new Date(Date.now() + this.leaseMs)),
        lost: (row) => this.abort(row.id, 'lost'),
      },
      interrupt: (row) => this.abort(row.id, 'stop'),
    });
  }

  /** Starts taking jobs: those left by an earlier run first. */
  start(): void {
    this.worker.start();
  }

  /** Something was enqueued (or a slot freed): claim what fits now. */
  wake(): void {
    this.worker.wake();
  }

  /** Kills ffmpeg of every job and hands the jobs back to the queue; they resume on the next start. */
  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** The composition was deleted: stop rendering it here, if it is rendered here, and wait for that. */
  async cancel(id: string): Promise<void> {
    const done = this.worker.runningItem(id);
    if (!done) return;
    this.abort(id, 'cancel');
    await done;
  }

  /** Ids of the jobs rendering in this process. */
  active(): string[] {
    return this.worker.keys();
  }

  private abort(job: Job | string, reason: AbortReason): void {
    const held = typeof job === 'string' ? this.jobs.get(job) : job;
    if (!held) return;
    held.abortedBy ??= reason;
    held.ffmpeg?.kill();
  }

  private async run(job: Job, row: CompositionJobRow): Promise<void> {
    const { db, storage, log } = this.o;
    this.o.changes.publish({ kind: 'updated', row });
    log.info({ composition: row.id, attempt: row.attempts }, 'composition rendering');
    if (row.attempts > this.maxAttempts) {
      return this.fail(job, row, `rendering was interrupted ${row.attempts - 1} times (the server stopped or crashed during it)`);
    }
    const partial = partialKey(row.id, row.format);
    const finalKey = compositionKey(row.id, row.format);
    const output = storage.pathForWrite(partial);
    await storage.remove(partial);
    let plan;
    try {
      plan = await planComposition(row, await sessionRecordings(db, row.session_id), storage, output, this.o);
    } catch (err) {
      if (err instanceof PlanError) return await this.fail(job, row, err.message);
      throw err;
    }
    if (job.abortedBy) return await this.aborted(job, row, partial);

    const progress = this.progressWriter(job, row, plan.durationSecs);
    let stalled = false;
    let lastOut = -1;
    let advancedAt = Date.now();
    job.ffmpeg = runFfmpeg(plan.command.command, plan.command.args, (secs) => {
      if (secs > lastOut) {
        lastOut = secs;
        advancedAt = Date.now();
      }
      progress.report(secs);
    });
    const watchdog = setInterval(
      () => {
        if (Date.now() - advancedAt <= this.stallMs) return;
        stalled = true;
        job.ffmpeg?.kill();
      },
      Math.min(10_000, this.stallMs),
    );
    watchdog.unref();
    if (job.abortedBy) job.ffmpeg.kill();
    const result = await job.ffmpeg.done.finally(() => clearInterval(watchdog));
    await progress.settled();
    if (job.abortedBy) return await this.aborted(job, row, partial);
    if (!result.ok) {
      await storage.remove(partial);
      return await this.fail(job, row, stalled ? `ffmpeg wrote nothing for ${Math.round(this.stallMs / 1000)} s and was stopped` : result.reason);
    }
    await rename(storage.pathForWrite(partial), storage.pathForWrite(finalKey));
    const [durationSecs, sizeBytes] = await Promise.all([probeDuration(storage.pathForRead(finalKey), this.o.ffprobePath).catch(() => undefined), storage.size(finalKey)]);
    await this.complete(job, row, finalKey, durationSecs ?? plan.durationSecs, sizeBytes ?? null);
  }

  /** Writes progress throttled (every PROGRESS_INTERVAL_MS, or sooner for a PROGRESS_STEP), one write at a time. */
  private progressWriter(job: Job, row: CompositionJobRow, durationSecs: number) {
    let written = 0;
    let writtenAt = Date.now();
    let writing: Promise<void> = Promise.resolve();
    let busy = false;
    return {
      report: (outSecs: number) => {
        // 1 is written only with the finished file.
        const value = Math.min(0.99, Math.max(0, outSecs / durationSecs));
        const now = Date.now();
        const due = now - writtenAt >= PROGRESS_INTERVAL_MS || (value - written >= PROGRESS_STEP && now - writtenAt >= PROGRESS_MIN_GAP_MS);
        if (busy || job.abortedBy || value <= written || !due) return;
        busy = true;
        written = value;
        writtenAt = now;
        writing = updateHeldComposition(this.o.db, row.id, this.owner, { progress: Math.round(value * 1000) / 1000, updated_at: new Date() })
          .then((updated) => {
            if (updated) this.o.changes.publish({ kind: 'updated', row: updated });
            else this.abort(job, 'lost');
          })
          .catch((err) => this.o.log.warn({ err, composition: row.id }, 'writing composition progress failed'))
          .finally(() => (busy = false));
      },
      settled: () => writing,
    };
  }

  private async aborted(job: Job, row: CompositionJobRow, partial: string): Promise<void> {
    await this.o.storage.remove(partial);
    if (job.abortedBy !== 'stop') {
      this.o.log.info({ composition: row.id, reason: job.abortedBy }, 'composition rendering abandoned');
      return;
    }
    // Handed back as if never started: the next start renders it from the beginning.
    const released = await updateHeldComposition(
      this.o.db,
      row.id,
      this.owner,
      { status: 'enqueued', progress: 0, lease_owner: null, lease_expires_at: null, started_at: null, updated_at: new Date() },
      { releaseAttempt: true },
    );
    if (released) this.o.changes.publish({ kind: 'updated', row: released });
    this.o.log.info({ composition: row.id }, 'composition handed back to the queue (server stopping)');
  }

  private destination(row: CompositionJobRow): WebhookDestination | undefined {
    // The composition's own URLs when it has any; otherwise the room's (the default).
    if (!row.webhook_event_url && !row.webhook_event_failover_url) return undefined;
    return { url: row.webhook_event_url, failoverUrl: row.webhook_event_failover_url, timeoutSecs: row.webhook_timeout_secs };
  }

  private async complete(job: Job, row: CompositionJobRow, key: string, durationSecs: number, sizeBytes: number | null): Promise<void> {
    const now = new Date();
    const done = await this.o.events.transaction(async (trx, emit) => {
      const updated = await updateHeldComposition(trx, row.id, this.owner, {
        status: 'completed',
        progress: 1,
        duration_secs: Math.round(durationSecs),
        size_bytes: sizeBytes,
        storage_key: key,
        failure_reason: null,
        lease_owner: null,
        lease_expires_at: null,
        ended_at: now,
        completed_at: now,
        updated_at: now,
      });
      if (!updated) return undefined;
      await emit(
        'video.room.composition.completed',
        updated.room_id,
        {
          composition_id: updated.id,
          room_id: updated.room_id,
          session_id: updated.session_id,
          download_url: this.o.downloads.signedUrl('compositions', updated.id),
          duration_secs: updated.duration_secs,
          format: updated.format,
          resolution: updated.resolution,
          size_mb: sizeBytes == null ? null : sizeBytes / BYTES_PER_MB,
        },
        this.destination(updated),
      );
      return updated;
    });
    if (!done) {
      // Deleted (or taken over) while rendering: its file must not stay behind.
      this.abort(job, 'lost');
      await this.o.storage.remove(key);
      return;
    }
    this.o.changes.publish({ kind: 'updated', row: done });
    this.o.log.info({ composition: row.id, durationSecs, sizeBytes }, 'composition completed');
  }

  private async fail(job: Job, row: CompositionJobRow, reason: string): Promise<void> {
    const now = new Date();
    const failed = await this.o.events.transaction(async (trx, emit) => {
      const updated = await updateHeldComposition(trx, row.id, this.owner, {
        status: 'failed',
        failure_reason: reason.slice(0, 2000),
        lease_owner: null,
        lease_expires_at: null,
        ended_at: now,
        updated_at: now,
      });
      if (!updated) return undefined;
      await emit(
        'video.room.composition.failed',
        updated.room_id,
        {
          composition_id: updated.id,
          room_id: updated.room_id,
          session_id: updated.session_id,
          format: updated.format,
          resolution: updated.resolution,
          failure_reason: updated.failure_reason,
        },
        this.destination(updated),
      );
      return updated;
    });
    if (!failed) return void this.abort(job, 'lost');
    this.o.changes.publish({ kind: 'updated', row: failed });
    this.o.log.warn({ composition: row.id, reason }, 'composition failed');
  }
}

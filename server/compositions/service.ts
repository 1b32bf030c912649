import { Repeater } from '@repeaterjs/repeater';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { deleteComposition, findComposition, insertComposition, type CompositionJobRow } from '../../db/compositions.js';
import { sessionRecordings } from '../../db/recordings.js';
import { findSession } from '../../db/sessions.js';
import type { Database } from '../../db/types.js';
import { ConflictError, NotFoundError, RequestRefusedError } from '../shared/errors.js';
import type { MediaStorage } from '../storage/local-storage.js';
import { Checker } from '../shared/validation.js';
import { checkWebhookUrls } from '../webhooks/target-fields.js';
import type { TargetPolicy } from '../webhooks/target-policy.js';
import type { CompositionChanges } from './changes.js';
import { checkLayout, checkResolution, checkSources, COMPOSITION_LIMITS, defaultLayout, type VideoRegion, type VideoRegionInput } from './layout.js';
import { compositionKey, partialKey, type CompositionFormat } from './plan.js';
import type { CompositionRunner } from './runner.js';

export interface CreateCompositionInput {
  sessionId: string;
  format?: CompositionFormat | null;
  resolution?: string | null;
  videoLayout?: readonly VideoRegionInput[] | null;
  webhookEventUrl?: string | null;
  webhookEventFailoverUrl?: string | null;
  webhookTimeoutSecs?: number | null;
}

/** How often a `composition(id)` subscription also re-reads the row (changes made by another process). */
const WATCH_POLL_MS = 2000;

const isFinal = (row: { status: string }) => row.status === 'completed' || row.status === 'failed';

/** Requests, deletes and watches compositions; the runner renders them. */
export class CompositionService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly storage: MediaStorage,
    private readonly changes: CompositionChanges,
    private readonly runner: CompositionRunner,
    private readonly webhookTargets: TargetPolicy,
  ) {}

  get(id: string): Promise<CompositionJobRow | undefined> {
    return findComposition(this.db, id);
  }

  /**
   * Checks everything, then enqueues. Refused: a bad field (ValidationError naming it), an
   * unknown session (NotFoundError), a session still in progress or with recordings still being
   * finalized or none at all (ConflictError). Nothing is written unless all is well.
   */
  async create(input: CreateCompositionInput): Promise<CompositionJobRow> {
    const c = new Checker();
    c.uuid('input.sessionId', input.sessionId);
    c.notNull('input.format', input.format);
    c.notNull('input.resolution', input.resolution);
    const frame = checkResolution(c, 'input.resolution', input.resolution ?? COMPOSITION_LIMITS.defaultResolution);
    const layout: VideoRegion[] = input.videoLayout != null ? checkLayout(c, 'input.videoLayout', input.videoLayout, frame) : [];
    const W = COMPOSITION_LIMITS.webhookTimeoutSecs;
    c.httpUrl('input.webhookEventUrl', input.webhookEventUrl);
    c.httpUrl('input.webhookEventFailoverUrl', input.webhookEventFailoverUrl);
    c.intRange('input.webhookTimeoutSecs', input.webhookTimeoutSecs, W.min, W.max);
    await checkWebhookUrls(c, this.webhookTargets, {
      'input.webhookEventUrl': input.webhookEventUrl,
      'input.webhookEventFailoverUrl': input.webhookEventFailoverUrl,
    });
    c.done();

    const session = await findSession(this.db, input.sessionId);
    if (!session) throw new NotFoundError('session', input.sessionId, 'input.sessionId');
    if (session.active) {
      throw new ConflictError(`session ${session.id} is still in progress: compose it once it has ended`, 'input.sessionId');
    }
    const recordings = await sessionRecordings(this.db, session.id);
    const pending = recordings.filter((r) => r.status === 'processing').length;
    if (pending) {
      throw new ConflictError(`${pending} recording(s) of session ${session.id} are still being finalized: try again when they are completed`, 'input.sessionId');
    }
    if (!recordings.some((r) => r.status === 'completed' && r.storage_key)) {
      throw new ConflictError(`session ${session.id} has no completed recordings to compose`, 'input.sessionId');
    }
    const regions = input.videoLayout != null ? layout : defaultLayout(frame!);
    const videoIds = new Set(recordings.filter((r) => r.type === 'video' && r.status === 'completed').map((r) => r.id));
    const sc = new Checker();
    checkSources(sc, 'input.videoLayout', regions, videoIds, session.id);
    sc.done();

    const now = new Date();
    const row = await insertComposition(this.db, {
      id: uuidv7(),
      room_id: session.room_id,
      session_id: session.id,
      status: 'enqueued',
      progress: 0,
      format: input.format ?? 'mp4',
      resolution: `${frame!.width}x${frame!.height}`,
      video_layout: JSON.stringify(regions),
      webhook_event_url: input.webhookEventUrl ?? null,
      webhook_event_failover_url: input.webhookEventFailoverUrl ?? null,
      webhook_timeout_secs: input.webhookTimeoutSecs ?? null,
      created_at: now,
      updated_at: now,
    });
    this.runner.wake();
    return row;
  }

  /**
   * Deletes a composition in any state: a render in progress is stopped (ffmpeg killed, its
   * partial file removed), the file removed, the row deleted. Returns it as it was, without file.
   */
  async delete(id: string): Promise<CompositionJobRow> {
    const c = new Checker();
    c.uuid('id', id);
    c.done();
    const row = await deleteComposition(this.db, id);
    if (!row) throw new NotFoundError('composition', id, 'id');
    // Rendering here: stop it now. Rendering in another process: its runner finds the row gone
    // at its next progress write or lease renewal and stops.
    await this.runner.cancel(id);
    await Promise.all([row.storage_key, compositionKey(id, row.format), partialKey(id, row.format)].map((k) => k && this.storage.remove(k)));
    this.changes.publish({ kind: 'deleted', id });
    return { ...row, storage_key: null };
  }

  /**
   * The composition now, then every change, ending after it completes or fails (or is deleted).
   * Changes come from this process as they happen, and from a re-read every few seconds (a job
   * rendered by another process).
   */
  async watch(id: string): Promise<AsyncIterable<CompositionJobRow>> {
    if (!(await this.get(id))) {
      throw new RequestRefusedError('NOT_FOUND', `composition ${id} was not found`, { field: 'id' });
    }
    return new Repeater<CompositionJobRow>(async (push, stop) => {
      let last: CompositionJobRow | undefined;
      const offer = (row: CompositionJobRow | undefined) => {
        if (!row) return void stop();
        if (last) {
          if (row.updated_at.getTime() < last.updated_at.getTime()) return;
          if (row.updated_at.getTime() === last.updated_at.getTime() && row.status === last.status && row.progress === last.progress) return;
        }
        last = row;
        void push(row);
        if (isFinal(row)) stop();
      };
      const off = this.changes.listen(id, (change) => (change.kind === 'deleted' ? stop() : offer(change.row)));
      const reread = () => this.get(id).then(offer, () => undefined);
      const timer = setInterval(reread, WATCH_POLL_MS);
      timer.unref();
      await reread();
      await stop;
      off();
      clearInterval(timer);
    });
  }
}

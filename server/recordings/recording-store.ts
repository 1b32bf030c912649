import type { Kysely } from 'kysely';
import { listRecordings, type RecordingFilter } from '../../db/recordings.js';
import { deleteRecording, findRecording } from '../../db/recordings.js';
import type { Database, RecordingRow } from '../../db/types.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { MediaStorage } from '../storage/local-storage.js';
import { Checker } from '../shared/validation.js';

const BULK_PAGE = 250;

/** Deleting recordings: the row and the file go together. */
export class RecordingStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly storage: MediaStorage,
  ) {}

  async delete(id: string): Promise<RecordingRow> {
    const c = new Checker();
    c.uuid('id', id);
    c.done();
    const row = await findRecording(this.db, id);
    if (!row) throw new NotFoundError('recording', id, 'id');
    if (row.status === 'processing') throw new ConflictError('the recording is still in progress: it can be deleted once it is completed or failed', 'id');
    await this.remove(row);
    return row;
  }

  /**
   * Deletes every finished recording that matches. Unlike Telnyx, an empty filter deletes nothing
   * unless `all` is true: one forgotten filter should not wipe an account's recordings.
   */
  async deleteMatching(filter: RecordingFilter, all: boolean): Promise<number> {
    const given = Object.values(filter).some((v) => v != null);
    if (!given && !all) {
      throw new ValidationError([{ field: 'filter', message: 'is empty: give at least one filter field, or all: true to delete every recording' }]);
    }
    if (filter.status === 'processing') throw new ValidationError([{ field: 'filter.status', message: 'recordings in progress cannot be deleted' }]);
    let count = 0;
    // Recordings in progress stay: the next page starts after them, not at the top again.
    let afterId: string | undefined;
    for (;;) {
      const page = await listRecordings(this.db, filter, { first: BULK_PAGE, afterId });
      const finished = page.rows.filter((r) => r.status !== 'processing');
      for (const row of finished) await this.remove(row);
      count += finished.length;
      if (!page.hasNextPage) return count;
      afterId = page.rows.at(-1)!.id;
    }
  }

  private async remove(row: RecordingRow): Promise<void> {
    // The row goes first: a file without a row is garbage, a row without a file a broken promise.
    await deleteRecording(this.db, row.id);
    if (row.storage_key) await this.storage.remove(row.storage_key);
  }
}

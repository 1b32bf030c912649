import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { findById } from '../../db/by-id.js';
import type { PageRequest } from '../../db/pagination.js';
import * as rooms from '../../db/rooms.js';
import * as sessions from '../../db/sessions.js';
import type { Database, RoomRow, RoomUpdate } from '../../db/types.js';
import { ConflictError, NotFoundError, RoomDeletedError } from '../shared/errors.js';
import type { AccountEvents } from '../events/account-events.js';
import { roomPayload, sessionEndedPayload } from '../events/payloads.js';
import { Checker } from '../shared/validation.js';
import { roomWebhookDestination } from '../webhooks/outbox.js';
import { checkWebhookUrls } from '../webhooks/target-fields.js';
import type { TargetPolicy } from '../webhooks/target-policy.js';

export const ROOM_LIMITS = {
  maxParticipants: { min: 2, max: 50, default: 10 },
  webhookTimeoutSecs: { min: 0, max: 30 },
  uniqueName: { min: 1, max: 255 },
} as const;

export interface RoomInput {
  uniqueName?: string | null;
  maxParticipants?: number | null;
  enableRecording?: boolean | null;
  webhookEventUrl?: string | null;
  webhookEventFailoverUrl?: string | null;
  webhookTimeoutSecs?: number | null;
}

function checkRoomInput(c: Checker, input: RoomInput, forUpdate: boolean): void {
  const L = ROOM_LIMITS;
  c.text('input.uniqueName', input.uniqueName, L.uniqueName.min, L.uniqueName.max);
  if (input.uniqueName != null && input.uniqueName.trim() !== input.uniqueName) {
    c.fail('input.uniqueName', 'must not start or end with white space');
  }
  c.intRange('input.maxParticipants', input.maxParticipants, L.maxParticipants.min, L.maxParticipants.max);
  c.intRange('input.webhookTimeoutSecs', input.webhookTimeoutSecs, L.webhookTimeoutSecs.min, L.webhookTimeoutSecs.max);
  c.httpUrl('input.webhookEventUrl', input.webhookEventUrl);
  c.httpUrl('input.webhookEventFailoverUrl', input.webhookEventFailoverUrl);
  if (forUpdate) {
    // These have no "unset" state: leaving them out keeps the value, null is a mistake.
    c.notNull('input.maxParticipants', input.maxParticipants);
    c.notNull('input.enableRecording', input.enableRecording);
  }
}

const UNIQUE_VIOLATION = '23505';

function isUniqueNameClash(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === UNIQUE_VIOLATION && /rooms_unique_name_live/.test(`${e.constraint ?? ''} ${e.message ?? ''}`);
}

/** What deleting a room needs of the live rooms: everyone present removed, with the room's reason. */
export interface LiveSessionEnder {
  endSession(roomId: string, reason: 'room_deleted', leaveReason: 'room_deleted'): Promise<unknown>;
}

export class RoomService {
  private live: LiveSessionEnder | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: AccountEvents,
    private readonly webhookTargets: TargetPolicy,
  ) {}

  /** The live rooms are built on this service, so they are handed to it afterwards. */
  attachLive(live: LiveSessionEnder): void {
    this.live = live;
  }

  async get(id: string): Promise<RoomRow | undefined> {
    return findById(this.db, 'rooms', id);
  }

  list(filter: rooms.RoomFilter, page: PageRequest) {
    return rooms.listRooms(this.db, filter, page);
  }

  async create(input: RoomInput): Promise<RoomRow> {
    const c = new Checker();
    checkRoomInput(c, input, false);
    await this.checkWebhookTargets(c, input);
    c.done();
    const now = new Date();
    return this.withNameGuard(input.uniqueName, () =>
      // No look for a live room of that name first: the unique index answers in the insert itself,
      // and withNameGuard turns its refusal into the same ConflictError.
      this.events.transaction(async (trx, emit) => {
        const room = await rooms.insertRoom(trx, {
          id: uuidv7(),
          unique_name: input.uniqueName ?? null,
          max_participants: input.maxParticipants ?? ROOM_LIMITS.maxParticipants.default,
          enable_recording: input.enableRecording ?? false,
          webhook_event_url: input.webhookEventUrl ?? null,
          webhook_event_failover_url: input.webhookEventFailoverUrl ?? null,
          webhook_timeout_secs: input.webhookTimeoutSecs ?? null,
          created_at: now,
          updated_at: now,
        });
        await emit('video.room.created', room.id, roomPayload(room), roomWebhookDestination(room));
        return room;
      }),
    );
  }

  async update(id: string, input: RoomInput): Promise<RoomRow> {
    const c = new Checker();
    c.uuid('id', id);
    checkRoomInput(c, input, true);
    await this.checkWebhookTargets(c, input);
    c.done();
    return this.withNameGuard(input.uniqueName, () =>
      this.events.transaction(async (trx, emit) => {
        const room = await rooms.findRoomForUpdate(trx, id);
        if (!room) throw new NotFoundError('room', id, 'id');
        if (room.deleted_at) throw new RoomDeletedError(id);
        const changes: RoomUpdate = {};
        const set = <K extends keyof RoomInput>(key: K, column: keyof RoomUpdate) => {
          if (input[key] !== undefined && input[key] !== room[column as keyof RoomRow]) {
            (changes as Record<string, unknown>)[column] = input[key];
          }
        };
        set('uniqueName', 'unique_name');
        set('maxParticipants', 'max_participants');
        set('enableRecording', 'enable_recording');
        set('webhookEventUrl', 'webhook_event_url');
        set('webhookEventFailoverUrl', 'webhook_event_failover_url');
        set('webhookTimeoutSecs', 'webhook_timeout_secs');
        if (Object.keys(changes).length === 0) return room;
        if (changes.unique_name) await this.assertNameFree(trx, changes.unique_name as string, id);
        const updated = await rooms.updateRoom(trx, id, { ...changes, updated_at: new Date() });
        await emit('video.room.updated', id, { ...roomPayload(updated), changed: Object.keys(changes) }, roomWebhookDestination(updated));
        return updated;
      }),
    );
  }

  /**
   * Deletes for good: the room keeps its row (its sessions and recordings refer to it) but can
   * no longer be joined, changed or given tokens, and its name is free again.
   */
  async delete(id: string): Promise<RoomRow> {
    await this.requireLive(id, 'id');
    if (!this.live) throw new Error('RoomService.delete needs the live rooms: call attachLive first');
    // Everyone present is removed first, so the session ends with the room's reason.
    await this.live.endSession(id, 'room_deleted', 'room_deleted');
    return this.markDeleted(id);
  }

  /** The row's part of a delete, in one transaction with its events; a racing delete finds it done. */
  private markDeleted(id: string): Promise<RoomRow> {
    return this.events.transaction(async (trx, emit) => {
      const room = await rooms.findRoomForUpdate(trx, id);
      if (!room) throw new NotFoundError('room', id, 'id');
      if (room.deleted_at) throw new RoomDeletedError(id);
      const now = new Date();
      const deleted = await rooms.updateRoom(trx, id, { deleted_at: now, updated_at: now });
      const to = roomWebhookDestination(deleted);
      for (const session of await sessions.endActiveSessions(trx, id, now, 'room_deleted')) {
        await emit('video.room.session.ended', id, sessionEndedPayload(session, 'room_deleted'), to);
      }
      await emit('video.room.deleted', id, roomPayload(deleted), to);
      return deleted;
    });
  }

  /** The room a client may act in: it must exist and not be deleted. */
  async requireLive(id: string, field: string): Promise<RoomRow> {
    const c = new Checker();
    c.uuid(field, id);
    c.done();
    const room = await this.get(id);
    if (!room) throw new NotFoundError('room', id, field);
    if (room.deleted_at) throw new RoomDeletedError(id, field);
    return room;
  }

  private checkWebhookTargets(c: Checker, input: RoomInput): Promise<void> {
    return checkWebhookUrls(c, this.webhookTargets, {
      'input.webhookEventUrl': input.webhookEventUrl,
      'input.webhookEventFailoverUrl': input.webhookEventFailoverUrl,
    });
  }

  private async assertNameFree(trx: Parameters<typeof rooms.liveRoomWithName>[0], name: string | null | undefined, exceptId?: string) {
    if (name && (await rooms.liveRoomWithName(trx, name, exceptId))) {
      throw new ConflictError(`a room named "${name}" already exists`, 'input.uniqueName');
    }
  }

  /** Two creates racing for one name both pass the check; the index stops the second. */
  private async withNameGuard<T>(name: string | null | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueNameClash(err)) throw new ConflictError(`a room named "${name}" already exists`, 'input.uniqueName');
      throw err;
    }
  }
}

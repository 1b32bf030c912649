import { describe, expect, it } from 'vitest';
import type { Context } from '../../schema/context.js';
import { loaders } from '../../schema/loaders.js';

// What the nested fields of one operation ask for, one parent at a time, reaches the database as
// one query per kind: the records service is faked here to count the calls it gets.
function fakeContext() {
  const calls: [string, readonly string[]][] = [];
  const records = {
    byIds: async (table: string, ids: readonly string[]) => {
      calls.push([table, ids]);
      return ids.map((id) => (id.startsWith('missing') ? undefined : { id, table }));
    },
    activeSessionsOf: async (roomIds: readonly string[]) => {
      calls.push(['active sessions', roomIds]);
      return roomIds.map((id) => (id === 'busy' ? { id: 'session-of-busy', room_id: id } : undefined));
    },
  };
  return { ctx: { services: { records } } as unknown as Context, calls };
}

describe('per-operation loaders', () => {
  it('gathers the rows asked for in one tick into one call per kind, in the order asked', async () => {
    const { ctx, calls } = fakeContext();
    const l = loaders(ctx);
    const [rooms, sessions, active] = await Promise.all([
      Promise.all(['r1', 'r2', 'r1', 'missing-room'].map((id) => l.room.load(id))),
      Promise.all(['s1', 's2'].map((id) => l.session.load(id))),
      Promise.all(['idle', 'busy'].map((id) => l.activeSession.load(id))),
    ]);
    expect(rooms.map((r) => r?.id ?? null)).toEqual(['r1', 'r2', 'r1', null]);
    expect(sessions.map((s) => s?.id)).toEqual(['s1', 's2']);
    expect(active.map((s) => s?.id ?? null)).toEqual([null, 'session-of-busy']);
    expect(calls).toEqual([
      ['rooms', ['r1', 'r2', 'missing-room']],
      ['room_sessions', ['s1', 's2']],
      ['active sessions', ['idle', 'busy']],
    ]);
  });

  it('keeps one set per operation: another operation asks the database again', async () => {
    const first = fakeContext();
    await loaders(first.ctx).room.load('r1');
    await loaders(first.ctx).room.load('r1');
    expect(first.calls).toHaveLength(1);
    const second = fakeContext();
    await loaders(second.ctx).room.load('r1');
    expect(second.calls).toHaveLength(1);
  });
});

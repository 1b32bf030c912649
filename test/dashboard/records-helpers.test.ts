// The pure parts of the sessions and recordings pages: the timeline's scale, names from join
// contexts, and a refused filter's message put back beside its field.
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { participantName } from '../../client/dashboard/pages/records/participant-label.js';
import { filterFieldErrors, otherErrors } from '../../client/dashboard/pages/records/query-errors.js';
import { extent, liveEnd, position, ticks } from '../../client/dashboard/pages/session/time-axis.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

describe('the timeline scale', () => {
  it('puts a handful of ticks on round steps, whatever the span', () => {
    expect(ticks({ start: T0 + 300, end: T0 + 5_500 })).toEqual([1, 2, 3, 4, 5].map((s) => T0 + s * 1000));
    expect(ticks({ start: T0 + 300, end: T0 + 6_500 })).toEqual([2, 4, 6].map((s) => T0 + s * 1000));
    const hour = ticks({ start: T0 - 1000, end: T0 + 3_600_000 });
    expect(hour.length).toBeGreaterThanOrEqual(3);
    expect(hour.length).toBeLessThanOrEqual(6);
    expect(hour.every((t) => t % 900_000 === 0)).toBe(true);
    expect(ticks({ start: T0, end: T0 + 10 * 86_400_000 }).length).toBeLessThanOrEqual(11);
  });

  it('places instants and intervals as percentages, a blip still visible, nothing outside', () => {
    const span = { start: T0, end: T0 + 10_000 };
    expect(position(span, T0 + 2_500)).toBe(25);
    expect(position(span, T0 - 5_000)).toBe(0);
    expect(position(span, T0 + 20_000)).toBe(100);
    expect(extent(span, T0 + 2_000, T0 + 7_000)).toEqual({ left: 20, width: 50 });
    expect(extent(span, T0 + 5_000, T0 + 5_000).width).toBeGreaterThan(0);
    const end = extent(span, T0 + 10_000, T0 + 10_000);
    expect(end.left + end.width).toBeLessThanOrEqual(100);
  });

  it('keeps a live session on a round window ahead of now, so that bars visibly grow', () => {
    expect(liveEnd(T0, T0 + 3_000)).toBe(T0 + 30_000);
    expect(liveEnd(T0, T0 + 20_000)).toBe(T0 + 30_000);
    expect(liveEnd(T0, T0 + 26_000)).toBe(T0 + 60_000);
    expect(liveEnd(T0, T0 + 50 * 60_000)).toBe(T0 + 3_600_000);
    expect(liveEnd(T0, T0 + 30 * 3_600_000)).toBe(T0 + 2 * 86_400_000);
  });
});

describe('participant names', () => {
  const id = '01a24a1b-53dc-76da-b4c2-9f0e3d2c1b0a';
  it('reads the name a client put in its context, or the short context itself, or the id', () => {
    expect(participantName('{"name":"Ann"}', id)).toBe('Ann');
    expect(participantName('{"displayName":"Bo"}', id)).toBe('Bo');
    expect(participantName('{"role":"host"}', id)).toBe('Participant 3d2c1b0a');
    expect(participantName('kiosk 4', id)).toBe('kiosk 4');
    expect(participantName('x'.repeat(41), id)).toBe('Participant 3d2c1b0a');
    expect(participantName(null, id)).toBe('Participant 3d2c1b0a');
  });
});

describe('filter errors', () => {
  it('puts a refused filter field’s message beside that field, and the rest in the banner', () => {
    const field = new GraphQLError('filter.sessionId: must be a UUID', { extensions: { code: 'BAD_USER_INPUT', field: 'filter.sessionId' } });
    const other = new GraphQLError('something else', { extensions: { code: 'INTERNAL' } });
    expect(filterFieldErrors(new CombinedError({ graphQLErrors: [field] }))).toEqual({ sessionId: 'must be a UUID' });
    expect(otherErrors(new CombinedError({ graphQLErrors: [field] }))).toBeUndefined();
    expect(otherErrors(new CombinedError({ graphQLErrors: [field, other] }))).toBeDefined();
    expect(otherErrors(new CombinedError({ networkError: new Error('down') }))).toBeDefined();
    expect(filterFieldErrors(undefined)).toEqual({});
  });
});

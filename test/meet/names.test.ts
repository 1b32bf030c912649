// How the meet app names people and picks its spotlight.
import { describe, expect, it } from 'vitest';
import { contextFor, displayName, hueFor, initials, nameFromContext } from '../../client/meet/names.js';
import { chooseSpotlight, type TileModel } from '../../client/meet/tiles.js';

describe('names', () => {
  it('reads the name a participant joined with, from JSON or plain text', () => {
    expect(nameFromContext('{"name":"Ada Lovelace"}')).toBe('Ada Lovelace');
    expect(nameFromContext('{"username":"ada"}')).toBe('ada');
    expect(nameFromContext('Grace')).toBe('Grace');
    expect(nameFromContext('{"role":"host"}')).toBeUndefined();
    expect(nameFromContext('42')).toBeUndefined();
    expect(nameFromContext(undefined)).toBeUndefined();
    expect(nameFromContext(contextFor('  Bob  '))).toBe('Bob');
    expect(contextFor('   ')).toBeUndefined();
  });

  it('calls someone without a name a guest, with a bit of their id to tell guests apart', () => {
    expect(displayName('1f2e3d4c-0000-7000-8000-000000000000', undefined)).toBe('Guest 1f2e');
    expect(displayName('1f2e3d4c-0000', '{"name":"Ann"}')).toBe('Ann');
  });

  it('makes initials of the first and last word', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('Ada King Lovelace')).toBe('AL');
    expect(initials('bob')).toBe('BO');
    expect(initials('Élodie Ünal')).toBe('ÉÜ');
    expect(initials('  ')).toBe('?');
    expect(initials('(Ann) – Smith')).toBe('AS');
  });

  it('gives a name the same one of twelve hues every time', () => {
    expect(hueFor('Ada Lovelace')).toBe(hueFor('Ada Lovelace'));
    expect(hueFor('Ada Lovelace') % 30).toBe(0);
    expect(new Set(['Ann', 'Bob', 'Cy', 'Dee', 'Eve', 'Fay'].map(hueFor)).size).toBeGreaterThan(2);
  });
});

const tile = (id: string, opts: Partial<TileModel> = {}): TileModel => ({
  id: `${id}:self`,
  participantId: id,
  key: 'self',
  local: false,
  name: id,
  label: id,
  presentation: false,
  speaking: false,
  ...opts,
});

describe('the spotlight', () => {
  const me = tile('me', { local: true });
  it('shows another’s screen, never our own', () => {
    const share = tile('a', { id: 'a:presentation', key: 'presentation', presentation: true });
    expect(chooseSpotlight([me, tile('a'), share], { mode: 'grid', pinned: null, lastSpeaker: null })).toEqual({ id: 'a:presentation', fill: true });
    const mine = tile('me', { id: 'me:presentation', key: 'presentation', presentation: true, local: true });
    expect(chooseSpotlight([me, mine, tile('a')], { mode: 'grid', pinned: null, lastSpeaker: null })).toBeNull();
  });

  it('in speaker view: who speaks, else who spoke last, else the first of the others', () => {
    const tiles = [me, tile('a'), tile('b', { speaking: true })];
    expect(chooseSpotlight(tiles, { mode: 'speaker', pinned: null, lastSpeaker: 'a' })?.id).toBe('b:self');
    const quiet = [me, tile('a'), tile('b')];
    expect(chooseSpotlight(quiet, { mode: 'speaker', pinned: null, lastSpeaker: 'b' })?.id).toBe('b:self');
    expect(chooseSpotlight(quiet, { mode: 'speaker', pinned: null, lastSpeaker: null })?.id).toBe('a:self');
    expect(chooseSpotlight([me], { mode: 'speaker', pinned: null, lastSpeaker: null })).toBeNull();
  });

  it('a pinned tile wins over everything', () => {
    const share = tile('a', { id: 'a:presentation', key: 'presentation', presentation: true });
    expect(chooseSpotlight([me, tile('a'), share], { mode: 'grid', pinned: 'me:self', lastSpeaker: null })).toEqual({ id: 'me:self', fill: false });
  });
});

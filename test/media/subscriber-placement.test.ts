import { describe, expect, it } from 'vitest';
import { chooseRouter, type PlacementCandidate } from '../../media/subscriber-placement.js';

const at = (target: string, roomConsumers: number, workerConsumers = roomConsumers): PlacementCandidate<string> => ({ target, roomConsumers, workerConsumers });

describe('where a new subscriber goes (cap 500)', () => {
  it('stays on the main router below the cap, or when there is no other worker', () => {
    expect(chooseRouter(at('main', 499), [at('w2', 0)], 500)).toBe('main');
    expect(chooseRouter(at('main', 900), [], 500)).toBe('main');
  });

  it('goes to the other worker with the fewest consumers (every room) that has room for this one', () => {
    expect(chooseRouter(at('main', 500), [at('w2', 10, 800), at('w3', 300, 300)], 500)).toBe('w3');
    expect(chooseRouter(at('main', 500), [at('w2', 499, 499), at('w3', 500, 0)], 500)).toBe('w2');
  });

  it('keeps the room even once every router is at the cap, another worker winning a tie', () => {
    expect(chooseRouter(at('main', 500), [at('w2', 500)], 500)).toBe('w2');
    expect(chooseRouter(at('main', 500), [at('w2', 501)], 500)).toBe('main');
    expect(chooseRouter(at('main', 620), [at('w2', 600), at('w3', 610)], 500)).toBe('w2');
  });
});

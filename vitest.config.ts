import { defineConfig } from 'vitest/config';

// Two cores on every machine: two test files at a time, each in its own process so that
// PGlite instances and mediasoup workers never share a heap.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

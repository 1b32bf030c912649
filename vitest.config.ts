import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships a CommonJS and an ESM build. Node gives yoga and Pothos the CommonJS one;
    // vite would give our sources the ESM one, and errors thrown by our resolvers would then
    // not be yoga's GraphQLError (it masks them as internal errors). One copy for all.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores on every machine: two test files at a time, each in its own process so that
    // PGlite instances and mediasoup workers never share a heap.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

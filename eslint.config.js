// Lint: typescript-eslint's recommended rules (syntax only, no type information: it must stay
// quick on two cores; `tsc` does the type checking), the layering (client → wire →
// schema/transport → services → db, media) enforced by eslint-plugin-boundaries, and a cap on file
// length. Formatting is Prettier's job, not ESLint's.
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

const GRAPHQL_PACKAGES = ['graphql', 'graphql/**', 'graphql-yoga', 'graphql-ws', 'graphql-ws/**', '@pothos/**', '@escape.tech/graphql-armor', 'graphql-query-complexity', 'graphql-scalars'];
const DATABASE_PACKAGES = ['kysely', 'kysely-pglite-dialect', 'pg', '@electric-sql/pglite', '@electric-sql/pglite/**'];

/**
 * Every source file belongs to one layer; the first pattern that matches wins, so the narrow ones
 * come first. `wire` is the SDK's code generated from schema/schema.graphql. `kernel` is what every
 * server layer may import: server/shared (errors, validation), and two files of app/ (SHARED_FILES).
 */
const LAYERS = [
  { type: 'wire', pattern: 'client/**/generated/**', partialMatch: false, stopMatching: true },
  { type: 'client', pattern: 'client/**', partialMatch: false, stopMatching: true },
  { type: 'schema', pattern: 'schema/**', partialMatch: false, stopMatching: true },
  // Protection is envelop plugins and checks on the wire: it sits beside the transport.
  { type: 'transport', pattern: ['server/transport/**', 'server/protection/**'], partialMatch: false, stopMatching: true },
  // The operator's view (metrics, health) reads every layer below the wire, and nothing reads it but app/.
  { type: 'observability', pattern: 'server/observability/**', partialMatch: false, stopMatching: true },
  { type: 'kernel', pattern: 'server/shared/**', partialMatch: false, stopMatching: true },
  { type: 'app', pattern: 'server/app/**', partialMatch: false, stopMatching: true },
  { type: 'service', pattern: 'server/*/**', partialMatch: false, stopMatching: true },
  { type: 'db', pattern: 'db/**', partialMatch: false, stopMatching: true },
  { type: 'media', pattern: 'media/**', partialMatch: false, stopMatching: true },
  { type: 'tooling', pattern: ['test/**', 'bench/**', 'scripts/**', 'bin/**'], partialMatch: false, stopMatching: true },
];

/** The configuration and the logger: app/ builds them at start, every server layer is handed them. */
const SHARED_FILES = [{ category: 'kernel', pattern: ['server/app/config.ts', 'server/app/logger.ts'] }];

const to = (...types) => ({ to: { element: { types: { anyOf: types } } } });
const sharedFiles = { to: { file: { categories: 'kernel' } } };
const typesOnly = (...types) => ({ ...to(...types), dependency: { kind: 'type' } });
const packages = (sources) => ({ to: { module: { origin: 'external', source: sources } } });

/** Who may import whom: everything not allowed here is an error. Imports point down the stack only. */
const LAYERING = [
  { from: { element: { type: 'client' } }, allow: [to('client', 'wire')] },
  { from: { element: { type: 'wire' } }, allow: [to('wire')] },
  // Resolvers map arguments and results: they may name row types, never query. Both schema and
  // transport see the set of services (app/services.ts) as a type only; app/ builds it.
  { from: { element: { type: 'schema' } }, allow: [to('schema', 'service', 'kernel'), sharedFiles, typesOnly('db', 'app')] },
  { from: { element: { type: 'transport' } }, allow: [to('transport', 'schema', 'service', 'kernel'), sharedFiles, typesOnly('app')] },
  { from: { element: { type: 'app' } }, allow: [to('app', 'observability', 'transport', 'schema', 'service', 'kernel', 'db', 'media')] },
  { from: { element: { type: 'observability' } }, allow: [to('observability', 'service', 'kernel', 'db', 'media'), sharedFiles, typesOnly('schema', 'transport', 'app')] },
  { from: { element: { type: 'service' } }, allow: [to('service', 'kernel', 'db', 'media'), sharedFiles] },
  { from: { element: { type: 'kernel' } }, allow: [to('kernel'), sharedFiles] },
  { from: { element: { type: 'db' } }, allow: [to('db')] },
  { from: { element: { type: 'media' } }, allow: [to('media')] },
  { from: { element: { type: 'tooling' } }, allow: [to('tooling', 'client', 'wire', 'schema', 'transport', 'observability', 'kernel', 'app', 'service', 'db', 'media')] },
];

/** Packages a layer must not reach for, whatever it imports them through. */
const FORBIDDEN_PACKAGES = [
  { from: { element: { type: 'media' } }, disallow: [packages([...GRAPHQL_PACKAGES, ...DATABASE_PACKAGES])], message: 'media/ knows neither GraphQL nor the database' },
  { from: { element: { type: 'db' } }, disallow: [packages(GRAPHQL_PACKAGES)], message: 'db/ knows nothing of GraphQL' },
  {
    from: { element: { types: { anyOf: ['service', 'kernel'] } } },
    disallow: [packages(GRAPHQL_PACKAGES)],
    message: 'domain services know nothing of GraphQL: the schema and the transport map to and from it',
  },
  {
    from: { element: { types: { anyOf: ['client', 'wire'] } } },
    disallow: [packages([...DATABASE_PACKAGES, 'mediasoup', 'graphql-yoga', '@pothos/**'])],
    message: 'the browser code reaches the server only over the wire',
  },
];

export default defineConfig(
  {
    ignores: ['node_modules/', '.cache/', '.media/', 'client/dist/', 'client/**/generated/', 'data/', 'test-artifacts/', 'coverage/', '**/*.d.ts', 'bench/**/results/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The code base talks to untyped JSON and browser pages a lot; `any` there is deliberate.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // A `let` that an exit hook reads before it is first set (the hook is registered early) stays a let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // tsc checks that names exist, with the right globals for Node and for the browser.
      'no-undef': 'off',
      // Short files with one job each.
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': LAYERS,
      'boundaries/files': SHARED_FILES,
      'boundaries/include': ['client/**', 'schema/**', 'server/**', 'db/**', 'media/**', 'test/**', 'bench/**', 'scripts/**', 'bin/**'],
      // An absolute path: a relative one is taken from the linted file's nearest package.json, and
      // client/ has its own (the npm package).
      'import/resolver': { [path.join(import.meta.dirname, 'scripts/eslint-ts-resolver.cjs')]: {} },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        { default: 'disallow', checkAllOrigins: true, policies: [{ allow: [{ to: { module: { origin: ['external', 'core'] } } }] }, ...LAYERING, ...FORBIDDEN_PACKAGES] },
      ],
      // A file outside every layer is a new top-level folder nobody placed yet.
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    // CommonJS helpers (the resolver above) run under require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

// Builds the browser SDK and the web apps into client/dist/ (served at /sdk/ and /meet/):
//   client/dist/sdk/video-rooms.js     the SDK as one ES module (mediasoup-client, urql, graphql-ws inside)
//   client/dist/sdk/video-rooms.d.ts   its type declarations (re-exporting client/dist/sdk/types/)
//   client/dist/meet/                  the meeting app: index.html + app.js + app.css
//   client/dist/dashboard/             the operators' dashboard: index.html + main.js + main.css
// Usage: node scripts/build-client.mjs [--no-types]   (npm run build:client)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'client/dist');
const withTypes = !process.argv.includes('--no-types');
const started = Date.now();

// Start clean (declarations of removed sources must not linger); --no-types keeps the old ones.
if (withTypes) rmSync(path.join(dist, 'sdk'), { recursive: true, force: true });
for (const app of ['meet', 'dashboard']) {
  rmSync(path.join(dist, app), { recursive: true, force: true });
  mkdirSync(path.join(dist, app), { recursive: true });
}
mkdirSync(path.join(dist, 'sdk'), { recursive: true });

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'chrome110',
  sourcemap: true,
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEBUG': 'undefined' },
};

await esbuild.build({ ...common, entryPoints: [path.join(root, 'client/sdk/index.ts')], outfile: path.join(dist, 'sdk/video-rooms.js') });
// Preact's automatic JSX runtime, as the dashboard; the stylesheets imported by the entry land beside it as app.css.
await esbuild.build({ ...common, entryPoints: [path.join(root, 'client/meet/app.ts')], outfile: path.join(dist, 'meet/app.js'), jsx: 'automatic', jsxImportSource: 'preact' });
copyFileSync(path.join(root, 'client/meet/index.html'), path.join(dist, 'meet/index.html'));
// Preact's automatic JSX runtime; the stylesheets imported by the entry land beside it as main.css.
await esbuild.build({
  ...common,
  entryPoints: [path.join(root, 'client/dashboard/main.tsx')],
  outfile: path.join(dist, 'dashboard/main.js'),
  jsx: 'automatic',
  jsxImportSource: 'preact',
});
copyFileSync(path.join(root, 'client/dashboard/index.html'), path.join(dist, 'dashboard/index.html'));

if (withTypes) {
  // Declarations need the DOM lib: the client has its own tsconfig (the root one is for Node).
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'client/sdk/tsconfig.json')], { stdio: 'inherit' });
  writeFileSync(path.join(dist, 'sdk/video-rooms.d.ts'), "export * from './types/index.js';\n");
}
console.log(`client built in ${Date.now() - started} ms: ${path.relative(root, dist)}/{sdk,meet,dashboard}`);

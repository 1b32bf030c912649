// Builds the browser SDK and the web apps into client/dist/ (served at /sdk/ and /meet/):
//   client/dist/sdk/video-rooms.js     the SDK as one ES module (mediasoup-client, urql, graphql-ws inside)
//   client/dist/sdk/video-rooms.d.ts   its type declarations (re-exporting client/dist/sdk/types/)
//   client/dist/sdk/THIRD-PARTY-NOTICES.txt  the licences of the packages bundled into it
//   client/dist/sdk/LICENSE                  the project's own licence, which travels with the package
//   client/dist/webhooks/              the webhook verify helper: verify-webhook.js (ESM) + .d.ts
//   client/dist/meet/                  the meeting app: index.html + app.js + app.css
//   client/dist/dashboard/             the operators' dashboard: index.html + main.js + main.css
// sdk/ and webhooks/ are what the npm package @video-rooms/client ships (client/package.json;
// `npm run pack:client` packs it).
// Usage: node scripts/build-client.mjs [--no-types]   (npm run build:client)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { writeThirdPartyNotices } from './third-party-notices.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'client/dist');
const withTypes = !process.argv.includes('--no-types');
const started = Date.now();

// Start clean (declarations of removed sources must not linger); --no-types keeps the old ones.
if (withTypes) for (const dir of ['sdk', 'webhooks']) rmSync(path.join(dist, dir), { recursive: true, force: true });
for (const app of ['meet', 'dashboard']) {
  rmSync(path.join(dist, app), { recursive: true, force: true });
  mkdirSync(path.join(dist, app), { recursive: true });
}
mkdirSync(path.join(dist, 'sdk'), { recursive: true });
mkdirSync(path.join(dist, 'webhooks'), { recursive: true });

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

const sdk = await esbuild.build({ ...common, entryPoints: [path.join(root, 'client/sdk/index.ts')], outfile: path.join(dist, 'sdk/video-rooms.js'), metafile: true });
writeThirdPartyNotices(sdk.metafile, root, 'video-rooms.js', path.join(dist, 'sdk/THIRD-PARTY-NOTICES.txt'));
copyFileSync(path.join(root, 'LICENSE'), path.join(dist, 'sdk/LICENSE'));
// Not bundled nor minified: one small file a reader of node_modules can check; ES2022 runs on Node 20 and browsers alike.
await esbuild.build({
  entryPoints: [path.join(root, 'client/webhooks/verify-webhook.ts')],
  outfile: path.join(dist, 'webhooks/verify-webhook.js'),
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  logLevel: 'warning',
});
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
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'client/webhooks/tsconfig.json')], { stdio: 'inherit' });
}
console.log(`client built in ${Date.now() - started} ms: ${path.relative(root, dist)}/{sdk,webhooks,meet,dashboard}`);

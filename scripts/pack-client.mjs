// Packs the npm package @video-rooms/client (client/package.json: the SDK bundle and the webhook
// verify helper out of client/dist, which `npm run build:client` makes) into a tarball, and tells
// its size and the SDK bundle's, minified and gzipped.
// Usage: node scripts/pack-client.mjs [--out <folder>] [--json]   (npm run pack:client: build, then this)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = path.resolve(outAt >= 0 ? args[outAt + 1] : path.join(root, 'client/dist/pack'));
const bundle = path.join(root, 'client/dist/sdk/video-rooms.js');
for (const built of [bundle, path.join(root, 'client/dist/webhooks/verify-webhook.js'), path.join(root, 'client/dist/sdk/video-rooms.d.ts')]) {
  if (!existsSync(built)) throw new Error(`${path.relative(root, built)} is missing: run npm run build:client first`);
}
mkdirSync(out, { recursive: true });

// --ignore-scripts: packing must not run anything of the package's; npm pack never touches the registry.
const [packed] = JSON.parse(execFileSync('npm', ['pack', path.join(root, 'client'), '--pack-destination', out, '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
const code = readFileSync(bundle);
const report = {
  tarball: path.join(out, packed.filename),
  tarballBytes: packed.size,
  unpackedBytes: packed.unpackedSize,
  files: packed.files.map((f) => f.path),
  sdkBundleBytes: code.length,
  // Level 9, as a server's static precompression would: the figure a browser downloads.
  sdkBundleGzipBytes: gzipSync(code, { level: 9 }).length,
};
if (args.includes('--json')) console.log(JSON.stringify(report));
else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`${path.relative(process.cwd(), report.tarball)}: ${kb(report.tarballBytes)} (${kb(report.unpackedBytes)} unpacked, ${report.files.length} files)`);
  console.log(`SDK bundle video-rooms.js: ${kb(report.sdkBundleBytes)} minified, ${kb(report.sdkBundleGzipBytes)} gzipped`);
}

// The npm package as a stranger gets it: packed from client/, installed offline into a fresh app
// (test/e2e/fixtures/fresh-vite-app), built with the project's Vite, served from an origin of its own.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { build } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PACKAGE_NAME = '@video-rooms/client';

/** What scripts/pack-client.mjs --json tells. */
export interface PackReport {
  tarball: string;
  tarballBytes: number;
  unpackedBytes: number;
  files: string[];
  sdkBundleBytes: number;
  sdkBundleGzipBytes: number;
}

/** Packs the built client (see ensureClientBuilt) into `outDir`. */
export function packClient(outDir: string): PackReport {
  return JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'scripts/pack-client.mjs'), '--json', '--out', outDir], { cwd: ROOT, encoding: 'utf8' }));
}

/**
 * A copy of the fixture app in a temporary folder with the tarball installed. --offline: CI
 * reaches the registry only through the project's lockfile, and a package with no dependencies
 * needs nothing from it.
 */
export function freshApp(tarball: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vr-fresh-app-'));
  cpSync(path.join(ROOT, 'test/e2e/fixtures/fresh-vite-app'), dir, { recursive: true });
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: dir, stdio: 'pipe' });
  return dir;
}

/** Vite's production build of the app into `<dir>/dist`, with Vite's defaults (no config file). */
export async function buildApp(dir: string): Promise<string> {
  const outDir = path.join(dir, 'dist');
  await build({ root: dir, configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** Serves a folder at http://127.0.0.1:<port> (a secure context for getUserMedia, not the API's origin). */
export async function serveFolder(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const serve = sirv(dir, { dev: true });
  const server = createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs the app's verify.mjs in Node: the `./webhooks` entry resolved through the installed package's exports. */
export function verifyInNode(dir: string, hook: { body: string; signature: string; timestamp: string; publicKey: string }): { genuine: boolean; altered: boolean } {
  return JSON.parse(execFileSync(process.execPath, [path.join(dir, 'verify.mjs'), JSON.stringify(hook)], { cwd: dir, encoding: 'utf8' }));
}

/** tsc over the app's sources and the package's declarations (skipLibCheck off); `extra` overrides the app's tsconfig. */
export function typeCheckApp(dir: string, extra: string[] = []): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json'), ...extra], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
}

// The licences of the packages esbuild bundled into a file, gathered beside it: the SDK bundle is
// published as an npm package with mediasoup-client, urql, graphql-ws… inside, and their licences
// (MIT, ISC) ask that their notices travel with copies of their code.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `node_modules/a/node_modules/@b/c/lib/x.js` → the folder of the innermost package, `…/@b/c`. */
function packageDir(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const depth = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + depth).join('/');
}

/** Writes `outFile` from esbuild's metafile of `bundle`: one section per bundled package, its licence text verbatim. */
export function writeThirdPartyNotices(metafile, root, bundle, outFile) {
  const dirs = [...new Set(Object.keys(metafile.inputs).map(packageDir).filter(Boolean))].sort();
  const sections = dirs.map((dir) => {
    const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
    const file = readdirSync(path.join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    const text = file ? readFileSync(path.join(root, dir, file), 'utf8').trim() : `${pkg.license} (no licence file in the package)`;
    return `${pkg.name}@${pkg.version} — ${pkg.license}\n\n${text}\n`;
  });
  writeFileSync(outFile, `Packages bundled into ${bundle}, with their licences:\n\n${sections.join('\n' + '-'.repeat(72) + '\n\n')}`);
  return dirs.length;
}

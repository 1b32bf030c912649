// Resolves imports for eslint-plugin-boundaries the way tsc and tsx do: our TypeScript sources
// import each other as `./x.js` (NodeNext), and the file on disk is `./x.ts` (or `./x.tsx`, the
// dashboard's components). Everything else
// (packages, Node built-ins, real .js/.mjs files) goes to the stock Node resolver.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');
const node = require('eslint-import-resolver-node');

exports.interfaceVersion = 2;

exports.resolve = function resolve(source, file, config) {
  if (source.startsWith('.') && /\.(m|c)?js$/.test(source)) {
    const candidate = path.resolve(
      path.dirname(file),
      source.replace(/\.(m|c)?js$/, (ext) => ext.replace('js', 'ts')),
    );
    if (existsSync(candidate)) return { found: true, path: candidate };
    if (existsSync(`${candidate}x`)) return { found: true, path: `${candidate}x` };
  }
  return node.resolve(source, file, config);
};

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const generatedDir = path.join(root, 'client/sdk/generated');

describe("the SDK's generated wire types", () => {
  it('match schema/schema.graphql and client/sdk/operations (run "npm run codegen" after changing either)', async () => {
    const files: { filename: string; content: string }[] = await generate({ ...config, cwd: root }, false);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const committed = readFileSync(path.resolve(root, file.filename), 'utf8');
      expect(committed, file.filename).toBe(file.content);
    }
    // A file the generator no longer writes would linger and could still be imported.
    const expected = files.map((f) => path.basename(f.filename)).sort();
    expect(readdirSync(generatedDir).sort()).toEqual(expected);
  });
});

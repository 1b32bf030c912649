import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the generated wire types (SDK and dashboard)', () => {
  it('match schema/schema.graphql and the documents in client/sdk/operations and client/dashboard (run "npm run codegen" after changing any)', async () => {
    const files: { filename: string; content: string }[] = await generate({ ...config, cwd: root }, false);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const committed = readFileSync(path.resolve(root, file.filename), 'utf8');
      expect(committed, file.filename).toBe(file.content);
    }
    // A file the generator no longer writes would linger and could still be imported.
    for (const dir of ['client/sdk/generated', 'client/dashboard/generated']) {
      const expected = files.filter((f) => path.dirname(path.resolve(root, f.filename)) === path.join(root, dir)).map((f) => path.basename(f.filename));
      expect(expected.length, dir).toBeGreaterThan(0);
      expect(readdirSync(path.join(root, dir)).sort(), dir).toEqual(expected.sort());
    }
  });
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printedSchema } from './index.js';

// `npm run schema` rewrites schema/schema.graphql; a test fails while the file is stale.
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.graphql');
writeFileSync(file, printedSchema());
console.log(`wrote ${path.relative(process.cwd(), file)}`);

import { parseArgs } from 'node:util';
import { listApiKeys, revokeApiKey } from '../../db/api-keys.js';
import { createApiKey } from '../access/api-key-secrets.js';
import { ConfigError, loadConfig } from './config.js';
import { openConfiguredDatabase } from './database.js';

const USAGE = `usage: video-rooms <command>

  keys create [--name NAME]   create an API key and print it (shown once)
  keys list                   list API keys (id, prefix, name, created, last used, revoked)
  keys revoke <ID or PREFIX>  revoke an API key at once

Uses the same configuration as the server (DATABASE_URL, DATA_DIR). While the server runs on the
embedded database, use the GraphQL mutations createApiKey / revokeApiKey instead.`;

function fail(message: string, code = 1): never {
  console.error(`video-rooms: ${message}`);
  process.exit(code);
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [group, command, target] = positionals;
  if (values.help || !group) return console.log(USAGE);
  if (group !== 'keys' || !['create', 'list', 'revoke'].includes(command ?? '')) fail(`unknown command "${positionals.join(' ')}"\n\n${USAGE}`, 2);

  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(`bad configuration: ${err.message}`, 2);
    throw err;
  }
  const database = await openConfiguredDatabase(config).catch((err: Error) => fail(err.message));
  try {
    if (command === 'create') {
      const name = (values.name ?? 'cli').trim();
      if (!name || name.length > 100) fail('--name must be 1 to 100 characters', 2);
      const { row, key } = await createApiKey(database.db, name);
      console.log(key);
      console.error(`created API key ${row.id} ("${row.name}"); it is not shown again`);
    } else if (command === 'list') {
      const rows = await listApiKeys(database.db);
      if (!rows.length) console.error('no API keys');
      for (const r of rows) {
        console.log(
          [r.id, r.prefix, JSON.stringify(r.name), r.created_at.toISOString(), r.last_used_at?.toISOString() ?? '-', r.revoked_at ? `revoked ${r.revoked_at.toISOString()}` : 'active'].join('  '),
        );
      }
    } else {
      if (!target) fail('keys revoke needs the id or prefix of a key (see "keys list")', 2);
      const row = await revokeApiKey(database.db, target, new Date());
      if (!row) fail(`no active API key with id or prefix "${target}"`);
      console.log(`revoked ${row.id} (${row.prefix}, "${row.name}")`);
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((err) => fail(err instanceof Error ? err.message : String(err)));

import { ConfigError, loadConfig } from './config.js';
import { startServer } from './app.js';
import { createLogger } from './logger.js';

// The process entry: configuration errors and start-up failures end it with one clear line.
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`video-rooms: bad configuration: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  // A promise nobody awaited is a bug to fix, not a reason to drop every live room with the process.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection (a bug: please report it)'));
  const server = await startServer(config, log);
  if (server.firstApiKey) {
    console.log(
      [
        '',
        'Created the first API key of this installation. It is shown only this once; keep it somewhere safe:',
        '',
        `  ${server.firstApiKey}`,
        '',
        `Try it:  curl -s ${server.url}/graphql -H "Authorization: Bearer ${server.firstApiKey}" -H "content-type: application/json" \\`,
        `           -d '{"query":"{ rooms { totalCount } }"}'`,
        `GraphiQL: ${server.url}/graphql`,
        '',
      ].join('\n'),
    );
  }
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    server.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(`video-rooms: could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});

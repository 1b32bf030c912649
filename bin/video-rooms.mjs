#!/usr/bin/env node
// The project runs from its TypeScript sources through tsx, so no build step can go stale.
import { register } from 'tsx/esm/api';

register();
await import('../server/app/cli.js');

import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './errors.js';
import './pagination.js';
import './types/node.js';
import './types/room.js';
import './types/session.js';
import './types/participant.js';
import './types/recording.js';
import './types/composition.js';
import './types/viewer.js';
import './types/event.js';
import './mutations/rooms.js';
import './mutations/client-tokens.js';
import './types/live.js';
import './mutations/participant.js';
import './mutations/moderation.js';
import './mutations/room-messages.js';
import './types/webhooks.js';
import './mutations/recordings.js';
import './mutations/compositions.js';
import './types/ingress.js';
import './mutations/ingress.js';
import './types/server-stats.js';
import './types/room-stats.js';
import './types/usage.js';
import './types/cluster.js';

let schema: GraphQLSchema | undefined;

/** The whole API; built once, on first use. */
export function getSchema(): GraphQLSchema {
  return (schema ??= builder.toSchema({ sortSchema: true }));
}

/** The SDL committed as schema/schema.graphql. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(getSchema())) + '\n';
}

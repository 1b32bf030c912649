import type { GraphQLError } from 'graphql';
import type { Viewer } from './auth.js';
import type { Services } from './services.js';

/** What every resolver gets: who calls, why their credential was refused (if it was), the services. */
export interface Context {
  viewer: Viewer;
  authFailure?: GraphQLError;
  services: Services;
}

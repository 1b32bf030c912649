import { EventEmitter } from 'node:events';
import type { TokenRevocations } from './token-revocations.js';

/**
 * The moments a credential stops being good while something opened with it is still running
 * (a subscription): an API key revoked, a client-token family revoked by a kick.
 */
export class AccessSignals extends EventEmitter<{ apiKeyRevoked: [keyId: string]; tokenFamilyRevoked: [familyId: string] }> {
  constructor(revocations: TokenRevocations) {
    super();
    this.setMaxListeners(0);
    revocations.on('revoked', (familyId) => this.emit('tokenFamilyRevoked', familyId));
  }

  apiKeyRevoked(keyId: string): void {
    this.emit('apiKeyRevoked', keyId);
  }
}

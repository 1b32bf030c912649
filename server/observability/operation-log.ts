import type { Logger } from '../app/logger.js';
import type { OperationObserver, OperationRecord } from './operations.js';

const fields = (op: Readonly<OperationRecord>) => ({
  requestId: op.requestId,
  transport: op.transport,
  ...(op.connectionId ? { connectionId: op.connectionId } : {}),
  operationName: op.operationName,
  operationKind: op.kind,
  credential: op.credential,
  durationMs: op.durationMs,
  ...(op.errorCodes.length ? { errorCodes: op.errorCodes } : {}),
});

/**
 * One log line per operation (two for a subscription: when its stream opens and when it ends).
 * Never the credential itself, the query text or the variables: they can carry secrets.
 */
export function operationLogObserver(log: Logger): OperationObserver {
  return {
    streamStarted(op) {
      log.info({ ...fields(op), phase: 'start' }, 'graphql subscription started');
    },
    ended(op) {
      if (op.streaming) log.info({ ...fields(op), phase: 'end', setupMs: op.setupMs }, 'graphql subscription ended');
      else log.info(fields(op), 'graphql operation');
    },
  };
}

import type { Metrics } from './metrics.js';
import type { OperationObserver, OperationRecord } from './operations.js';

/**
 * Counts operations into the metrics. A name gets a label of its own only once an operation
 * with it passed validation, so that garbage sent by anyone cannot use up the cap on names.
 */
export function metricsObserver(metrics: Metrics): OperationObserver {
  const labels = (op: Readonly<OperationRecord>) => ({
    operation: op.operationName ? metrics.operationNames.label(op.operationName, op.valid) : 'anonymous',
    kind: op.kind,
  });
  const countErrors = (op: Readonly<OperationRecord>) => {
    for (const code of op.errorCodes) metrics.errors.inc({ code: metrics.errorCodes.label(code) });
  };
  return {
    streamStarted(op) {
      const l = labels(op);
      metrics.operations.inc({ ...l, outcome: 'ok' });
      metrics.operationDuration.observe(l, (op.setupMs ?? op.durationMs) / 1000);
      metrics.subscriptionsActive.inc();
    },
    ended(op) {
      if (op.streaming) {
        // Counted when it started; only the stream's own errors are new.
        metrics.subscriptionsActive.dec();
        countErrors(op);
        return;
      }
      const l = labels(op);
      metrics.operations.inc({ ...l, outcome: op.errorCodes.length ? 'error' : 'ok' });
      metrics.operationDuration.observe(l, op.durationMs / 1000);
      countErrors(op);
    },
  };
}

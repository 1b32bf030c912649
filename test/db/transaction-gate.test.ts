import { describe, expect, it } from 'vitest';
import { TransactionGate } from '../../db/transaction-gate.js';

describe('TransactionGate', () => {
  it('sends statements at once while no transaction is open or waiting', () => {
    const gate = new TransactionGate();
    const sent: string[] = [];
    gate.whenOpen(() => sent.push('a'));
    gate.whenOpen(() => sent.push('b'));
    expect(sent).toEqual(['a', 'b']);
  });

  it('holds statements back during a transaction and serves everyone in arrival order', async () => {
    const gate = new TransactionGate();
    const log: string[] = [];
    await gate.hold();
    log.push('tx1 begins');
    gate.whenOpen(() => log.push('s1'));
    const tx2 = gate.hold().then(() => log.push('tx2 begins'));
    gate.whenOpen(() => log.push('s2'));
    expect(log).toEqual(['tx1 begins']);

    gate.release();
    // s1 went out at once; tx2 took the gate before s2, which waits for it.
    expect(log).toEqual(['tx1 begins', 's1']);
    await tx2;
    expect(log).toEqual(['tx1 begins', 's1', 'tx2 begins']);
    gate.release();
    expect(log).toEqual(['tx1 begins', 's1', 'tx2 begins', 's2']);
  });
});

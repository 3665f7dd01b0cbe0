import { describe, expect, it } from 'vitest';
import { decideTransition, isFinal, PaymentStatus } from '../src/core/status.js';

const snap = (status: PaymentStatus, refundedAmount = 0) => ({ status, refundedAmount });

describe('status transitions', () => {
  it.each([
    ['created', 'pending'],
    ['pending', 'paid'],
    ['pending', 'authorized'],
    ['authorized', 'paid'],
    ['authorized', 'cancelled'],
    ['paid', 'refunded'],
    ['failed', 'paid'],
    ['expired', 'paid'],
  ] as const)('%s → %s is applied', (from, to) => expect(decideTransition(snap(from), snap(to))).toBe('apply'));

  it.each([
    ['paid', 'pending'],
    ['paid', 'failed'],
    ['paid', 'cancelled'],
    ['refunded', 'paid'],
    ['cancelled', 'paid'],
    ['refunded', 'partially_refunded'],
    ['pending', 'refunded'],
  ] as const)('%s → %s is illegal', (from, to) => expect(decideTransition(snap(from), snap(to))).toBe('illegal'));

  it('a repeated status is a duplicate', () => {
    for (const status of PaymentStatus.options) expect(decideTransition(snap(status), snap(status))).toBe('duplicate');
  });

  it('a further partial refund is applied, the same one is a duplicate', () => {
    expect(decideTransition(snap('partially_refunded', 100), snap('partially_refunded', 300))).toBe('apply');
    expect(decideTransition(snap('partially_refunded', 300), snap('partially_refunded', 300))).toBe('duplicate');
    expect(decideTransition(snap('partially_refunded', 300), snap('partially_refunded', 100))).toBe('duplicate');
  });

  it('knows the final statuses', () => {
    expect(PaymentStatus.options.filter(isFinal).sort()).toEqual(['cancelled', 'refunded']);
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';

describe('logger', () => {
  it('redacts secrets at any depth we log', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logger = createLogger('info', sink);
    logger.info({
      sharedSecret: 'S1-secret-value',
      headers: { authorization: 'Basic dXNlcjpwYXNz', 'x-rup-signature': 'v1=abcdef' },
      provider: { config: { apiKey: 'K1-api-key', password: 'P1-pass' } },
      card: { pan: '4111111111111111' },
      orderId: '42',
    }, 'hello');
    const out = lines.join('');
    for (const secret of ['S1-secret-value', 'dXNlcjpwYXNz', 'v1=abcdef', 'K1-api-key', 'P1-pass', '4111111111111111']) expect(out).not.toContain(secret);
    expect(out).toContain('"orderId":"42"');
    expect(JSON.parse(out).level).toBe(30);
  });
});

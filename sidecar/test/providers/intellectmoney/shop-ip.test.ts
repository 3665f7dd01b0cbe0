import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/core/errors.js';
import { IntellectMoneyConfig } from '../../../src/providers/intellectmoney/schemas.js';
import { ShopIp } from '../../../src/providers/intellectmoney/shop-ip.js';

describe('bnplPayment IpAddress (the shop site)', () => {
  it('the ipAddress setting wins; an IP in the return URL is used as it is', async () => {
    const never = async () => {
      throw new Error('must not resolve');
    };
    expect(await new ShopIp('198.51.100.7', never).of('https://shop.example/ok')).toBe('198.51.100.7');
    expect(await new ShopIp(undefined, never).of('http://203.0.113.9:8080/ok')).toBe('203.0.113.9');
    expect(await new ShopIp(undefined, never).of('http://[2001:db8::1]/ok')).toBe('2001:db8::1');
  });

  it("otherwise resolves the return URL's host once, and names the setting when it cannot", async () => {
    const asked: string[] = [];
    const ip = new ShopIp(undefined, async (host) => {
      asked.push(host);
      if (host === 'nowhere.invalid') throw new Error('ENOTFOUND');
      return '192.0.2.10';
    });
    expect(await ip.of('https://shop.example/a')).toBe('192.0.2.10');
    expect(await ip.of('https://shop.example/b')).toBe('192.0.2.10');
    expect(asked).toEqual(['shop.example']);
    const error = await ip.of('https://nowhere.invalid/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).detail).toMatch(/set the ipAddress setting/);
  });
});

describe('IntellectMoney settings', () => {
  it('fills the documented defaults and reads numbers pushed as strings', () => {
    const config = IntellectMoneyConfig.parse({ eshopId: 450123, secretKey: 's', signSecretKey: 'x', token: 't', pollIntervalMs: '500', ipAddress: '' });
    expect(config).toEqual({
      eshopId: '450123',
      secretKey: 's',
      signSecretKey: 'x',
      token: 't',
      baseUrl: 'https://api.intellectmoney.ru/merchant',
      pollIntervalMs: 500,
      pollMaxMs: 7_200_000,
      pollMaxIntervalMs: 300_000,
      createWaitMs: 8_000,
    });
  });
});

import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ProviderError } from '../../core/errors.js';
import { PROVIDER_ID } from './schemas.js';

export type Resolve = (hostname: string) => Promise<string>;

const resolveFirst: Resolve = async (hostname) => (await lookup(hostname)).address;

/**
 * bnplPayment wants `IpAddress`, the IP of the shop site issuing the payment. The `ipAddress`
 * setting wins; otherwise the shop's own host (from the return URL) is resolved once and cached.
 */
export class ShopIp {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(
    private readonly configured: string | undefined,
    private readonly resolve: Resolve = resolveFirst,
  ) {}

  async of(returnUrl: string): Promise<string> {
    if (this.configured) return this.configured;
    const hostname = new URL(returnUrl).hostname.replace(/^\[|\]$/g, '');
    if (isIP(hostname)) return hostname;
    let pending = this.cache.get(hostname);
    if (!pending) {
      pending = this.resolve(hostname);
      this.cache.set(hostname, pending);
      pending.catch(() => this.cache.delete(hostname));
    }
    try {
      return await pending;
    } catch (error) {
      throw new ProviderError(PROVIDER_ID, `cannot resolve ${hostname} for bnplPayment IpAddress (${(error as Error).message}); set the ipAddress setting`);
    }
  }
}

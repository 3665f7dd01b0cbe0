import { Agent } from 'undici';
import type { TlsMaterial } from './tls-material.js';

/**
 * The only way to reach Dolyame: an undici Agent that presents the shop's client certificate on
 * every connection. The client takes one of these and nothing else, so a request without the
 * certificate cannot be built by mistake. The material is read on first use (the simulator's
 * ephemeral certificates are only generated when someone actually talks to it).
 */
export class MtlsTransport {
  private agent: Agent | undefined;

  constructor(private readonly material: () => TlsMaterial) {}

  dispatcher(): Agent {
    if (!this.agent) {
      const { cert, key, ca } = this.material();
      if (!cert || !key) throw new Error('mTLS needs a client certificate and its private key');
      this.agent = new Agent({
        connect: { cert, key, ...(ca ? { ca } : {}), minVersion: 'TLSv1.2' },
        keepAliveTimeout: 10_000,
        connections: 16,
      });
    }
    return this.agent;
  }

  async close(): Promise<void> {
    await this.agent?.close();
    this.agent = undefined;
  }
}

import { statSync } from 'node:fs';
import { Agent } from 'undici';
import type { Logger } from '../../core/logger.js';
import { loadTlsMaterial, type TlsMaterial, type TlsSources } from './tls-material.js';

/** What identifies the files' current content: a renewed certificate copied over the old one changes it. */
function stampOf(sources: TlsSources): string {
  return [sources.certPath, sources.keyPath, sources.caPath]
    .map((path) => {
      if (path === undefined) return '-';
      const stat = statSync(path, { throwIfNoEntry: false });
      return stat ? `${stat.mtimeMs}:${stat.ctimeMs}:${stat.size}:${stat.ino}` : 'missing';
    })
    .join('|');
}

/**
 * The only way to reach Dolyame: an undici Agent that presents the shop's client certificate on
 * every connection. The client takes one of these and nothing else, so a request without the
 * certificate cannot be built by mistake. The material is read on first use (the simulator's
 * ephemeral certificates are only generated when someone actually talks to it), and the files are
 * checked again before each request: a certificate renewed in place (the renewal guide replaces
 * `open-api-cert.pem`) is used from the next request on, without a restart. A replacement that does
 * not load (half-copied, wrong key) is logged and the material in use stays.
 */
export class MtlsTransport {
  private agent: Agent | undefined;
  private current: TlsMaterial | undefined;
  private stamp: string | undefined;

  constructor(
    private readonly sources: TlsSources | (() => TlsMaterial),
    private readonly logger?: Logger,
  ) {}

  /** The certificate and key requests go out with right now (what the Status screen must show). */
  material(): TlsMaterial {
    this.refresh();
    return this.current!;
  }

  dispatcher(): Agent {
    this.refresh();
    return this.agent!;
  }

  private refresh(): void {
    const sources = this.sources;
    if (typeof sources === 'function') {
      if (!this.current) this.install(sources());
      return;
    }
    const stamp = stampOf(sources);
    if (this.current && stamp === this.stamp) return;
    let material: TlsMaterial;
    try {
      material = loadTlsMaterial(sources);
    } catch (error) {
      if (!this.current) throw error;
      this.logger?.error({ provider: 'dolyame', err: (error as Error).message }, 'the replaced mTLS certificate or key does not load; still using the previous one');
      this.stamp = stamp;
      return;
    }
    if (this.current) this.logger?.info({ provider: 'dolyame' }, 'mTLS certificate or key changed on disk; using the new one from now on');
    this.stamp = stamp;
    this.install(material);
  }

  private install(material: TlsMaterial): void {
    const { cert, key, ca } = material;
    if (!cert || !key) throw new Error('mTLS needs a client certificate and its private key');
    const previous = this.agent;
    this.current = material;
    this.agent = new Agent({
      connect: { cert, key, ...(ca ? { ca } : {}), minVersion: 'TLSv1.2' },
      keepAliveTimeout: 10_000,
      connections: 16,
    });
    // Requests still running on the old certificate finish; new ones take the new agent.
    void previous?.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.agent?.close();
    this.agent = undefined;
    this.current = undefined;
  }
}

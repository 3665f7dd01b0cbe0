import type { ProviderRecords } from '../types.js';
import type { RateWindowStore } from './rate-limiter.js';

/**
 * The limiter's window kept in the sidecar's own store (provider records, one per login), so the
 * 10 requests/s budget holds across a restart. Writes are the last state only; a shared database
 * store for several instances would implement RateWindowStore with an atomic claim instead.
 */
export class StoredRateWindow implements RateWindowStore {
  constructor(private readonly records: ProviderRecords) {}

  async load(login: string): Promise<number[]> {
    const saved = await this.records.get<{ freeAt: number[] }>('rate-window', login);
    return Array.isArray(saved?.freeAt) ? saved.freeAt.filter((n) => Number.isFinite(n)) : [];
  }

  async save(login: string, freeAt: readonly number[]): Promise<void> {
    await this.records.put('rate-window', login, { freeAt: [...freeAt] });
  }
}

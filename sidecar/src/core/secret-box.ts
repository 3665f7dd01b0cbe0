import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts provider settings at rest (AES-256-GCM). The key is derived from the shared secret, so
 * a stolen database file alone reveals no provider credentials; rotating the shared secret means
 * the plugin pushes its settings again.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string, purpose = 'provider-config-v1') {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'ru-payments-sidecar', purpose, 32));
  }

  seal(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
  }

  /** Throws when the value was sealed with another key or tampered with. */
  open<T = unknown>(sealed: string): T {
    if (!sealed.startsWith('v1.')) throw new Error('Unknown sealed format');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as T;
  }
}

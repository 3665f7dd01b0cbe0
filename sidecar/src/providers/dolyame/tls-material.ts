import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The shop's mTLS credentials as PEM text, ready for a TLS client. */
export interface TlsMaterial {
  cert: string;
  key: string;
  /** Extra trust anchors (the simulator's CA); absent = the system's CAs. */
  ca?: string | undefined;
}

/** Where the material may come from: a file path or the PEM text itself, per item. */
export interface TlsSources {
  certPath?: string | undefined;
  certPem?: string | undefined;
  keyPath?: string | undefined;
  keyPem?: string | undefined;
  caPath?: string | undefined;
  caPem?: string | undefined;
}

/** A problem with one setting; `field` is the settings key to name in the error. */
export class TlsMaterialError extends Error {
  constructor(
    readonly field: keyof TlsSources,
    message: string,
  ) {
    super(message);
    this.name = 'TlsMaterialError';
  }
}

function pick(sources: TlsSources, what: 'cert' | 'key' | 'ca', required: boolean): string | undefined {
  const pathKey = `${what}Path` as const;
  const pemKey = `${what}Pem` as const;
  const path = sources[pathKey];
  const pem = sources[pemKey];
  if (path !== undefined && pem !== undefined) throw new TlsMaterialError(pemKey, `set either ${pathKey} or ${pemKey}, not both`);
  if (pem !== undefined) return pem;
  if (path !== undefined) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new TlsMaterialError(pathKey, `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (required) throw new TlsMaterialError(pemKey, `the ${what === 'cert' ? 'mTLS certificate' : 'private key'} is required: set ${pathKey} or ${pemKey}`);
  return undefined;
}

/**
 * Reads and checks the certificate and key (parseable, and the key belongs to the certificate):
 * Dolyame refuses the TLS handshake otherwise, so a wrong pair is a settings error, not a runtime one.
 */
export function loadTlsMaterial(sources: TlsSources): TlsMaterial {
  const cert = pick(sources, 'cert', true)!;
  const key = pick(sources, 'key', true)!;
  const ca = pick(sources, 'ca', false);
  const certField = sources.certPath !== undefined ? 'certPath' : 'certPem';
  const keyField = sources.keyPath !== undefined ? 'keyPath' : 'keyPem';
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new TlsMaterialError(certField, 'is not a PEM certificate');
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new TlsMaterialError(keyField, 'is not an unencrypted PEM private key');
  }
  if (!x509.checkPrivateKey(privateKey)) throw new TlsMaterialError(keyField, 'the private key does not belong to the certificate');
  if (ca !== undefined) {
    try {
      new X509Certificate(ca);
    } catch {
      throw new TlsMaterialError(sources.caPath !== undefined ? 'caPath' : 'caPem', 'is not a PEM certificate');
    }
  }
  return { cert, key, ...(ca !== undefined ? { ca } : {}) };
}

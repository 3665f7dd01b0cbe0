import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import forge from 'node-forge';

/** The certificate is issued for a year; renew when this many days or fewer are left. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

export interface CertificateReport {
  notAfter: string;
  daysLeft: number;
  warning: boolean;
  expired: boolean;
  subject: string;
  /** Same RSA modulus pairwise; null when the CSR (or key) was not given. */
  matches: { keyCert: boolean | null; keyCsr: boolean | null; certCsr: boolean | null };
  /** Human-readable findings, the odd one out named; empty when all is well. */
  problems: string[];
}

/** Lowercase hex modulus without leading zeros, as `openssl … -modulus` compares them. */
const hexModulus = (n: string) => n.toLowerCase().replace(/^0+/, '');

function certModulus(cert: X509Certificate): string {
  const jwk = cert.publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || !jwk.n) throw new Error('the certificate does not hold an RSA key');
  return hexModulus(Buffer.from(jwk.n, 'base64url').toString('hex'));
}

function keyModulus(keyPem: string): string {
  let jwk;
  try {
    jwk = createPublicKey(createPrivateKey(keyPem)).export({ format: 'jwk' });
  } catch {
    throw new Error('the private key is not an unencrypted PEM key');
  }
  if (jwk.kty !== 'RSA' || !jwk.n) throw new Error('the private key is not an RSA key');
  return hexModulus(Buffer.from(jwk.n, 'base64url').toString('hex'));
}

function csrModulus(csrPem: string): string {
  let csr;
  try {
    csr = forge.pki.certificationRequestFromPem(csrPem);
  } catch (error) {
    throw new Error(`the CSR is not a PEM certificate request with an RSA key (${(error as Error).message})`);
  }
  const key = csr.publicKey as forge.pki.rsa.PublicKey | null;
  if (!key?.n) throw new Error('the CSR does not hold an RSA key');
  return hexModulus(key.n.toString(16));
}

function parseCertificate(certPem: string): X509Certificate {
  try {
    return new X509Certificate(certPem);
  } catch {
    throw new Error('the certificate is not a PEM X.509 certificate');
  }
}

/**
 * What the Dolyame FAQ asks shops to check with openssl: the expiry date of open-api-cert.pem and
 * that private.key, the CSR and the certificate share one RSA modulus. Throws (with a clear
 * message) only for material that cannot be read at all.
 */
export function inspectCertificate(input: { certPem: string; keyPem?: string | undefined; csrPem?: string | undefined; now: number }): CertificateReport {
  const cert = parseCertificate(input.certPem);
  const cm = certModulus(cert);
  const km = input.keyPem !== undefined ? keyModulus(input.keyPem) : null;
  const sm = input.csrPem !== undefined ? csrModulus(input.csrPem) : null;
  const notAfter = new Date(cert.validTo);
  const daysLeft = Math.floor((notAfter.getTime() - input.now) / DAY_MS);
  const matches = {
    keyCert: km === null ? null : km === cm,
    keyCsr: km === null || sm === null ? null : km === sm,
    certCsr: sm === null ? null : cm === sm,
  };
  const problems: string[] = [];
  if (daysLeft < 0) problems.push(`the certificate expired on ${notAfter.toISOString()}: Dolyame refuses it; issue a new one`);
  else if (daysLeft <= EXPIRY_WARNING_DAYS) problems.push(`the certificate expires in ${daysLeft} days (${notAfter.toISOString()}): issue a new one now`);
  const mismatch = mismatchFinding(matches);
  if (mismatch) problems.push(mismatch);
  return {
    notAfter: notAfter.toISOString(),
    daysLeft,
    warning: daysLeft <= EXPIRY_WARNING_DAYS,
    expired: daysLeft < 0,
    subject: cert.subject.replace(/\n/g, ', '),
    matches,
    problems,
  };
}

/** Names the file that does not belong with the other two. */
function mismatchFinding(m: CertificateReport['matches']): string | null {
  const { keyCert, keyCsr, certCsr } = m;
  if (keyCsr === null) {
    if (keyCert === false) return 'the private key does not match the certificate';
    if (certCsr === false) return 'the CSR does not match the certificate';
    return null;
  }
  if (keyCert && keyCsr) return null;
  if (keyCert) return 'the CSR does not match: the private key and the certificate belong together, the CSR is from another key';
  if (keyCsr) return 'the certificate does not match: it was issued for another request (the private key and the CSR belong together)';
  if (certCsr) return 'the private key does not match: the certificate and the CSR belong together, the key is another one';
  return 'none of the three match: the private key, the CSR and the certificate all have different keys';
}

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * A throw-away PKI for the simulator and tests (node-forge builds the certificates, node:crypto
 * makes the RSA keys because it is much faster): a CA, a server certificate for 127.0.0.1 /
 * localhost, and client certificates like the one T-Business issues to a shop.
 */
export interface CertAndKey {
  certPem: string;
  keyPem: string;
}

export interface SandboxPki {
  ca: CertAndKey;
  server: CertAndKey;
  client: CertAndKey;
}

const DAY_MS = 86_400_000;

export function newRsaKey(bits = 2048): string {
  return generateKeyPairSync('rsa', { modulusLength: bits, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
}

function publicKeyOf(keyPem: string): forge.pki.PublicKey {
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return forge.pki.setRsaPublicKey(key.n, key.e);
}

const serial = () => `01${randomBytes(8).toString('hex')}`;
const subject = (commonName: string) => [
  { name: 'commonName', value: commonName },
  { name: 'organizationName', value: 'RU Payments test' },
];

export function createCa(commonName = 'Dolyame simulator CA', days = 3650): CertAndKey {
  const keyPem = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKeyOf(keyPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
  cert.setSubject(subject(commonName));
  cert.setIssuer(subject(commonName));
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

export interface IssueOptions {
  commonName: string;
  usage: 'server' | 'client';
  /** Reuse a key (e.g. one whose CSR exists); a fresh one otherwise. */
  keyPem?: string;
  notBefore?: Date;
  notAfter?: Date;
}

export function issueCertificate(ca: CertAndKey, options: IssueOptions): CertAndKey {
  const keyPem = options.keyPem ?? newRsaKey();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKeyOf(keyPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 365 * DAY_MS);
  cert.setSubject(subject(options.commonName));
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', ...(options.usage === 'server' ? { serverAuth: true } : { clientAuth: true }) },
    ...(options.usage === 'server'
      ? [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }, { type: 2, value: 'localhost' }] }]
      : []),
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

/** A certificate signing request for a key, as a shop sends it to T-Business. */
export function createCsr(keyPem: string, commonName = 'shop.example'): string {
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = publicKeyOf(keyPem);
  csr.setSubject(subject(commonName));
  csr.sign(forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(csr);
}

export function sandboxPki(): SandboxPki {
  const ca = createCa();
  return {
    ca,
    server: issueCertificate(ca, { commonName: 'localhost', usage: 'server' }),
    client: issueCertificate(ca, { commonName: 'dolyame-simulator-partner', usage: 'client' }),
  };
}

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { inspectCertificate, type CertificateReport } from './certificates.js';

export const CERT_CHECK_USAGE = 'usage: ru-payments-sidecar dolyame cert-check --cert open-api-cert.pem --key private.key [--csr request.csr] [--json]';

/** Exit codes: 0 fine, 1 mismatch / expired / unreadable, 2 usage, 3 expires within 30 days. */
export async function runCertCheck(args: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`), now = Date.now()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { cert: { type: 'string' }, key: { type: 'string' }, csr: { type: 'string' }, json: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    out(`${(error as Error).message}\n${CERT_CHECK_USAGE}`);
    return 2;
  }
  if (!values.cert || !values.key) {
    out(CERT_CHECK_USAGE);
    return 2;
  }
  let report: CertificateReport;
  try {
    report = inspectCertificate({
      certPem: read(values.cert, 'certificate'),
      keyPem: read(values.key, 'private key'),
      csrPem: values.csr !== undefined ? read(values.csr, 'CSR') : undefined,
      now,
    });
  } catch (error) {
    out(`error: ${(error as Error).message}`);
    return 1;
  }
  if (values.json) out(JSON.stringify(report, null, 2));
  else for (const line of describe(report)) out(line);
  if (report.expired || report.problems.some((p) => p.includes('match'))) return 1;
  return report.warning ? 3 : 0;
}

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

const verdict = (value: boolean | null) => (value === null ? 'not checked' : value ? 'match' : 'MISMATCH');

function describe(r: CertificateReport): string[] {
  return [
    `certificate: ${r.subject}`,
    `valid until: ${r.notAfter} (${r.daysLeft} days left)`,
    `private key ↔ certificate: ${verdict(r.matches.keyCert)}`,
    `private key ↔ CSR:         ${verdict(r.matches.keyCsr)}`,
    `certificate ↔ CSR:         ${verdict(r.matches.certCsr)}`,
    ...(r.problems.length ? r.problems.map((p) => `${r.expired || p.includes('match') ? 'ERROR' : 'WARNING'}: ${p}`) : ['OK: the certificate is valid and the files belong together']),
  ];
}

import pino, { type Logger } from 'pino';

/** Keys whose values never reach a log line, at any depth we log. */
const SECRET_KEYS = [
  'authorization',
  'password',
  'passwd',
  'secret',
  'sharedSecret',
  'webhookSecret',
  'apiKey',
  'api_key',
  'token',
  'accessToken',
  'privateKey',
  'keyPem',
  'secretKey',
  'signSecretKey',
  'notificationToken',
  'callbackKey',
  'bearerToken',
  'cardNumber',
  'pan',
  'cvv',
  'cvc',
  'card',
  'x-rup-signature',
  'cookie',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of SECRET_KEYS) {
    const part = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    const join = (prefix: string) => (part.startsWith('[') ? `${prefix}${part}` : `${prefix}.${part}`);
    paths.push(part, join('*'), join('*.*'), join('*.*.*'));
  }
  return paths;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ru-payments-sidecar' },
      redact: { paths: redactPaths(), censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };

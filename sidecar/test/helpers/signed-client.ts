import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Agent, request } from 'undici';

export interface SignedResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface SignOptions {
  /** Override parts to forge, replay or age a request. */
  timestamp?: number;
  nonce?: string;
  secret?: string;
  idempotencyKey?: string | null;
  signature?: string;
}

/** Plays the PHP plugin: signs like the contract says (independently of the sidecar's code). */
export class SignedClient {
  /** Its own connection pool, so a restarted sidecar on the same port is not reached through dead sockets. */
  private readonly agent = new Agent();

  constructor(
    readonly baseUrl: string,
    private readonly secret: string,
  ) {}

  sign(method: string, target: string, body: string, options: SignOptions = {}) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = options.nonce ?? randomBytes(16).toString('hex');
    const canonical = ['v1', method, target, timestamp, nonce, createHash('sha256').update(body).digest('hex')].join('\n');
    const signature = options.signature ?? `v1=${createHmac('sha256', options.secret ?? this.secret).update(canonical).digest('hex')}`;
    return { 'x-rup-timestamp': timestamp, 'x-rup-nonce': nonce, 'x-rup-signature': signature };
  }

  async call<T = any>(method: 'GET' | 'POST' | 'PUT', target: string, json?: unknown, options: SignOptions = {}): Promise<SignedResponse<T>> {
    const body = json === undefined ? '' : JSON.stringify(json);
    const headers: Record<string, string> = { ...this.sign(method, target, body, options) };
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (method === 'POST' && options.idempotencyKey !== null) headers['idempotency-key'] = options.idempotencyKey ?? randomBytes(8).toString('hex');
    const response = await request(this.baseUrl + target, { method, headers, body: method === 'GET' ? null : body, dispatcher: this.agent });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, body: text ? JSON.parse(text) : null };
  }

  get<T = any>(target: string, options?: SignOptions) {
    return this.call<T>('GET', target, undefined, options);
  }

  post<T = any>(target: string, json: unknown, options?: SignOptions) {
    return this.call<T>('POST', target, json, options);
  }
}

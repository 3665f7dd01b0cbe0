import { rootCertificates } from 'node:tls';
import { Agent, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { ProviderError } from '../../core/errors.js';
import { SberApiError } from './errors.js';
import {
  ActionResponse,
  OrderStatusResponse,
  PROD_BASE_URL,
  RegisterResponse,
  SberErrorFields,
  TEST_BASE_URL,
  type RegisterRequest,
  type SberConfig,
  type SberMethod,
} from './schemas.js';

const TIMEOUT_MS = 15_000;

export function baseUrlOf(config: SberConfig): string {
  const base = config.baseUrl ?? (config.testMode ? TEST_BASE_URL : PROD_BASE_URL);
  return base.endsWith('/') ? base : `${base}/`;
}

/** Outgoing calls to the gateway: POST form-encoded, JSON back, `errorCode ≠ 0` → SberApiError. */
export class SberClient {
  private readonly base: string;
  private readonly dispatcher: Dispatcher | undefined;

  constructor(private readonly config: SberConfig) {
    this.base = baseUrlOf(config);
    // The gateway's certificates may chain to the Russian Trusted Root CA, which Node does not ship.
    this.dispatcher = config.caCertPem ? new Agent({ keepAliveTimeout: 10_000, connect: { ca: [...rootCertificates, config.caCertPem] } }) : undefined;
  }

  register(params: RegisterRequest, twoStage: boolean) {
    return this.call(twoStage ? 'registerPreAuth' : 'register', params, RegisterResponse);
  }

  deposit(orderId: string, amount: number) {
    return this.call('deposit', { orderId, amount: String(amount) }, ActionResponse);
  }

  reverse(orderId: string) {
    return this.call('reverse', { orderId }, ActionResponse);
  }

  refund(orderId: string, amount: number) {
    return this.call('refund', { orderId, amount: String(amount) }, ActionResponse);
  }

  status(ref: { orderId: string } | { orderNumber: string }) {
    return this.call('getOrderStatusExtended', ref, OrderStatusResponse);
  }

  private auth(): Record<string, string> {
    if (this.config.token) return { token: this.config.token };
    return { userName: this.config.userName ?? '', password: this.config.password ?? '' };
  }

  private async call<T>(method: SberMethod, params: Record<string, string | undefined>, schema: z.ZodType<T>): Promise<T> {
    const form = new URLSearchParams(this.auth());
    for (const [name, value] of Object.entries(params)) if (value !== undefined) form.set(name, value);
    const url = `${this.base}${method}.do`;
    let statusCode: number;
    let body: string;
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
        ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
      });
      statusCode = response.statusCode;
      body = await response.body.text();
    } catch (error) {
      throw new ProviderError('sber', `${method}.do failed: ${(error as Error).message}`, true);
    }
    // The URL and body never reach the message: the body carries the password.
    if (statusCode >= 400) throw new ProviderError('sber', `${method}.do → HTTP ${statusCode}: ${body.slice(0, 300)}`, statusCode >= 500 || statusCode === 429);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new ProviderError('sber', `${method}.do → not JSON: ${body.slice(0, 200)}`, true);
    }
    const errors = SberErrorFields.safeParse(json);
    const errorCode = errors.success ? (errors.data.errorCode ?? '0') : '0';
    if (errorCode !== '0') throw new SberApiError(method, errorCode, errors.success ? (errors.data.errorMessage ?? '') : '');
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ProviderError('sber', `${method}.do → unexpected answer: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return parsed.data;
  }
}

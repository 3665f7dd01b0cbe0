import { createHash, randomUUID } from 'node:crypto';
import { request } from 'undici';
import type { z } from 'zod';
import { ProviderError } from '../../core/errors.js';
import { orderPath } from './amounts.js';
import { MtlsTransport } from './mtls.js';
import { CORRELATION_HEADER, MAX_429_RETRIES, RETRY_AFTER_HEADER, RETRY_AFTER_MAX_SECONDS } from './protocol.js';
import type { Priority, SlidingWindowLimiter } from './rate-limiter.js';
import { ErrorBody, OrderInfo, RefundResponse, type CommitRequest, type CorrectionRequest, type CreateOrderRequest, type RefundRequest } from './schemas.js';

/** A failed Dolyame call; `httpStatus` is 0 when no answer arrived. The detail is for logs only. */
export class DolyameApiError extends ProviderError {
  constructor(
    detail: string,
    readonly httpStatus: number,
    retryable: boolean,
    providerCode?: string,
  ) {
    super('dolyame', detail, retryable, providerCode);
    this.name = 'DolyameApiError';
  }
}

/**
 * A stable X-Correlation-ID (UUID v4 layout) for a mutating call: a retry after a lost answer
 * carries the same id, so if Dolyame de-duplicates on it (UNCERTAIN) the retry is harmless.
 */
export function correlationIdFor(key: string): string {
  const hex = createHash('sha256').update(`dolyame:${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface DolyameClientOptions {
  baseUrl: string;
  login: string;
  password: string;
  /** Required: every call presents the shop's client certificate. */
  transport: MtlsTransport;
  /** Shared per partner login across the process. */
  limiter: SlidingWindowLimiter;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Outgoing calls to Dolyame's partner API: mTLS + Basic auth, rate-limited, 429s honoured. */
export class DolyameClient {
  private readonly base: string;
  private readonly authorization: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: DolyameClientOptions) {
    if (!(options.transport instanceof MtlsTransport)) throw new TypeError('DolyameClient needs an mTLS transport');
    this.base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.authorization = `Basic ${Buffer.from(`${options.login}:${options.password}`).toString('base64')}`;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  create(body: CreateOrderRequest, correlationId: string) {
    return this.call('POST', 'orders/create', body, OrderInfo, correlationId);
  }

  /** Status reads are background work (polls, notification re-reads): shopper-facing calls go first. */
  info(orderId: string, priority: Priority = 'background') {
    return this.call('GET', `orders/${orderPath(orderId)}/info`, undefined, OrderInfo, randomUUID(), priority);
  }

  commit(orderId: string, body: CommitRequest, correlationId: string) {
    return this.call('POST', `orders/${orderPath(orderId)}/commit`, body, OrderInfo, correlationId);
  }

  /** The basket as it is now (an edited order), before the commit. */
  correction(orderId: string, body: CorrectionRequest, correlationId: string) {
    return this.call('POST', `orders/${orderPath(orderId)}/correction`, body, OrderInfo, correlationId);
  }

  cancel(orderId: string, correlationId: string) {
    // The official client POSTs an empty object; Dolyame answers with the order.
    return this.call('POST', `orders/${orderPath(orderId)}/cancel`, {}, OrderInfo, correlationId);
  }

  refund(orderId: string, body: RefundRequest, correlationId: string) {
    return this.call('POST', `orders/${orderPath(orderId)}/refund`, body, RefundResponse, correlationId);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body: unknown, schema: z.ZodType<T>, correlationId: string, priority: Priority = 'shopper'): Promise<T> {
    const timeout = this.options.timeoutMs ?? 15_000;
    for (let attempt = 0; ; attempt++) {
      const release = await this.options.limiter.acquire(priority);
      let status: number;
      let text: string;
      let retryAfter: string | string[] | undefined;
      try {
        const response = await request(this.base + path, {
          method,
          dispatcher: this.options.transport.dispatcher(),
          headers: {
            accept: 'application/json',
            authorization: this.authorization,
            [CORRELATION_HEADER]: correlationId,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : null,
          headersTimeout: timeout,
          bodyTimeout: timeout,
        });
        status = response.statusCode;
        retryAfter = response.headers[RETRY_AFTER_HEADER];
        text = await response.body.text();
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
        throw new DolyameApiError(`${method} ${path} failed: ${(error as Error).message}${cause ? ` (${cause})` : ''}`, 0, true, 'transport');
      } finally {
        release();
      }

      if (status === 429) {
        if (attempt >= MAX_429_RETRIES) throw new DolyameApiError(`${method} ${path} → HTTP 429 after ${attempt + 1} attempts`, 429, true, 'rate_limited');
        // Same request, same correlation id, after the pause Dolyame asked for.
        const seconds = Math.min(Math.max(Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) || 1, 0), RETRY_AFTER_MAX_SECONDS);
        await this.sleep(seconds * 1000);
        continue;
      }
      if (status < 200 || status >= 300) {
        throw new DolyameApiError(`${method} ${path} → HTTP ${status}: ${describeError(text)}`, status, status >= 500, `http_${status}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new DolyameApiError(`${method} ${path} → not JSON: ${text.slice(0, 200)}`, status, true);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new DolyameApiError(`${method} ${path} → unexpected answer: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, status, false);
      }
      return parsed.data;
    }
  }
}

/** Dolyame's error body `{type:"error", description, message, details:{field: msg}}` as one log line. */
function describeError(text: string): string {
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { description, message, details, code, errorDetailCode, correlationId } = parsed.data;
      const fields = Object.entries(details ?? {}).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
      const ids = [code !== undefined ? `code ${code}` : '', errorDetailCode !== undefined ? `detail ${errorDetailCode}` : '', correlationId ? `correlation ${correlationId}` : ''].filter(Boolean).join(', ');
      const line = [description, message, fields.length ? `(${fields.join('; ')})` : '', ids ? `[${ids}]` : ''].filter(Boolean).join(' ');
      if (line) return line;
    }
  } catch {
    // not JSON: fall through
  }
  return text.slice(0, 500);
}

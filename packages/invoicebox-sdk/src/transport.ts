import type { z } from 'zod';
import { InvoiceboxError } from './errors.js';
import { ErrorAnswer } from './schemas.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportOptions {
  baseUrl: string;
  token: string;
  /** The app id, e.g. "WordPress/7.0 (Invoicebox 1.0.0)"; a function when it can change. */
  userAgent: string | (() => string);
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
}

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

function errorCode(text: string): { code?: string; message?: string } {
  try {
    const parsed = ErrorAnswer.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.error : {};
  } catch {
    return {};
  }
}

/** One JSON call: bearer token, app id, timeout; any failure becomes an InvoiceboxError. */
export async function callApi<T>(options: TransportOptions, method: Method, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const url = `${options.baseUrl}${path}`;
  const userAgent = typeof options.userAgent === 'function' ? options.userAgent() : options.userAgent;
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${options.token}`,
        'user-agent': userAgent,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new InvoiceboxError(`${method} ${url} failed: ${(error as Error).message}`, true);
  }
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (response.status >= 400) {
    const { code } = errorCode(text);
    const retryAfter = Number(response.headers.get('retry-after')) || undefined;
    const retryable = response.status >= 500 || response.status === 429;
    throw new InvoiceboxError(`${method} ${url} → HTTP ${response.status}: ${text.slice(0, 500)}`, retryable, response.status, code, requestId, retryAfter);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvoiceboxError(`${method} ${url} → not JSON: ${text.slice(0, 200)}`, true, response.status, undefined, requestId);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new InvoiceboxError(`${method} ${url} → unexpected answer: ${describe(parsed.error.issues)}`, false, response.status, undefined, requestId);
  }
  return parsed.data;
}

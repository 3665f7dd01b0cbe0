import { Agent, request } from 'undici';
import type { z } from 'zod';
import { ProviderError } from './errors.js';

/** One keep-alive pool for all outgoing provider calls. */
const agent = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

export interface JsonCall<T> {
  provider: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Schema of a successful answer; anything else is a provider error. */
  schema: z.ZodType<T>;
  timeoutMs?: number;
}

/** Calls a provider's JSON API; maps transport, HTTP and shape problems to ProviderError. */
export async function callJson<T>(call: JsonCall<T>): Promise<T> {
  let statusCode: number;
  let text: string;
  try {
    const response = await request(call.url, {
      method: call.method,
      dispatcher: agent,
      headers: { accept: 'application/json', ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}), ...call.headers },
      body: call.body !== undefined ? JSON.stringify(call.body) : null,
      headersTimeout: call.timeoutMs ?? 15_000,
      bodyTimeout: call.timeoutMs ?? 15_000,
    });
    statusCode = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    throw new ProviderError(call.provider, `${call.method} ${call.url} failed: ${(error as Error).message}`, true);
  }
  if (statusCode >= 400) {
    throw new ProviderError(call.provider, `${call.method} ${call.url} → HTTP ${statusCode}: ${text.slice(0, 500)}`, statusCode >= 500 || statusCode === 429, extractCode(text));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProviderError(call.provider, `${call.method} ${call.url} → not JSON: ${text.slice(0, 200)}`, true);
  }
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError(call.provider, `${call.method} ${call.url} → unexpected answer: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

function extractCode(text: string): string | undefined {
  try {
    const json = JSON.parse(text) as { error?: { code?: unknown } };
    return typeof json.error?.code === 'string' ? json.error.code : undefined;
  } catch {
    return undefined;
  }
}

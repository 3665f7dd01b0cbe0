import { Agent, request } from 'undici';
import { ProviderError } from '../../core/errors.js';
import { PROVIDER_ID } from './constants.js';
import { ErrorBody } from './schemas.js';
import { baseUrlOf, type Settings } from './settings.js';

/**
 * A Pay API call that did not succeed. `code` is Koshelek's own (HTTP 422 body) or ours:
 * `TIMEOUT`, `UNREACHABLE`, `HTTP_<status>`, `HTTP_5XX`, `UNEXPECTED_ANSWER`. `detail` (logs only)
 * never contains credentials or the token.
 */
export class KoshelekHttpError extends ProviderError {
  constructor(
    detail: string,
    retryable: boolean,
    /** 0 when no answer arrived. */
    readonly httpStatus: number,
    readonly code: string,
    readonly details?: string,
  ) {
    super(PROVIDER_ID, detail, retryable, code);
    this.name = 'KoshelekHttpError';
  }
}

export interface KoshelekAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or null for an empty body (the receipt call answers with nothing). */
  json: unknown;
}

export interface SendOptions {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Produces the `token` header per attempt (its TOTP part changes with time). */
  token?: () => string;
}

const NO_ANSWER_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_ABORTED', 'ABORT_ERR']);

/**
 * HTTPS + Basic auth + JSON to the Pay API, with the configured timeout and automatic resends.
 * A resend repeats the identical body — the same requestId — which Koshelek treats as the same
 * operation, so it can never pay or refund twice.
 */
export class PayApiTransport {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 32 });

  constructor(
    private readonly settings: () => Settings,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async send(options: SendOptions): Promise<KoshelekAnswer> {
    const settings = this.settings();
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(settings, options, body);
      } catch (error) {
        if (!(error instanceof KoshelekHttpError) || attempt >= settings.http.retries || !this.worthResending(error, settings)) throw error;
        await this.sleep(settings.http.retryDelayMs * 2 ** attempt);
      }
    }
  }

  private worthResending(error: KoshelekHttpError, settings: Settings): boolean {
    return error.httpStatus === 0 || settings.http.retryOnStatus.includes(error.httpStatus);
  }

  private async once(settings: Settings, options: SendOptions, body: string | undefined): Promise<KoshelekAnswer> {
    const what = `${options.method} ${options.path}`;
    const timeout = settings.http.timeoutMs;
    let status: number;
    let headers: KoshelekAnswer['headers'];
    let text: string;
    try {
      const response = await request(baseUrlOf(settings) + options.path, {
        method: options.method,
        dispatcher: this.agent,
        headers: {
          authorization: `Basic ${Buffer.from(`${settings.login}:${settings.password}`).toString('base64')}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
          ...(options.token ? { token: options.token() } : {}),
        },
        body: body ?? null,
        // undici's own timeouts tick at ~1 s; the signal makes short budgets exact.
        signal: AbortSignal.timeout(timeout),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      status = response.statusCode;
      headers = response.headers;
      text = await response.body.text();
    } catch (error) {
      const { code = '', name = '' } = error as { code?: string; name?: string };
      const noAnswer = NO_ANSWER_CODES.has(code) || name === 'TimeoutError' || name === 'AbortError';
      throw new KoshelekHttpError(`${what} failed: ${code} ${(error as Error).message}`, true, 0, noAnswer ? 'TIMEOUT' : 'UNREACHABLE');
    }
    if (status >= 200 && status < 300) {
      if (text.trim() === '') return { status, headers, json: null };
      try {
        return { status, headers, json: JSON.parse(text) };
      } catch {
        throw new KoshelekHttpError(`${what} → HTTP ${status}, not JSON: ${text.slice(0, 200)}`, false, status, 'UNEXPECTED_ANSWER');
      }
    }
    if (status === 422) {
      const parsed = ErrorBody.safeParse(safeJson(text));
      const code = parsed.success ? parsed.data.code : 'HTTP_422';
      throw new KoshelekHttpError(`${what} → HTTP 422: ${text.slice(0, 500)}`, code === 'TRANSACTION_IN_PROCESSING', 422, code, parsed.success ? parsed.data.details : undefined);
    }
    const code = status >= 500 ? 'HTTP_5XX' : `HTTP_${status}`;
    throw new KoshelekHttpError(`${what} → HTTP ${status}: ${text.slice(0, 300)}`, status >= 500 || status === 429 || status === 409, status, code);
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

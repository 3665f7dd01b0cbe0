/** Any failure of a call to Invoicebox: transport, HTTP ≥ 400, or an answer of the wrong shape. */
export class InvoiceboxError extends Error {
  constructor(
    message: string,
    /** Worth retrying later: transport failure, HTTP 5xx or 429. */
    readonly retryable: boolean,
    /** HTTP status when the server answered. */
    readonly status?: number,
    /** `error.code` of Invoicebox's error answer. */
    readonly code?: string,
    /** `x-request-id` of the answer, for Invoicebox support. */
    readonly requestId?: string,
    /** `Retry-After` in seconds (429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'InvoiceboxError';
  }
}

/** An error with an HTTP status and a stable code; its message is safe to show to a shopper. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues?: unknown[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): { error: Record<string, unknown> } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field !== undefined ? { field: this.field } : {}),
        ...(this.issues !== undefined ? { issues: this.issues } : {}),
      },
    };
  }
}

/** A provider refused or failed; `detail` is for logs only, never for the shopper. */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly detail: string,
    readonly retryable = false,
    readonly providerCode?: string,
  ) {
    super(`Provider ${provider} error: ${detail}`);
    this.name = 'ProviderError';
  }
}

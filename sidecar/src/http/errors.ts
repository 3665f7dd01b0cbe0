import type { NextFunction, Request, Response } from 'express';
import { ApiError, ProviderError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

/** Every failure becomes the contract's JSON error; provider and internal details stay in the log. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ApiError) {
      if (error.status >= 500) logger.warn({ path: req.path, code: error.code }, error.message);
      res.status(error.status).json(error.toJSON());
      return;
    }
    if (error instanceof ProviderError) {
      res.status(502).json(new ApiError(502, 'provider_error', 'The payment provider did not accept the request. Please try again later.').toJSON());
      return;
    }
    const status = (error as { status?: number; type?: string }).status;
    if (status === 413) {
      res.status(413).json(new ApiError(413, 'payload_too_large', 'Request body is too large').toJSON());
      return;
    }
    logger.error({ err: error, path: req.path }, 'unhandled error');
    res.status(500).json(new ApiError(500, 'internal_error', 'Internal error').toJSON());
  };
}

import { Router } from 'express';
import { z } from 'zod';
import { ApiError } from '../../core/errors.js';
import type { ProviderApiContext } from '../types.js';
import { DolyameProvider } from './provider.js';

const CertificateQuery = z.object({ profile: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be a profile name').default('default') }).strict();

/**
 * Signed extras under /v1/providers/dolyame/:
 *   GET certificate?profile=…  → expiry (warning 30 days ahead) and key / certificate / CSR match
 *                                for the profile's mTLS material.
 *   GET fiscalization-summary?profile=… → `{profile, complete, missing, fields, text}`: the data the
 *                                partner FAQ lists, as one message for the integration manager.
 */
export function dolyameApiRoutes(context: ProviderApiContext): Router {
  const router = Router();
  const { get } = context.http.routeHelpers(router, context.store, context.clock);

  get('/certificate', async (req) => {
    const { profile } = context.http.parseInput(CertificateQuery, req.query, 'query');
    const instance = context.registry.resolve('dolyame', profile);
    if (!(instance.provider instanceof DolyameProvider)) throw new ApiError(500, 'internal_error', 'Not a Dolyame instance');
    try {
      const report = instance.provider.certificateReport(context.clock());
      return { status: 200, body: { profile, simulated: instance.simulated, ...report } };
    } catch (error) {
      throw new ApiError(422, 'certificate_unreadable', `The Dolyame certificate files cannot be checked: ${(error as Error).message}`);
    }
  });

  get('/fiscalization-summary', async (req) => {
    const { profile } = context.http.parseInput(CertificateQuery, req.query, 'query');
    const instance = context.registry.resolve('dolyame', profile);
    if (!(instance.provider instanceof DolyameProvider)) throw new ApiError(500, 'internal_error', 'Not a Dolyame instance');
    return { status: 200, body: { profile, simulated: instance.simulated, ...instance.provider.fiscalizationSummary() } };
  });

  return router;
}

import express, { type Request, Router } from 'express';
import { pageRoutes } from './simulator-pages.js';
import { SimState, type SimAccount } from './simulator-state.js';
import { v2Routes } from './simulator-v2.js';
import { v3Routes } from './simulator-v3.js';

/**
 * Invoicebox, simulated (mounted at /sim/invoicebox): the v3 JSON API, the v2 payment form and
 * server API, a payment page where a click pays or declines, and signed notifications (duplicates
 * and custom or out-of-order ones on request through /control). One merchant account: v3
 * merchantId and v2 participant id are `shopId`, the API key is the v3 token and the v2 signing
 * key, the notification token signs v3 notifications, apiUser/apiPassword guard the v2 server API.
 */
export function invoiceboxSimulator(config: SimAccount, options: { clock?: () => number } = {}): Router {
  const state = new SimState(config, options.clock ?? Date.now);
  const baseOf = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}`;
  const router = Router();
  router.use(express.json(), express.urlencoded({ extended: false }));
  router.use(v3Routes(state, baseOf));
  router.use(v2Routes(state, baseOf));
  router.use(pageRoutes(state));
  return router;
}

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import { SHOP } from './env.js';

/**
 * The sidecar as the plugin sees it: its signed API (sidecar/docs/contract.md, "Signing"), written
 * here from the contract, not imported from the sidecar. Plus the simulators' own test views
 * (/sim/<provider>/control/…), the provider's side of the story.
 */
export interface SidecarPayment {
  id: string;
  order_id: string;
  provider: string;
  provider_payment_id: string | null;
  status: string;
  amount: number;
  refunded_amount: number;
  captured_amount: number;
  currency: string;
  test: boolean;
}

function signedHeaders(method: string, target: string, body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(18).toString('base64url');
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const canonical = ['v1', method.toUpperCase(), target, timestamp, nonce, bodyHash].join('\n');
  return {
    'X-RUP-Timestamp': timestamp,
    'X-RUP-Nonce': nonce,
    'X-RUP-Signature': `v1=${createHmac('sha256', SHOP.secret).update(canonical).digest('hex')}`,
  };
}

export async function sidecarPayment(paymentId: string): Promise<SidecarPayment> {
  const target = `/v1/payments/${encodeURIComponent(paymentId)}`;
  const res = await fetch(`${SHOP.sidecarUrl}${target}`, { headers: signedHeaders('GET', target, '') });
  const text = await res.text();
  expect(res.ok, `signed GET ${target}: ${res.status} ${text.slice(0, 300)}`).toBe(true);
  return JSON.parse(text) as SidecarPayment;
}

/** A simulator's test view, e.g. simulatorView('invoicebox', '/control/orders/<id>'). */
export async function simulatorView<T>(provider: string, path: string): Promise<T> {
  const res = await fetch(`${SHOP.sidecarUrl}/sim/${provider}${path}`);
  const text = await res.text();
  expect(res.ok, `GET /sim/${provider}${path}: ${res.status} ${text.slice(0, 300)}`).toBe(true);
  return JSON.parse(text) as T;
}

import { ALLOWED_PAYMENT_WAYS } from './protocol.js';

/**
 * How register.do / registerPreAuth.do selects the «Плати частями» payment page.
 *
 * UNCERTAIN (protocol notes): no public code exists for the direct gateway. The same-platform
 * router adds `SBRF_BNPL` to `allowedPaymentWays`; alternatives are a `jsonParams` key or a
 * dedicated BNPL terminal / API login (then nothing is sent). The shop can override the default
 * with the `bnplPageParam` setting until Sber confirms:
 * - `name=value`              a form parameter, e.g. `allowedPaymentWays=SBRF_BNPL`
 * - `jsonParams.<key>=value`  a key inside jsonParams
 * - `none`                    nothing (a BNPL-only terminal)
 */
export const DEFAULT_BNPL_PAGE_PARAM = `${ALLOWED_PAYMENT_WAYS.param}=${ALLOWED_PAYMENT_WAYS.bnpl}`;

export type BnplSelector =
  | { kind: 'param'; name: string; value: string }
  | { kind: 'jsonParams'; key: string; value: string }
  | { kind: 'none' };

const NAME = /^[A-Za-z][\w]{0,63}$/;

/** Reads the setting; throws on a malformed one (the config schema reports it first). */
export function parseBnplSelector(setting: string | undefined): BnplSelector {
  const text = (setting ?? DEFAULT_BNPL_PAGE_PARAM).trim();
  if (text === 'none' || text === '') return { kind: 'none' };
  const eq = text.indexOf('=');
  const name = eq > 0 ? text.slice(0, eq) : '';
  const value = eq > 0 ? text.slice(eq + 1) : '';
  if (!value) throw new Error('bnplPageParam must be name=value, jsonParams.<key>=value or none');
  if (name.startsWith('jsonParams.')) {
    const key = name.slice('jsonParams.'.length);
    if (!NAME.test(key)) throw new Error('bnplPageParam: bad jsonParams key');
    return { kind: 'jsonParams', key, value };
  }
  if (!NAME.test(name) || RESERVED.has(name)) throw new Error(`bnplPageParam: ${name || '(empty)'} cannot be used as the selector`);
  return { kind: 'param', name, value };
}

/** Parameters the selector must never overwrite. */
const RESERVED = new Set(['userName', 'password', 'token', 'orderNumber', 'amount', 'currency', 'returnUrl', 'failUrl', 'jsonParams', 'orderBundle', 'dynamicCallbackUrl']);

/** Adds the selector to a register request (form params + the jsonParams object). */
export function applyBnplSelector(selector: BnplSelector, params: Record<string, string>, jsonParams: Record<string, string>): void {
  if (selector.kind === 'param') params[selector.name] = selector.value;
  else if (selector.kind === 'jsonParams') jsonParams[selector.key] = selector.value;
}

/** True when a register request carries the selector (the simulator shows the BNPL page then). */
export function hasBnplSelector(selector: BnplSelector, params: Record<string, unknown>): boolean {
  if (selector.kind === 'none') return true;
  if (selector.kind === 'param') {
    const given = params[selector.name];
    // allowedPaymentWays may list several ways, comma-separated or repeated.
    const values = Array.isArray(given) ? given.map(String) : typeof given === 'string' ? given.split(',') : [];
    return values.map((v) => v.trim()).includes(selector.value);
  }
  try {
    const json = JSON.parse(String(params.jsonParams ?? '{}')) as Record<string, unknown>;
    return json[selector.key] === selector.value;
  } catch {
    return false;
  }
}

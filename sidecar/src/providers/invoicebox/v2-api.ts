import { createHash } from 'node:crypto';
import { ProviderError } from '../../core/errors.js';
import { callJson } from '../../core/http-client.js';
import type { AppIdentity } from './app-id.js';
import { PROVIDER_ID, V2_API_FUNCTIONS, V2_INVOICE_STATE } from './protocol.js';
import { V2ApiAnswer, type InvoiceboxConfig } from './schemas.js';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** One line of a disableInvoiceExA basket (the SDK's CartItem fields without the itransfer_item<N>_ prefix). */
export interface V2RefundRow {
  type: string;
  ident: string;
  name: string;
  quantity: string;
  measure: string;
  price: string;
  vatrate: string;
}

/**
 * The Invoicebox v2 server API: POST JSON `{"function": …}` with Basic auth, md5 signatures of
 * the concatenated fields and the API key (onepix SDK v2/Orders.php): getInvoiceDetails
 * md5(ucode.key), disableInvoice md5(ucode.ident.key), disableInvoiceExA md5(ucode.ident.comment.amount.key).
 */
export class InvoiceboxV2ApiClient {
  constructor(
    private readonly config: InvoiceboxConfig & { v2ApiUser: string; v2ApiPassword: string },
    private readonly identity: AppIdentity,
  ) {}

  private async call(fields: Record<string, unknown>): Promise<V2ApiAnswer> {
    const answer = await callJson({
      provider: PROVIDER_ID,
      method: 'POST',
      url: this.config.v2ApiUrl,
      headers: {
        authorization: `Basic ${Buffer.from(`${this.config.v2ApiUser}:${this.config.v2ApiPassword}`).toString('base64')}`,
        'user-agent': this.identity.current(),
      },
      body: fields,
      schema: V2ApiAnswer,
    });
    if (answer.resultCode !== undefined && answer.resultCode !== '0') {
      throw new ProviderError(PROVIDER_ID, `${String(fields.function)} → resultCode ${answer.resultCode}: ${answer.resultMessage ?? ''}`);
    }
    return answer;
  }

  /** The invoice's record, or null when the answer has none. */
  async invoiceDetails(ucode: string): Promise<Record<string, unknown> | null> {
    const answer = await this.call({ function: V2_API_FUNCTIONS.details, ucode, sign: md5(`${ucode}${this.config.apiKey}`) });
    return answer.data?.[0] ?? null;
  }

  /** Full cancel; a paid invoice's money goes back in full. `ident`: our refund id. */
  async disable(ucode: string, ident: string): Promise<void> {
    await this.call({ function: V2_API_FUNCTIONS.disable, ucode, ident, sign: md5(`${ucode}${ident}${this.config.apiKey}`) });
  }

  /** Partial refund of `amount` (rubles, as signed) over the basket rows. */
  async partialRefund(ucode: string, ident: string, comment: string, amount: string, basket: V2RefundRow[]): Promise<void> {
    await this.call({ function: V2_API_FUNCTIONS.partialRefund, ucode, ident, basket, comment, amount, sign: md5(`${ucode}${ident}${comment}${amount}${this.config.apiKey}`) });
  }
}

/** The state getInvoiceDetails reports, in our terms (UNCERTAIN field, see V2_INVOICE_STATE); null = not readable. */
export function v2InvoiceState(details: Record<string, unknown> | null): 'paid' | 'cancelled' | null {
  if (!details) return null;
  const key = V2_INVOICE_STATE.fields.find((field) => details[field] !== undefined);
  const value = key === undefined ? '' : String(details[key]).trim().toLowerCase();
  if ((V2_INVOICE_STATE.paid as readonly string[]).includes(value)) return 'paid';
  if ((V2_INVOICE_STATE.cancelled as readonly string[]).includes(value)) return 'cancelled';
  return null;
}

import { kopecksToRubles, rublesToKopecks } from '../../core/money.js';
import type { PaymentRecord } from '../../store/types.js';
import type { PaymentProvider, ProviderCapabilities, ProviderModule, ProviderStatus } from '../types.js';
import { ToyClient } from './client.js';
import { ToyConfig, type ToyPayment } from './schemas.js';
import { TOY_STATUS } from './status-map.js';
import { ToyWebhook } from './webhook.js';

const capabilities: ProviderCapabilities = {
  refund: true,
  partialRefund: true,
  twoStage: false,
  cancel: true,
  currencies: ['RUB'],
  signedCallbacks: true,
};

function toStatus(payment: ToyPayment): ProviderStatus {
  return {
    status: TOY_STATUS[payment.status],
    amount: rublesToKopecks(payment.amount),
    refundedAmount: rublesToKopecks(payment.refunded_amount),
    currency: payment.currency,
  };
}

function requireRef(payment: PaymentRecord): string {
  if (!payment.providerPaymentId) throw new Error(`Payment ${payment.id} has no provider id yet`);
  return payment.providerPaymentId;
}

export const toyProvider: ProviderModule<ToyConfig> = {
  id: 'toy',
  name: 'Toy (test provider)',
  configSchema: ToyConfig,
  create(config): PaymentProvider {
    const client = new ToyClient(config);
    return {
      id: 'toy',
      name: 'Toy (test provider)',
      capabilities,
      webhook: new ToyWebhook(config),
      statusPolling: config.pollIntervalMs ? { intervalMs: config.pollIntervalMs, maxDurationMs: config.pollIntervalMs * 100 } : undefined,
      async createPayment({ payment, returnUrl, failUrl, callbackUrl }) {
        const created = await client.createPayment({
          // Our payment id as the provider's order reference: a retried create is deduplicated there.
          order_ref: payment.id,
          amount: kopecksToRubles(payment.amount),
          currency: 'RUB',
          description: payment.description.slice(0, 250),
          return_url: returnUrl,
          fail_url: failUrl,
          callback_url: callbackUrl,
        });
        return { providerPaymentId: created.id, redirectUrl: created.confirmation_url, status: TOY_STATUS[created.status] };
      },
      async getStatus(payment) {
        return toStatus(await client.getPayment(requireRef(payment)));
      },
      async cancel(payment) {
        return toStatus(await client.cancel(requireRef(payment)));
      },
      async refund(payment, amount, refundId) {
        const refund = await client.refund(requireRef(payment), { amount: kopecksToRubles(amount), refund_ref: refundId });
        return { providerRefundId: refund.id, status: refund.status };
      },
    };
  },
};

import { callJson } from '../../core/http-client.js';
import { ToyPayment, ToyRefund, type ToyConfig, type ToyCreateRequest, type ToyRefundRequest } from './schemas.js';

/** Outgoing calls to the Toy API. */
export class ToyClient {
  constructor(private readonly config: ToyConfig) {}

  private headers() {
    return { authorization: `Bearer ${this.config.apiKey}` };
  }

  createPayment(body: ToyCreateRequest) {
    return callJson({ provider: 'toy', method: 'POST', url: `${this.config.baseUrl}/api/payments`, headers: this.headers(), body, schema: ToyPayment });
  }

  getPayment(id: string) {
    return callJson({ provider: 'toy', method: 'GET', url: `${this.config.baseUrl}/api/payments/${encodeURIComponent(id)}`, headers: this.headers(), schema: ToyPayment });
  }

  cancel(id: string) {
    return callJson({ provider: 'toy', method: 'POST', url: `${this.config.baseUrl}/api/payments/${encodeURIComponent(id)}/cancel`, headers: this.headers(), body: {}, schema: ToyPayment });
  }

  refund(id: string, body: ToyRefundRequest) {
    return callJson({ provider: 'toy', method: 'POST', url: `${this.config.baseUrl}/api/payments/${encodeURIComponent(id)}/refunds`, headers: this.headers(), body, schema: ToyRefund });
  }
}

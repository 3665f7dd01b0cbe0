import { expect, request, type APIRequestContext } from '@playwright/test';
import { ADMIN_STATE, SHOP } from './env.js';

/** An order as the WooCommerce REST API (v3) shows it to the admin. */
export interface WcOrder {
  id: number;
  status: string;
  payment_method: string;
  total: string;
  date_paid: string | null;
  transaction_id: string;
  billing: { email: string };
  line_items: { product_id: number; quantity: number; total: string }[];
  refunds: { id: number; total: string }[];
}

export interface WcNote {
  id: number;
  note: string;
  customer_note: boolean;
}

export interface WcRefund {
  id: number;
  amount: string;
  reason: string;
  refunded_payment: boolean;
}

/** The admin's REST view of the shop: the logged-in admin's cookies (global setup) plus a REST nonce. */
export class AdminApi {
  private constructor(
    private readonly api: APIRequestContext,
    private readonly nonce: string,
  ) {}

  static async open(): Promise<AdminApi> {
    const api = await request.newContext({ baseURL: SHOP.url, storageState: ADMIN_STATE });
    const res = await api.get('/wp-admin/admin-ajax.php?action=rest-nonce');
    const nonce = (await res.text()).trim();
    expect(res.ok() && /^[0-9a-f]+$/.test(nonce), `REST nonce for the admin: ${nonce.slice(0, 200)}`).toBe(true);
    return new AdminApi(api, nonce);
  }

  async get<T>(path: string): Promise<T> {
    const res = await this.api.get(`/wp-json${path}`, { headers: { 'X-WP-Nonce': this.nonce } });
    expect(res.ok(), `GET ${path}: ${res.status()} ${(await res.text()).slice(0, 300)}`).toBe(true);
    return (await res.json()) as T;
  }

  order(id: number) {
    return this.get<WcOrder>(`/wc/v3/orders/${id}`);
  }

  notes(id: number) {
    return this.get<WcNote[]>(`/wc/v3/orders/${id}/notes?per_page=100`);
  }

  refunds(id: number) {
    return this.get<WcRefund[]>(`/wc/v3/orders/${id}/refunds`);
  }

  async stock(productId: number): Promise<number> {
    return (await this.get<{ stock_quantity: number }>(`/wc/v3/products/${productId}`)).stock_quantity;
  }

  /** Waits until the order reaches one of the statuses (events arrive from the sidecar asynchronously). */
  async waitForStatus(id: number, statuses: string[], what = statuses.join('/')) {
    await expect
      .poll(async () => (await this.order(id)).status, { message: `order ${id} becomes ${what}`, timeout: 30_000, intervals: [250, 500, 1_000] })
      .toMatch(new RegExp(`^(${statuses.join('|')})$`));
    return this.order(id);
  }

  async dispose() {
    await this.api.dispose();
  }
}

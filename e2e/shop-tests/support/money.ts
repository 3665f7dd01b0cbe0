import type { APIRequestContext } from '@playwright/test';

/**
 * Amounts as THIS shop formats them, read from the Store API (currency_minor_unit, separators,
 * prefix/suffix): never a guess at the number of decimals.
 */
export interface StoreCurrency {
  currency_code: string;
  currency_minor_unit: number;
  currency_decimal_separator: string;
  currency_thousand_separator: string;
  currency_prefix: string;
  currency_suffix: string;
}

export interface StoreProduct {
  id: number;
  name: string;
  slug: string;
  sku: string;
  permalink: string;
  price_html: string;
  prices: StoreCurrency & { price: string };
}

export class Money {
  constructor(readonly currency: StoreCurrency) {}

  /** Minor units (kopecks when minor_unit is 2) of a decimal string such as the REST API's "1000.00". */
  minorOf(decimal: string): number {
    return Math.round(Number(decimal) * 10 ** this.currency.currency_minor_unit);
  }

  /** The number alone, as a price input takes it: "250.00" (or "250,00"; "250" when minor_unit is 0). */
  input(minor: number): string {
    const unit = this.currency.currency_minor_unit;
    const fixed = (minor / 10 ** unit).toFixed(unit);
    return unit > 0 ? fixed.replace('.', this.currency.currency_decimal_separator) : fixed;
  }

  /** As WooCommerce prints a price: prefix, thousands grouped, decimals, suffix ("₽1,000.00"). */
  format(minor: number): string {
    const unit = this.currency.currency_minor_unit;
    const [whole = '0', fraction] = (minor / 10 ** unit).toFixed(unit).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, this.currency.currency_thousand_separator);
    const number = fraction !== undefined ? `${grouped}${this.currency.currency_decimal_separator}${fraction}` : grouped;
    return `${this.currency.currency_prefix}${number}${this.currency.currency_suffix}`;
  }
}

export type Products = (slug: string) => StoreProduct;

/** The shop's products (Store API, as a shopper sees them), looked up by slug. */
export async function storeProducts(api: APIRequestContext): Promise<Products> {
  const res = await api.get('/wp-json/wc/store/v1/products?per_page=100');
  if (!res.ok()) throw new Error(`Store API products: ${res.status()} ${await res.text()}`);
  const list = (await res.json()) as StoreProduct[];
  return (slug) => {
    const product = list.find((p) => p.slug === slug);
    if (!product) throw new Error(`product "${slug}" is not in the shop (${list.map((p) => p.slug).join(', ')})`);
    return product;
  };
}

/** Text content of a price HTML fragment ("₽1,000.00"), entities decoded the way a browser shows them. */
export function priceText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&')
    .trim();
}

import { describe, expect, it } from 'vitest';
import { InvoiceboxConfig } from '../../../src/providers/invoicebox/schemas.js';
import { MERCHANT_ID } from './fixtures.js';

const issue = (input: unknown) => {
  const parsed = InvoiceboxConfig.safeParse(input);
  return parsed.success ? null : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('invoicebox settings', () => {
  it('defaults to API v3 with the production URLs', () => {
    const config = InvoiceboxConfig.parse({ shopId: MERCHANT_ID, apiKey: 't', notificationToken: 'n' });
    expect(config).toMatchObject({ apiVersion: 'v3', testMode: false, description: '{description}', cmsName: 'WordPress WooCommerce', baseUrl: 'https://api.invoicebox.ru/v3', v2BaseUrl: 'https://go.invoicebox.ru' });
  });

  it('v3 needs a UUID merchantId and the notification token', () => {
    expect(issue({ shopId: '12345', apiKey: 't', notificationToken: 'n' })).toEqual(['shopId']);
    expect(issue({ shopId: MERCHANT_ID, apiKey: 't' })).toEqual(['notificationToken']);
  });

  it('v2 needs the regional code; the notification token is not used', () => {
    expect(issue({ apiVersion: 'v2', shopId: '12345', apiKey: 'k' })).toEqual(['regionalCode']);
    expect(issue({ apiVersion: 'v2', shopId: '12345', regionalCode: 'R', apiKey: 'k' })).toBeNull();
  });

  it('takes WordPress values: empty strings as absent, "yes"/"no" checkboxes', () => {
    const config = InvoiceboxConfig.parse({ apiVersion: 'v2', shopId: '12345', regionalCode: 'R', apiKey: 'k', notificationToken: '', notificationUrl: '', testMode: 'yes' });
    expect(config.testMode).toBe(true);
    expect(config.notificationToken).toBeUndefined();
    expect(config.notificationUrl).toBeUndefined();
  });

  it('refuses a CMS name that could break the User-Agent header', () => {
    expect(issue({ shopId: MERCHANT_ID, apiKey: 't', notificationToken: 'n', cmsName: 'WordPress\r\nX-Evil: 1' })).toEqual(['cmsName']);
  });
});

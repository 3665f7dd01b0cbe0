import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../../src/version.js';
import { startInProcess, type Running } from '../../helpers/in-process.js';
import { http } from './http.js';

/**
 * The notes' fixed vectors sent over HTTP to a sidecar configured with the vectors' keys: the v3
 * body with its X-Signature (default profile, from the config file), the v2 notification (a
 * profile pushed by the plugin), and the plugin's relay route.
 */

const V3_BODY = '{"id":"ffffffff-ffff-ffff-ffff-ffffffffffff","merchantOrderId":"1","amount":2790.67,"currencyId":"RUB","status":"completed"}';
const V3_SIGNATURE = '857201a4ce6c3a554d96a9638e441e1ca454dd7d';
const V2_FIELDS = { participantId: '12345', participantOrderId: '1001', ucode: '00000-00000-00000-00000', timetype: '1', time: '2020-01-01 00:00:00', amount: '1500.00', currency: 'RUB', agentName: 'Agent', agentPointName: 'Point', testMode: '1', sign: '731ddef9bcae036a953b1b1c7dd8709f' };

let s: Running;
beforeAll(async () => {
  s = await startInProcess({
    simulators: false,
    providers: { invoicebox: { shopId: '01771534-196a-1105-839a-82422289d6d9', apiKey: 'bearer-token', notificationToken: 'testSecretKey' } },
  });
});
afterAll(async () => {
  await s.close();
});

describe('invoicebox fixed vectors over HTTP', () => {
  it('v3: the notes\' test notification is answered success with our User-Agent; a wrong signature is refused', async () => {
    const ok = await http('POST', `${s.baseUrl}/callbacks/invoicebox`, V3_BODY, { 'content-type': 'application/json', 'x-signature': V3_SIGNATURE });
    expect([ok.status, ok.text, ok.headers['user-agent']]).toEqual([200, '{"status":"success"}', `WordPress WooCommerce (RU Payments ${VERSION})`]);
    const bad = await http('POST', `${s.baseUrl}/callbacks/invoicebox`, V3_BODY, { 'content-type': 'application/json', 'x-signature': V3_SIGNATURE.replace('8', '9') });
    expect([bad.status, JSON.parse(bad.text).code]).toEqual([200, 'signature_error']);
  });

  it('v3 through the plugin relay: the same answer, verbatim', async () => {
    const res = await s.client.post('/v1/relay/callback/invoicebox', {
      body_base64: Buffer.from(V3_BODY).toString('base64'),
      headers: { 'Content-Type': 'application/json', 'X-Signature': V3_SIGNATURE },
      ip: '203.0.113.7',
    });
    expect(res.body).toMatchObject({ status: 200, body: '{"status":"success"}' });
  });

  it('v2: a profile pushed by the plugin answers the notes\' notification OK', async () => {
    const bad = await s.client.call('PUT', '/v1/providers/invoicebox/config', { profile: 'legacy', settings: { apiVersion: 'v3', shopId: '12345', apiKey: 'k' } });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'settings.shopId']);
    const put = await s.client.call('PUT', '/v1/providers/invoicebox/config', { profile: 'legacy', settings: { apiVersion: 'v2', shopId: '12345', regionalCode: 'R', apiKey: 'apikey', testMode: 'no', notificationToken: '' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const form = new URLSearchParams(V2_FIELDS).toString();
    const ok = await http('POST', `${s.baseUrl}/callbacks/invoicebox/legacy`, form, { 'content-type': 'application/x-www-form-urlencoded' });
    expect([ok.status, ok.text]).toEqual([200, 'OK']);
    const get = await http('GET', `${s.baseUrl}/callbacks/invoicebox/legacy?${form}`);
    expect([get.status, get.text]).toEqual([200, 'OK']);
    const forged = await http('POST', `${s.baseUrl}/callbacks/invoicebox/legacy`, form.replace('1500.00', '1.00'), { 'content-type': 'application/x-www-form-urlencoded' });
    expect([forged.status, forged.text.startsWith('error: signature_error')]).toEqual([200, true]);
  });
});

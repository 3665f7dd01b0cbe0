import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, items, paidPayment, startKoshelek, type Koshelek } from './helpers.js';

let k: Koshelek;
beforeAll(async () => {
  k = await startKoshelek();
});
afterAll(async () => {
  await k.close();
});

/** A small RFC 4180 reader, written for the test. */
function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  return rows;
}

describe('reports: every operation with its Koshelek identifiers', () => {
  it('JSON and CSV carry orderId, paymentTransactionId, refundTransactionId, requestId, paymentType, qrcId, kzo', async () => {
    const sbp = await paidPayment(k, { amount: 20_000, items: items(20_000) });
    const refund = await k.client.post(`${API}/payments/${sbp.id}/refunds`, { amount: 5_000, items: items(5_000) });
    const dolyame = await paidPayment(k, { paymentType: 'DOLYAME', orderId: '=HYPERLINK("x")' });

    const json = await k.client.get(`${API}/reports`);
    expect(json.status).toBe(200);
    const rows = json.body.rows as Array<Record<string, unknown>>;
    const payment = rows.find((r) => r.requestId === sbp.requestId)!;
    expect(payment).toMatchObject({
      operation: 'payment',
      orderId: sbp.orderId,
      paymentTransactionId: sbp.transactionId,
      refundTransactionId: null,
      paymentType: 'SBP',
      paymentTypeName: 'SBP',
      qrcId: sbp.slip.qrcId,
      kzo: sbp.slip.kzo,
      amount: 20_000,
      // The payment transaction's status now (after the partial refund).
      status: 'partial_refunded',
      slipId: sbp.slip.id,
      operationDateTime: sbp.slip.operationDateTime,
    });
    const refundRow = rows.find((r) => r.requestId === refund.body.refund.requestId)!;
    expect(refundRow).toMatchObject({ operation: 'refund', orderId: sbp.orderId, paymentTransactionId: sbp.transactionId, refundTransactionId: refund.body.refund.refTransactionId, paymentType: 'SBP', amount: 5_000, refStatus: 'accepted' });
    expect(refundRow.qrcId).toEqual(expect.any(String));
    expect(rows.find((r) => r.requestId === dolyame.requestId)).toMatchObject({ paymentType: 'DOLYAME', paymentTypeName: 'Dolyame', qrcId: null, kzo: null });

    const res = await request(`${k.baseUrl}${API}/reports.csv?delimiter=%3B`, { headers: k.client.sign('GET', `${API}/reports.csv?delimiter=%3B`, '') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.body.arrayBuffer());
    // UTF-8 with a BOM, so spreadsheet software shows the Cyrillic right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = parseCsv(bytes.subarray(3).toString('utf8'), ';');
    for (const column of ['orderId', 'paymentTransactionId', 'refundTransactionId', 'requestId', 'paymentType', 'qrcId', 'kzo']) expect(header).toContain(column);
    const byRequest = (id: string) => Object.fromEntries(header!.map((h, i) => [h, lines.find((l) => l[header!.indexOf('requestId')] === id)![i]]));
    expect(byRequest(sbp.requestId)).toMatchObject({ orderId: sbp.orderId, paymentTransactionId: sbp.transactionId, paymentType: 'SBP', qrcId: sbp.slip.qrcId, kzo: sbp.slip.kzo, amount: '20000' });
    expect(byRequest(refund.body.refund.requestId)).toMatchObject({ operation: 'refund', refundTransactionId: refund.body.refund.refTransactionId });
    // A cell a spreadsheet would execute is neutralised.
    expect(byRequest(dolyame.requestId).orderId).toBe(`'=HYPERLINK("x")`);
  });

  it('filters by date range and rejects bad dates', async () => {
    const empty = await k.client.get(`${API}/reports?from=2000-01-01&to=2000-01-02`);
    expect(empty.body).toEqual({ from: '2000-01-01T00:00:00.000Z', to: '2000-01-02T23:59:59.999Z', rows: [] });
    const bad = await k.client.get(`${API}/reports?from=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', field: 'from' });
  });
});

import type { ReportQuery } from './api-schemas.js';
import { PAYMENT_TYPE_LABELS } from './constants.js';
import type { Ledger, OperationRecord } from './ledger.js';

/**
 * Operations report: one row per payment, cancel and refund, with the identifiers the Koshelek
 * requirements name (orderId, paymentTransactionId, refundTransactionId, requestId, paymentType,
 * and for SBP qrcId and kzo) plus what an accountant needs to reconcile.
 */
export const REPORT_COLUMNS = [
  'operationDateTime',
  'operation',
  'orderId',
  'paymentTransactionId',
  'refundTransactionId',
  'requestId',
  'paymentType',
  'paymentTypeName',
  'qrcId',
  'kzo',
  'amount',
  'status',
  'refStatus',
  'errorCode',
  'storeId',
  'terminalId',
  'slipId',
  'operationId',
  'merchantId',
  'paymentId',
  'test',
] as const;
export type ReportRow = Record<(typeof REPORT_COLUMNS)[number], string | number | boolean | null>;

const DAY = 86_400_000;

/** `from`/`to` as dates (whole days, UTC) or instants; the default is today. */
export function reportRange(query: ReportQuery, now: number): { since: number; until: number } {
  const startOfToday = Math.floor(now / DAY) * DAY;
  const since = query.from ? Date.parse(query.from) : startOfToday;
  const until = query.to ? Date.parse(query.to) + (query.to.length === 10 ? DAY - 1 : 0) : startOfToday + DAY - 1;
  return { since, until };
}

function row(op: OperationRecord & { recordedAt: number }): ReportRow {
  const slip = op.slip;
  return {
    operationDateTime: slip?.operationDateTime ?? new Date(op.recordedAt).toISOString(),
    operation: op.op,
    orderId: op.orderId,
    paymentTransactionId: op.paymentTransactionId,
    refundTransactionId: op.refundTransactionId ?? slip?.refundTransactionId ?? null,
    requestId: op.requestId,
    paymentType: op.paymentType,
    paymentTypeName: PAYMENT_TYPE_LABELS[op.paymentType] ?? op.paymentType,
    // SBP operations carry these; other payment types leave them empty.
    qrcId: slip?.qrcId ?? null,
    kzo: slip?.kzo ?? null,
    amount: op.amount,
    status: op.status ?? null,
    refStatus: op.refStatus ?? null,
    errorCode: op.errorCode ?? null,
    storeId: op.storeId,
    terminalId: op.terminalId,
    slipId: slip?.id ?? null,
    operationId: slip?.operationId ?? null,
    merchantId: slip?.merchantId ?? null,
    paymentId: op.paymentId,
    test: op.test,
  };
}

export async function buildReport(ledger: Ledger, query: ReportQuery, now: number): Promise<{ from: string; to: string; rows: ReportRow[] }> {
  const { since, until } = reportRange(query, now);
  const operations = await ledger.listOperations(since, until);
  const rows = operations.filter((op) => query.test === undefined || op.test === (query.test === '1')).map(row);
  return { from: new Date(since).toISOString(), to: new Date(until).toISOString(), rows };
}

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula gets a leading quote. */
export function toCsv(rows: readonly ReportRow[], delimiter: ',' | ';' = ','): string {
  const cell = (value: string | number | boolean | null): string => {
    if (value === null) return '';
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",;\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [REPORT_COLUMNS.join(delimiter), ...rows.map((r) => REPORT_COLUMNS.map((c) => cell(r[c])).join(delimiter))];
  // A BOM so spreadsheet software reads the UTF-8 correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

import { escapeHtml } from '../shared/html.js';
import { rublesText } from '../shared/money.js';
import type { SimOrder } from './sim-gateway.js';

/** The code «Плати частями» accepts in the test environment after «Получить код». */
export const TEST_SMS_CODE = '1111';

const rub = rublesText;

/** «Плати частями» splits the price into four parts, one now and three every two weeks. */
function schedule(amount: number): number[] {
  const part = Math.floor(amount / 4);
  return [amount - part * 3, part, part, part];
}

const STATUS_TEXT: Record<SimOrder['status'], string> = {
  0: 'Ожидает оплаты',
  1: 'Средства удержаны',
  2: 'Оплачен',
  3: 'Отменён',
  4: 'Возврат',
  5: 'Ожидает подтверждения',
  6: 'Отклонён',
};

/**
 * The payment page: the «Плати частями» login (any phone, code 1111) when the register request
 * selected it, otherwise the gateway's plain card page. Pay / Decline stand in for the buyer.
 */
export function paymentPage(order: SimOrder, error?: string): string {
  const open = order.status === 0;
  const title = order.bnpl ? 'Плати частями' : 'Оплата картой';
  const parts = order.bnpl
    ? `<ol data-testid="schedule">${schedule(order.amount).map((p, i) => `<li>${i === 0 ? 'Сегодня' : `Через ${i * 2} нед.`}: ${rub(p)}</li>`).join('')}</ol>`
    : '';
  const lines = order.bundle ? `<ul data-testid="cart">${order.bundle.cartItems.items.map((i) => `<li>${escapeHtml(i.name)} × ${i.quantity.value}: ${rub(i.itemAmount)}</li>`).join('')}</ul>` : '';
  const login = order.bnpl
    ? `<label>Телефон <input name="phone" value="+79000000000" data-testid="phone"></label>
<label>Код из SMS (тест: ${TEST_SMS_CODE}) <input name="code" value="${TEST_SMS_CODE}" data-testid="code"></label>`
    : '';
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${title} — симулятор Сбера</title></head><body>
<h1 data-testid="page-kind" data-kind="${order.bnpl ? 'bnpl' : 'card'}">${title}</h1>
<p data-testid="amount">${rub(order.amount)}</p>
<p data-testid="description">${escapeHtml(order.description)}</p>
<p data-testid="status">${STATUS_TEXT[order.status]}</p>
${order.twoStage ? '<p data-testid="two-stage">Двухстадийная оплата: средства будут удержаны до подтверждения магазином (не более 7 дней)</p>' : ''}
${parts}${lines}
${error ? `<p role="alert" data-testid="error">${escapeHtml(error)}</p>` : ''}
${open ? `<form method="post">${login}
<button name="action" value="pay" data-testid="pay">Оплатить</button>
<button name="action" value="fail" data-testid="fail">Отказаться</button></form>` : ''}
</body></html>`;
}

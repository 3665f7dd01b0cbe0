import type { V2Form } from './v2-form.js';

/** HTML for the shopper's browser on the way to Invoicebox v2. */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string, script = '') => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body>
${body}
${script}
</body></html>`;

/** Posts itself at once; the button is there for browsers without JavaScript. */
export function renderAutoSubmitForm(form: V2Form): string {
  const inputs = Object.entries(form.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return page(
    'Invoicebox',
    `<form id="invoicebox-form" method="post" action="${escapeHtml(form.action)}" accept-charset="utf-8">
${inputs}
<p>Переход на страницу оплаты Invoicebox… / Redirecting to Invoicebox…</p>
<button type="submit" data-testid="continue">Перейти к оплате / Continue to payment</button>
</form>`,
    '<script>document.getElementById("invoicebox-form").submit();</script>',
  );
}

/** No form: the payment is closed, unknown, or its data cannot go to Invoicebox. */
export function renderMessage(message: string, returnUrl?: string): string {
  const back = returnUrl ? `<p><a href="${escapeHtml(returnUrl)}" data-testid="back">Вернуться в магазин / Back to the shop</a></p>` : '';
  return page('Invoicebox', `<p data-testid="message">${escapeHtml(message)}</p>\n${back}`);
}

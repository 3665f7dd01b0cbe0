import { ApiError } from '../../core/errors.js';
import { DEFAULT_RETRY_MINUTES, OFFICIAL_TIPS } from './cashier-tips.js';
import type { Settings } from './settings.js';

/** A short instruction the till shows the cashier, in Russian and English. */
export interface CashierText {
  ru: string;
  en: string;
}

/**
 * What the cashier should do, per error code (Koshelek's `errorCode`s, its HTTP 422 codes, HTTP
 * failures, and our own checks). Settings (`cashierMessages`) may override any entry or add new codes.
 */
export const CASHIER_MESSAGES: Readonly<Record<string, CashierText>> = {
  // Koshelek's own response codes: the official tips (cashier-tips.ts).
  ...OFFICIAL_TIPS,
  // Our own texts, only where the official list has none.
  PAYMENT_DECLINED_BY_EXTERNAL_PROVIDER: { ru: 'Банк отклонил оплату. Предложите другой способ оплаты.', en: 'The bank declined the payment. Offer another payment method.' },
  SUBSCRIPTION_IS_NOT_FOUND: { ru: 'Подписка покупателя не найдена. Предложите другой способ оплаты.', en: "The customer's subscription was not found. Offer another payment method." },
  PAYMENT_ORDER_IS_NOT_FOUND: { ru: 'Платёж не найден у провайдера. Проверьте чек и повторите операцию.', en: 'The payment provider cannot find the payment. Check the receipt and try again.' },
  // Transport and HTTP failures.
  TIMEOUT: { ru: 'Кошелёк не ответил вовремя. Нажмите «Повторить» — повтор безопасен, деньги не спишутся дважды.', en: 'Koshelek did not answer in time. Press Retry; retrying is safe and never charges twice.' },
  UNREACHABLE: { ru: 'Нет связи с Кошельком. Проверьте интернет и нажмите «Повторить»; если не помогает, примите оплату другим способом.', en: 'Koshelek cannot be reached. Check the connection and press Retry; if it keeps failing, take another payment method.' },
  HTTP_400: { ru: 'Кошелёк не принял данные чека. Сообщите администратору; примите оплату другим способом.', en: 'Koshelek rejected the receipt data. Tell the administrator; take another payment method.' },
  HTTP_401: { ru: 'Касса не авторизована в Кошельке (логин, пароль или токен). Сообщите администратору.', en: 'The till is not authorised with Koshelek (login, password or token). Tell the administrator.' },
  HTTP_403: { ru: 'Доступ к Кошельку запрещён. Сообщите администратору.', en: 'Access to Koshelek is forbidden. Tell the administrator.' },
  HTTP_404: { ru: 'Адрес Кошелька настроен неверно. Сообщите администратору.', en: 'The Koshelek address is misconfigured. Tell the administrator.' },
  HTTP_409: { ru: 'Операция ещё обрабатывается. Подождите несколько секунд и повторите.', en: 'Still processing. Wait a few seconds and try again.' },
  HTTP_429: { ru: 'Слишком много запросов. Подождите пару секунд и нажмите «Повторить».', en: 'Too many requests. Wait a couple of seconds and press Retry.' },
  HTTP_5XX: { ru: 'Кошелёк временно недоступен. Нажмите «Повторить» — это безопасно; если не помогает, примите оплату другим способом.', en: 'Koshelek is temporarily unavailable. Press Retry (safe); if it keeps failing, take another payment method.' },
  UNEXPECTED_ANSWER: { ru: 'Непонятный ответ Кошелька. Проверьте статус оплаты перед выдачей товара.', en: 'Unexpected answer from Koshelek. Check the payment status before handing over goods.' },
  // Our own checks.
  card_without_koshelek_pay: { ru: 'Карта лояльности принята, но не поддерживает Кошелёк Pay. Примите оплату другим способом или попросите обновить приложение.', en: 'Loyalty card accepted, but it cannot pay with Koshelek Pay. Take another payment method or ask the customer to update the app.' },
  barcode_unreadable: { ru: 'Штрихкод не распознан. Отсканируйте карту ещё раз.', en: 'Barcode not recognised. Scan the card again.' },
  barcode_format_mismatch: { ru: 'Сканер прочитал другой тип штрихкода. Отсканируйте карту ещё раз.', en: 'The scanner read a different barcode type. Scan the card again.' },
  card_password_invalid: { ru: 'Код на карте устарел. Попросите покупателя обновить карту в Кошельке и отсканируйте снова.', en: 'The code on the card has expired. Ask the customer to refresh the card in Koshelek and scan again.' },
  invalid_request: { ru: 'Неверные данные операции. Проверьте чек; сообщите администратору, если повторяется.', en: 'Invalid operation data. Check the receipt; tell the administrator if it repeats.' },
  basket_mismatch: { ru: 'Сумма позиций не совпадает с итогом чека. Пересчитайте чек.', en: 'The item totals do not add up to the receipt total. Recalculate the receipt.' },
  payment_not_found: { ru: 'Оплата не найдена. Проверьте номер чека.', en: 'Payment not found. Check the receipt number.' },
  request_id_reused: { ru: 'Этот идентификатор операции уже использован для другой операции. Начните операцию заново.', en: 'This operation id was already used for another operation. Start the operation again.' },
  invalid_state: { ru: 'Операция невозможна в текущем статусе оплаты. Обновите статус оплаты.', en: 'Not possible in the current payment status. Refresh the payment status.' },
  amount_too_large: { ru: 'Сумма возврата больше доступной. Уменьшите сумму возврата.', en: 'The refund exceeds what can still be refunded. Lower the amount.' },
  items_required: { ru: 'Для частичного возврата укажите возвращаемые позиции.', en: 'A partial refund needs the returned items.' },
  cancel_after_payment: { ru: 'Оплата уже выполнена — отменить её нельзя. Для отмены уже выполненной оплаты выполните операцию возврата.', en: 'The payment is already completed and cannot be cancelled. To undo a completed payment, make a refund.' },
  payment_cancelled_after_failures: { ru: 'Оплата не прошла после нескольких попыток и отменена. Начните оплату заново или примите оплату другим способом.', en: 'The payment failed several times and was cancelled. Start the payment again or take another payment method.' },
  payment_timed_out: { ru: 'Покупатель не подтвердил оплату за 30 секунд — оплата отменена. Предложите оплатить снова или другим способом.', en: 'The customer did not confirm within 30 seconds; the payment was cancelled. Offer to pay again or another way.' },
  provider_contradiction: { ru: 'Ответ Кошелька не совпадает с чеком. Не выдавайте товар, обратитесь к администратору.', en: "Koshelek's answer does not match the receipt. Do not hand over the goods; call the administrator." },
  not_configured: { ru: 'Кошелёк Pay не настроен на этой кассе. Сообщите администратору.', en: 'Koshelek Pay is not set up on this till. Tell the administrator.' },
  providers_not_ready: { ru: 'Кошелёк не успел подобрать способы оплаты. Повторите через пару секунд.', en: 'Koshelek did not finish choosing payment methods. Try again in a couple of seconds.' },
};

const FALLBACK: CashierText = { ru: 'Операция не выполнена. Повторите или обратитесь к администратору.', en: 'The operation failed. Try again or call the administrator.' };

/** The instruction for a code: the settings' text first, then the official tip, then ours; `{minutes}` filled in. */
export function cashierText(code: string, settings?: Pick<Settings, 'cashierMessages' | 'cashierRetryMinutes'>): CashierText {
  const text = settings?.cashierMessages[code] ?? CASHIER_MESSAGES[code] ?? FALLBACK;
  const minutes = String(settings?.cashierRetryMinutes[code] ?? DEFAULT_RETRY_MINUTES[code] ?? 1);
  return { ru: text.ru.replaceAll('{minutes}', minutes), en: text.en.replaceAll('{minutes}', minutes) };
}

/**
 * An error for the till: the usual `{error:{code,message}}` plus what to tell the cashier, whether
 * the same request may simply be repeated, and (when Koshelek answered) its code.
 */
export class CashierError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly cashier: CashierText,
    readonly extra: { field?: string; retryable?: boolean; koshelek?: { httpStatus?: number; code?: string } } = {},
  ) {
    super(status, code, message, extra.field);
    this.name = 'CashierError';
  }

  override toJSON(): { error: Record<string, unknown> } {
    const base = super.toJSON();
    return {
      error: {
        ...base.error,
        cashier: this.cashier,
        retryable: this.extra.retryable ?? false,
        ...(this.extra.koshelek ? { koshelek: this.extra.koshelek } : {}),
      },
    };
  }
}

/** Builds a CashierError whose instruction is looked up by code (settings overrides first). */
export function cashierError(status: number, code: string, message: string, settings?: Pick<Settings, 'cashierMessages' | 'cashierRetryMinutes'>, extra?: CashierError['extra']): CashierError {
  return new CashierError(status, code, message, cashierText(code, settings), extra);
}

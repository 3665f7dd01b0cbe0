import type { CashierText } from './cashier-messages.js';

/**
 * The official "tip for the cash desk operator" per Koshelek response code (developers.cardsmobile.ru
 * `pay-api/response-codes`, column «Рекомендации кассиру»; the codes and their meaning from the
 * OpenAPI description `koshelekapi/mkdocs-material` `docs/openapi/pay-api.yaml`, `info.description`).
 * UNCERTAIN: that page is not in our public mirror, so the wording follows the OpenAPI's
 * «Расшифровка» column and the notes; `{minutes}` is the configurable wait of the "try again in X
 * minutes" tips (settings `cashierRetryMinutes.<CODE>`, defaults below).
 */
export const OFFICIAL_TIPS: Readonly<Record<string, CashierText>> = {
  // errorCode with HTTP 200, payment.
  NOT_ENOUGH_LIMIT_TO_PAY: { ru: 'Превышен лимит для совершения операции. Предложите покупателю другой способ оплаты.', en: 'The operation limit is exceeded. Offer the customer another payment method.' },
  TOTAL_AMOUNT_IS_TOO_SMALL: { ru: 'Сумма покупки ниже установленного лимита (4 ₽). Примите оплату другим способом.', en: 'The total is below the limit (4 ₽). Take another payment method.' },
  // errorCode with HTTP 200, refund.
  PAYMENT_TRANSACTION_IS_NOT_PAID: { ru: 'Возврат невозможен: оплата не была завершена, списания не было.', en: 'No refund possible: the payment was never completed, nothing was charged.' },
  TERMINAL_STATE_OF_PAYMENT_TRANSACTION: { ru: 'Возврат невозможен: оплата отменена, отклонена или уже полностью возвращена.', en: 'No refund possible: the payment was cancelled, declined or already fully refunded.' },
  PAYMENT_TRANSACTION_IS_BEING_REFUNDED_ALREADY: { ru: 'По оплате идёт незавершённая операция отмены. Повторите возврат через {minutes} мин.', en: 'A cancel of this payment is still in progress. Try the refund again in {minutes} min.' },
  REQUESTED_REFUND_AMOUNT_IS_GREATER_THAN_AVAILABLE: { ru: 'Сумма возврата больше суммы оплаты. Уменьшите сумму возврата.', en: 'The refund is larger than the payment. Lower the refund amount.' },
  EXTERNAL_PROVIDER_ERROR: { ru: 'Ошибка провайдера платежей. Повторите операцию через {minutes} мин.', en: 'Payment provider error. Try again in {minutes} min.' },
  UNEXPECTED_REFUND_AMOUNT_LEFT_FROM_EXTERNAL_PROVIDER: { ru: 'Возврат отклонён провайдером. Не повторяйте возврат, обратитесь в поддержку Кошелька.', en: 'The provider declined the refund. Do not repeat it; contact Koshelek support.' },
  // HTTP 422 codes.
  UNKNOWN_SESSION_ID: { ru: 'Карта не прошла проверку. Попросите покупателя заново открыть карту в Кошельке и отсканируйте её ещё раз.', en: 'The card did not validate. Ask the customer to reopen the card in Koshelek and scan it again.' },
  UNKNOWN_TRANSACTION_ID: { ru: 'Транзакция не найдена. Проверьте, что выбран правильный чек.', en: 'Transaction not found. Check that you picked the right receipt.' },
  UNKNOWN_PARTNER_ID: { ru: 'Магазин не найден в Кошелёк Pay. Примите оплату другим способом и сообщите администратору.', en: 'The store is unknown to Koshelek Pay. Take another payment method and tell the administrator.' },
  WRONG_TRANSACTION_STATE_CHANGE: { ru: 'Операция невозможна в текущем статусе оплаты. Обновите статус оплаты.', en: 'Not possible in the current payment status. Refresh the payment status.' },
  CANCEL_REFUNDING_BY_BANK: { ru: 'Возврат отменён банком. Повторите возврат через {minutes} мин или обратитесь в поддержку.', en: 'The bank cancelled the refund. Refund again in {minutes} min or contact support.' },
  TRANSACTION_FOR_SESSION_ID_ALREADY_EXISTS: { ru: 'По этой карте уже создана оплата. Дождитесь результата или отмените её.', en: 'A payment for this card already exists. Wait for it or cancel it.' },
  TRANSACTION_FOR_SESSION_ID_ALREADY_PAYED: { ru: 'Оплата по этой карте уже проведена. Попросите покупателя заново открыть карту в Кошельке.', en: 'This card session has already paid. Ask the customer to reopen the card in Koshelek.' },
  TRANSACTION_IN_PROCESSING: { ru: 'Транзакция в обработке. Повторите запрос через {minutes} мин.', en: 'The transaction is being processed. Repeat the request in {minutes} min.' },
};

/** UNCERTAIN defaults for the waits in "try again in X minutes"; each is a setting. */
export const DEFAULT_RETRY_MINUTES: Readonly<Record<string, number>> = {
  PAYMENT_TRANSACTION_IS_BEING_REFUNDED_ALREADY: 5,
  EXTERNAL_PROVIDER_ERROR: 5,
  CANCEL_REFUNDING_BY_BANK: 30,
  TRANSACTION_IN_PROCESSING: 1,
};

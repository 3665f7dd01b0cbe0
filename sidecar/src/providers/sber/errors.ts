import { ApiError, ProviderError } from '../../core/errors.js';
import type { SberMethod } from './schemas.js';

/**
 * What the shop's admin or cashier is told when Sber refuses an operation, in both languages.
 * Shoppers never see these: a refusal during checkout stays a ProviderError (generic 502).
 */
export interface SberErrorText {
  code: string;
  /** HTTP status of our API answer. */
  status: number;
  message_ru: string;
  message_en: string;
}

const text = (code: string, status: number, message_ru: string, message_en: string): SberErrorText => ({ code: `sber_${code}`, status, message_ru, message_en });

const ACCESS_DENIED = text(
  'access_denied',
  502,
  'Сбер отклонил запрос: неверные логин и пароль API или токен, у API-пользователя нет прав на операцию, либо неверен параметр запроса. Проверьте настройки подключения.',
  'Sber refused the request: wrong API login/password or token, the API user lacks the right for this operation, or a request parameter is invalid. Check the connection settings.',
);
const SYSTEM_ERROR = text('system_error', 502, 'Системная ошибка на стороне Сбера. Повторите попытку позже.', 'Sber reported a system error. Try again later.');
const ORDER_NOT_FOUND = text(
  'order_not_found',
  502,
  'Сбер не нашёл этот заказ: возможно, он создан в другом кабинете или в другом режиме (тестовый / боевой).',
  'Sber does not know this order: it may belong to another merchant account or to the other mode (test / production).',
);
const REGISTER: Record<string, SberErrorText> = {
  '1': text('duplicate_order_number', 409, 'Заказ с таким номером уже зарегистрирован в Сбере.', 'An order with this number is already registered at Sber.'),
  '3': text('unknown_currency', 400, 'Сбер не принимает эту валюту: «Плати частями» работает только в рублях.', 'Sber does not accept this currency: «Плати частями» works in rubles only.'),
  '4': text(
    'missing_parameter',
    502,
    'В запросе к Сберу не хватает обязательного параметра (логин, пароль, сумма или адрес возврата). Проверьте настройки подключения.',
    'A required parameter is missing in the request to Sber (login, password, amount or return URL). Check the connection settings.',
  ),
  '5': ACCESS_DENIED,
  '7': SYSTEM_ERROR,
  '13': text(
    'payment_way_not_allowed',
    502,
    'Способ оплаты «Плати частями» не подключён для этого магазина или выбран неверно (настройка bnplPageParam). Обратитесь в Сбер.',
    'The «Плати частями» payment way is not enabled for this shop or is selected wrongly (the bnplPageParam setting). Contact Sber.',
  ),
};
REGISTER['14'] = REGISTER['13']!;

/** Gateway refusals by method and errorCode (the codes mean different things per method). */
const GATEWAY: Record<SberMethod, Record<string, SberErrorText>> = {
  register: REGISTER,
  registerPreAuth: REGISTER,
  deposit: {
    '5': ACCESS_DENIED,
    '6': ORDER_NOT_FOUND,
    '7': text(
      'deposit_refused',
      409,
      'Списать деньги нельзя: авторизация уже завершена или отменена, истёк срок удержания (7 дней), либо сумма больше авторизованной или меньше 1 ₽.',
      'Cannot complete the payment: the authorisation is already completed or cancelled, the 7-day hold has expired, or the amount exceeds the authorised amount or is below 1 RUB.',
    ),
  },
  reverse: {
    '5': ACCESS_DENIED,
    '6': ORDER_NOT_FOUND,
    '7': text(
      'reverse_refused',
      409,
      'Отменить нельзя: оплату можно отменить только до 00:00 по Москве дня платежа, авторизацию — пока она не завершена. Оформите возврат.',
      'Cannot cancel: a payment can be cancelled only until 00:00 Moscow time of the payment day, an authorisation only until it is completed. Make a refund instead.',
    ),
  },
  refund: {
    '5': ACCESS_DENIED,
    '6': ORDER_NOT_FOUND,
    '7': text(
      'refund_refused',
      409,
      'Вернуть деньги нельзя: заказ не оплачен или уже возвращён, либо сумма возврата больше доступной.',
      'Cannot refund: the order is not paid or already refunded, or the amount exceeds what can be refunded.',
    ),
  },
  getOrderStatusExtended: {
    '1': text('status_query_invalid', 502, 'Не указан номер заказа Сбера.', 'The Sber order number is missing.'),
    '5': ACCESS_DENIED,
    '6': ORDER_NOT_FOUND,
    '7': SYSTEM_ERROR,
  },
};

/** Refusals we decide ourselves, before calling Sber, from its rules. */
export const RULE_ERRORS = {
  reverseWindowClosed: text(
    'reverse_window_closed',
    409,
    'Отменить оплату можно только до 00:00 по Москве дня платежа. Этот срок прошёл — оформите возврат.',
    'A payment can be cancelled only until 00:00 Moscow time of the payment day. That time has passed: make a refund instead.',
  ),
  holdExpired: text(
    'hold_expired',
    409,
    'Срок удержания средств (7 дней) истёк: Сбер снял блокировку, списать деньги уже нельзя. Оформите новый заказ.',
    'The 7-day hold has expired: Sber released the money and it can no longer be captured. Create a new order.',
  ),
  notPaidYet: text(
    'not_paid_yet',
    409,
    'Заказ ещё не оплачен — отменять в Сбере нечего. Неоплаченная ссылка перестанет действовать сама по истечении срока.',
    'The order is not paid yet, so there is nothing to cancel at Sber. The unpaid link stops working when it expires.',
  ),
  alreadyCompleted: text(
    'already_completed',
    409,
    'Авторизация уже завершена (деньги списаны). До 00:00 по Москве дня платежа можно отменить оплату, позже — только возврат.',
    'The authorisation is already completed (the money was taken). Until 00:00 Moscow time of the payment day the payment can be cancelled; later only refunded.',
  ),
  alreadyCancelled: text('already_cancelled', 409, 'Авторизация уже отменена — списать деньги нельзя.', 'The authorisation has already been cancelled; nothing can be captured.'),
  alreadyRefunded: text('already_refunded', 409, 'По заказу уже проведён возврат.', 'The order has already been refunded.'),
  declined: text('declined', 409, 'Оплата по заказу отклонена — отменять нечего.', 'The payment was declined; there is nothing to cancel.'),
  notPaid: text('not_paid', 409, 'Отменить оплату можно только у оплаченного заказа.', 'Only a paid order can have its payment cancelled.'),
} satisfies Record<string, SberErrorText>;

/** The text for a gateway refusal; an unlisted code still gets a clear (generic) sentence. */
export function explainGatewayError(method: SberMethod, errorCode: string): SberErrorText {
  return (
    GATEWAY[method][errorCode] ??
    text(`error_${errorCode.replace(/\W/g, '') || 'unknown'}`, 502, `Сбер отклонил операцию (код ${errorCode}).`, `Sber refused the operation (code ${errorCode}).`)
  );
}

/** A refusal for the admin / cashier: the error JSON carries both languages. */
export class SberAdminError extends ApiError {
  constructor(readonly explanation: SberErrorText) {
    super(explanation.status, explanation.code, explanation.message_en);
    this.name = 'SberAdminError';
  }

  override toJSON(): { error: Record<string, unknown> } {
    const json = super.toJSON();
    return { error: { ...json.error, message_ru: this.explanation.message_ru, message_en: this.explanation.message_en } };
  }
}

/** A gateway answer with `errorCode ≠ 0`; errorMessage is Sber's own text, for logs only. */
export class SberApiError extends ProviderError {
  constructor(
    readonly method: SberMethod,
    readonly errorCode: string,
    readonly errorMessage: string,
  ) {
    // errorCode 7 on register / status is Sber's system error: worth a retry.
    super('sber', `${method}.do errorCode=${errorCode}: ${errorMessage}`, errorCode === '7' && (method === 'register' || method === 'registerPreAuth' || method === 'getOrderStatusExtended'), errorCode);
    this.name = 'SberApiError';
  }

  explain(): SberErrorText {
    return explainGatewayError(this.method, this.errorCode);
  }
}

import type { FiscalizationSettings } from './schemas.js';

/**
 * Fiscalisation by Dolyame is configured on Dolyame's side by the integration manager (partner FAQ):
 * the shop sends its INN, site, support e-mail, cash-register service, the service's account
 * fields (ATOL: group code), authorisation keys, tax system and fiscal document format. This builds
 * the one message the admin sends. The service's password and keys are never stored here (nothing
 * in the sidecar uses them): the message says to hand them over separately.
 */
const TAX_SYSTEMS: Readonly<Record<string, string>> = {
  osn: 'ОСН',
  usn_income: 'УСН «доходы»',
  usn_income_outcome: 'УСН «доходы минус расходы»',
  esn: 'ЕСХН',
  patent: 'Патент',
};

export interface FiscalSummary {
  complete: boolean;
  missing: string[];
  fields: Array<{ key: string; label: string; value: string | null }>;
  text: string;
}

export function fiscalSummary(fiscal: FiscalizationSettings, login: string): FiscalSummary {
  const fields: FiscalSummary['fields'] = [
    { key: 'login', label: 'Логин партнёра Долями', value: login },
    { key: 'inn', label: 'ИНН', value: fiscal.inn ?? null },
    { key: 'site', label: 'Сайт', value: fiscal.site ?? null },
    { key: 'supportEmail', label: 'E-mail поддержки', value: fiscal.supportEmail ?? null },
    { key: 'cashRegisterService', label: 'Сервис онлайн-кассы', value: fiscal.cashRegisterService ?? null },
    { key: 'cashRegisterAccount.login', label: 'Логин в сервисе кассы', value: fiscal.cashRegisterAccount?.login ?? null },
    { key: 'groupCode', label: 'Код группы (АТОЛ)', value: fiscal.groupCode ?? null },
    { key: 'taxSystem', label: 'Система налогообложения', value: fiscal.taxSystem ? (TAX_SYSTEMS[fiscal.taxSystem] ?? fiscal.taxSystem) : null },
    { key: 'documentFormat', label: 'Формат фискальных документов', value: `ФФД ${fiscal.documentFormat}` },
    { key: 'paymentMethod', label: 'Признак способа расчёта', value: fiscal.paymentMethod },
  ];
  const required = ['inn', 'site', 'supportEmail', 'cashRegisterService', 'taxSystem'];
  const missing = fields.filter((f) => required.includes(f.key) && f.value === null).map((f) => f.key);
  const text = [
    'Здравствуйте! Просим настроить фискализацию чеков Долями для нашего магазина.',
    '',
    ...fields.map((f) => `${f.label}: ${f.value ?? '— (не заполнено)'}`),
    '',
    'Пароль и ключи авторизации сервиса онлайн-кассы передадим отдельно по защищённому каналу.',
  ].join('\n');
  return { complete: missing.length === 0, missing, fields, text };
}

/**
 * The pushed settings minus the cash-register service's password and keys: Dolyame configures the
 * till on its side and nothing here uses them, so they are never stored (the schema ignores them).
 */
export function withoutUnusedSecrets(settings: unknown): unknown {
  if (!settings || typeof settings !== 'object') return settings;
  const fiscal = (settings as { fiscalization?: unknown }).fiscalization;
  if (!fiscal || typeof fiscal !== 'object') return settings;
  const { authKeys: _keys, cashRegisterAccount, ...rest } = fiscal as Record<string, unknown>;
  const login = cashRegisterAccount && typeof cashRegisterAccount === 'object' ? (cashRegisterAccount as { login?: unknown }).login : undefined;
  return { ...settings, fiscalization: { ...rest, ...(login !== undefined ? { cashRegisterAccount: { login } } : {}) } };
}

/** The simulator's own credentials and callback key: fixed and public (they guard nothing real). */
export const SIMULATOR = {
  userName: 'sber-simulator-api',
  password: 'sber-simulator-password',
  callbackKey: 'SBERSIMULATORCALLBACKKEY00000000',
} as const;

/** The merchant account the simulated gateway serves. */
export interface SberAccount {
  userName?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
  callbackKey?: string | undefined;
  /** The parameter that selects «Плати частями» on the payment page (see bnpl.ts). */
  bnplPageParam?: string | undefined;
}

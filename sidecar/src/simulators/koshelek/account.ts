/**
 * The simulated partner account: what Koshelek would issue at onboarding (login/password, storeId,
 * the postback credentials) and the TOTP parameters agreed for the shop's cards. Fixed and public:
 * it guards nothing real.
 */
export interface SimTotp {
  cashFingerPrint: string;
  retailerKey: string;
  hashFunction: 'HmacSHA1' | 'HmacSHA256' | 'HmacSHA512';
  passwordLength: number;
  timeIntervalSec: number;
  window: number;
  prefix: string;
  cardNumberLength: number;
}

export interface SimAccount {
  login: string;
  password: string;
  store: string;
  terminal: string;
  postbackUrl?: string | undefined;
  postbackLogin: string;
  postbackPassword: string;
  totp: SimTotp;
}

export function simAccount(publicUrl: string, overrides: { postbackUrl?: string | undefined; totp?: Partial<SimTotp> } = {}): SimAccount {
  return {
    login: 'koshelek-sim',
    password: 'koshelek-sim-password',
    // The storeId of the spec's request examples (pay-api.yaml `storeId.x-examples`).
    store: 'ac99f4c8-1a8e-4b60-8aeb-fe20220f1b99',
    terminal: 'SIM-TILL-1',
    postbackUrl: 'postbackUrl' in overrides ? overrides.postbackUrl : `${publicUrl}/callbacks/koshelek`,
    postbackLogin: 'koshelek-postback',
    postbackPassword: 'koshelek-postback-password',
    totp: {
      cashFingerPrint: Buffer.from('SIMULATED-CASH-SERVER;sidecar').toString('base64'),
      retailerKey: '6b6f7368656c656b2d73696d756c61746f722d6b6579',
      hashFunction: 'HmacSHA256',
      passwordLength: 3,
      timeIntervalSec: 30,
      window: 1,
      prefix: 'CM',
      cardNumberLength: 13,
      ...overrides.totp,
    },
  };
}

/** The connector's settings pointing at this simulator, as a shop would type them. */
export function connectorSettings(publicUrl: string, account: SimAccount = simAccount(publicUrl)) {
  return {
    login: account.login,
    password: account.password,
    store: account.store,
    terminal: account.terminal,
    baseUrlTest: `${publicUrl}/sim/koshelek`,
    baseUrlProduction: `${publicUrl}/sim/koshelek`,
    environment: 'test',
    postbackLogin: account.postbackLogin,
    postbackPassword: account.postbackPassword,
    ...(account.postbackUrl ? { postbackUrl: account.postbackUrl } : {}),
    totp: {
      moduleId: 'simulator',
      cashFingerPrint: account.totp.cashFingerPrint,
      retailerKey: account.totp.retailerKey,
      cardNumberLength: account.totp.cardNumberLength,
      verifyBarcodePassword: true,
    },
  };
}

/** Russian taxpayer numbers: INN check digits (FNS algorithm) and KPP format. */
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11) % 10;
}

/** 10 digits (organisation) or 12 digits (individual / sole trader), check digits included. */
export function isValidInn(inn: string, kind: 'organization' | 'person'): boolean {
  const length = kind === 'organization' ? 10 : 12;
  if (!new RegExp(`^\\d{${length}}$`).test(inn)) return false;
  const d = [...inn].map(Number);
  if (length === 10) return checkDigit(d, W10) === d[9];
  return checkDigit(d, W11) === d[10] && checkDigit(d, W12) === d[11];
}

export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

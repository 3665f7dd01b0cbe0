/**
 * Windows-1251, which older IntellectMoney integrations still use for hashes and form bodies.
 * Node decodes it (ICU) but cannot encode it, so the encoder is the decoder's table reversed.
 */
const cp1251 = new TextDecoder('windows-1251');
const utf8 = new TextDecoder('utf-8', { fatal: true });

const BYTE_OF = new Map<string, number>();
for (let byte = 0x80; byte <= 0xff; byte++) BYTE_OF.set(cp1251.decode(Uint8Array.of(byte)), byte);

/** The text in cp1251 bytes, or null when a character has no cp1251 byte. */
export function encodeCp1251(text: string): Buffer | null {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const byte = code < 0x80 ? code : BYTE_OF.get(char);
    if (byte === undefined) return null;
    bytes.push(byte);
  }
  return Buffer.from(bytes);
}

/** UTF-8 when the bytes are valid UTF-8, otherwise cp1251 (the two encodings IntellectMoney sends). */
export function decodeUtf8OrCp1251(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return cp1251.decode(bytes);
  }
}

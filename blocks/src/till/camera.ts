/**
 * The till's camera reader: zxing-wasm (ZXing C++ in WebAssembly) for the four symbologies of
 * Koshelek loyalty cards. Built into its own ES module (build/till/camera.js) with the .wasm next
 * to it, so nothing is fetched from a CDN.
 */
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';

const FORMATS = { Code128: 'code128', PDF417: 'pdf417', DataMatrix: 'dataMatrix', QRCode: 'qr' } as const;
type ZxingFormat = keyof typeof FORMATS;

export interface Code {
  text: string;
  /** The sidecar's barcodeFormat name. */
  format: (typeof FORMATS)[ZxingFormat];
}

export function configure(wasmUrl: string): void {
  prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
    fireImmediately: true,
  });
}

function first(results: ReadResult[]): Code | null {
  const hit = results.find((r) => r.isValid && r.text !== '' && r.format in FORMATS);
  return hit ? { text: hit.text, format: FORMATS[hit.format as ZxingFormat] } : null;
}

// Plain: DataMatrix group separators stay GS characters (the default HRI spells them "<GS>").
const options = { formats: Object.keys(FORMATS) as ZxingFormat[], tryHarder: true, maxNumberOfSymbols: 1, textMode: 'Plain' as const };

export async function readImageData(image: ImageData): Promise<Code | null> {
  return first(await readBarcodes(image, options));
}

export async function readFile(file: Blob): Promise<Code | null> {
  return first(await readBarcodes(file, options));
}

// @vitest-environment node
/**
 * The till's camera reader (src/till/camera.ts) reads Koshelek loyalty cards in all four
 * symbologies. The images are drawn by ZXing's own writer (zxing-wasm/writer), with the payload
 * layouts of the sidecar's Koshelek README: code128 `{prefix}{number}{session}{password}`, PDF417
 * and QR with `|`, DataMatrix with the GS separator.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule as prepareReader } from 'zxing-wasm/reader';
import { prepareZXingModule as prepareWriter, writeBarcode } from 'zxing-wasm/writer';
import { readFile } from '../src/till/camera';

const require = createRequire(import.meta.url);
const wasm = (path: string) => readFileSync(require.resolve(path)).buffer as ArrayBuffer;

const CASES = [
	{ writer: 'Code128', format: 'code128', text: 'CM4755209128407QFXEDG968' },
	{ writer: 'PDF417', format: 'pdf417', text: 'CM4755209128407|QFXEDG|968' },
	{ writer: 'DataMatrix', format: 'dataMatrix', text: 'CM4755209128407\u001dQFXEDG\u001d968' },
	{ writer: 'QRCode', format: 'qr', text: 'CM4755209128407|QFXEDG|968' },
] as const;

describe('till camera reader', () => {
	beforeAll(async () => {
		// In the browser the till points the reader at its own copy of the .wasm (configure()).
		await prepareReader({ overrides: { wasmBinary: wasm('zxing-wasm/reader/zxing_reader.wasm') }, fireImmediately: true });
		await prepareWriter({ overrides: { wasmBinary: wasm('zxing-wasm/writer/zxing_writer.wasm') }, fireImmediately: true });
	});

	for (const { writer, format, text } of CASES) {
		it(`reads a ${writer} card`, async () => {
			const image = await writeBarcode(text, { format: writer, scale: 4 });
			expect(image.error).toBe('');
			const code = await readFile(image.image!);
			expect(code).toEqual({ text, format });
		});
	}

	it('finds nothing in a picture of another symbology', async () => {
		// EAN-13 is no Koshelek card format: the reader does not look for it.
		const ean = await writeBarcode('4600000000015', { format: 'EAN13', scale: 4 });
		expect(ean.error).toBe('');
		expect(await readFile(ean.image!)).toBeNull();
	});
});

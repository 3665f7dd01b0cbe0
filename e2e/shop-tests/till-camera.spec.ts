import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import QRCode from 'qrcode';
import { login, newCard, openTill, saleStatus, setUpShop, SHOP_URL, shot, WP_DIR } from './till-helpers.js';

/**
 * The camera path in real Chromium: a fake camera (Chromium's --use-file-for-fake-video-capture)
 * films the buyer's Koshelek card (its QR code); the till finds the camera, the bundled
 * zxing-wasm reader decodes the frames and the sale is paid.
 */
test.skip(!SHOP_URL || !WP_DIR, 'Needs the real shop (node e2e/shop/run-stage.mjs)');

/** A Y4M (YUV 4:2:0) video of a black-on-white QR code, as Chromium's fake camera plays it. */
function qrVideo(text: string, file: string): void {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const scale = Math.floor(360 / (qr.size + 8));
  const left = Math.floor((width - qr.size * scale) / 2);
  const top = Math.floor((height - qr.size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < qr.size * scale; y++) {
    for (let x = 0; x < qr.size * scale; x++) {
      if (qr.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array(10).fill(frame)]));
}

test.beforeAll(() => {
  setUpShop();
});

test('Koshelek Pay with the card read by the camera', async () => {
  const card = await newCard();
  const video = join(tmpdir(), `rup-till-card-${process.pid}.y4m`);
  qrVideo(card.payloads.qr, video);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const page = await (await browser.newContext({ permissions: ['camera'] })).newPage();
    await login(page, 'cashier');
    await openTill(page);
    await page.getByTestId('product-search').fill('Lamp');
    await page.getByTestId('add-product').first().click();
    await page.getByTestId('camera').click();
    await saleStatus(page, 'paid');
    await expect(page.getByTestId('slip-paymentTransactionId')).not.toBeEmpty();
    await shot(page, 'till-koshelek-camera-en');
  } finally {
    await browser.close();
  }
});

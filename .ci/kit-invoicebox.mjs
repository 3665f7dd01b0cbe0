#!/usr/bin/env node
/**
 * `npm run kit:invoicebox`: the module kit Invoicebox («Инвойсбокс») asks CMS module authors for,
 *
 *   dist/invoicebox-module-kit/
 *   ├── README.md                          ← what is in the kit (ru + en)
 *   ├── ru-payments-for-woocommerce-<v>.zip ← the plugin, built now (contains version.txt)
 *   ├── version.txt
 *   ├── COMPATIBILITY.md                   ← CMS versions the module is for and was tested on
 *   ├── woocommerce-logo.svg               ← the CMS logo
 *   ├── CALLBACK-URL.md                    ← the notification URL to give in the Invoicebox cabinet
 *   └── guides/{ru,en}/*.html, guides/images/{ru,en}/*.png, guides/guide.css
 *
 * and the same folder zipped: dist/invoicebox-module-kit-<v>.zip.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WC_VERSION, WP_VERSION } from '../e2e/shop/builds.mjs';
import { buildPackage, repoPaths, writeZip } from './package.mjs';

export const KIT = 'invoicebox-module-kit';
const here = dirname(fileURLToPath(import.meta.url));

/** The PHP the real-shop stage runs on this machine ("" when there is none). */
function localPhp() {
  const r = spawnSync('php', ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

const minor = (version) => version.split('.').slice(0, 2).join('.');

function compatibility(version, php) {
  return `# Совместимость / Compatibility

Модуль «RU Payments for WooCommerce» ${version} для «Инвойсбокс» (Invoicebox API v3, переключение на v2).
The "RU Payments for WooCommerce" ${version} module for Invoicebox (API v3, switchable to v2).

| | предназначен для / made for | протестирован на / tested on |
|---|---|---|
| CMS | WordPress ${minor(WP_VERSION)} | WordPress ${WP_VERSION} |
| e-commerce | WooCommerce ${minor(WC_VERSION)} | WooCommerce ${WC_VERSION} (HPOS, Checkout block and classic checkout) |
| PHP | 8.1+ | ${php || '8.1+'} |
| sidecar | Node.js 20.19+ | Node.js ${process.versions.node} |

Tested: the real-shop stage of \`npm test\` (e2e/shop/run-stage.mjs) installs this ZIP into a
fresh WordPress ${WP_VERSION} + WooCommerce ${WC_VERSION} and pays, declines and refunds orders
through both checkouts. Application id sent to Invoicebox: \`WordPress/<version> WooCommerce/<version> (RU Payments ${version})\`.
`;
}

const CALLBACK = `# Адрес уведомлений для кабинета «Инвойсбокс» / Notification URL for the Invoicebox cabinet

Кабинет / cabinet: https://business.invoicebox.ru — настройки магазина, адрес уведомлений
(shop settings, notification URL). The plugin's settings screen (WooCommerce → Settings →
RU Payments → Providers → «Инвойсбокс», field «Callback URL») shows the exact address of your shop.

- Через магазин (sidecar не виден из интернета) / through the shop (relay):
  \`https://<shop>/wp-json/ru-payments/v1/callback/invoicebox\`
  (другой профиль / another profile: \`https://<shop>/wp-json/ru-payments/v1/callback/invoicebox/profile/<profile>\`)
- Напрямую в sidecar / straight to the sidecar:
  \`<PUBLIC_URL>/callbacks/invoicebox\` (\`<PUBLIC_URL>/callbacks/invoicebox/<profile>\`)

Каждый заказ v3 также передаёт этот адрес в \`notificationUrl\` / every v3 order also carries it as
\`notificationUrl\`. Уведомления подписываются токеном уведомлений (HMAC-SHA1, заголовок X-Signature);
тестовое уведомление «Уведомление по умолчанию» (заказ ffffffff-ffff-ffff-ffff-ffffffffffff) получает
ответ «success» и ничего не меняет.
`;

function readme(version, zipName) {
  return `# «Инвойсбокс» / Invoicebox — комплект модуля / module kit

RU Payments for WooCommerce ${version}.

| файл / file | что это / what |
|---|---|
| \`${zipName}\` | плагин для загрузки в WordPress (Плагины → Добавить → Загрузить); внутри version.txt / the plugin ZIP, with version.txt |
| \`version.txt\` | версия модуля / module version |
| \`COMPATIBILITY.md\` | версии CMS: для каких и на каких протестирован / CMS versions made for and tested on |
| \`woocommerce-logo.svg\` | логотип CMS / CMS logo |
| \`guides/ru/installation.html\`, \`guides/ru/invoicebox.html\` | пошаговая установка и настройка с изображениями / step-by-step guides with images (\`guides/en/…\` in English) |
| \`CALLBACK-URL.md\` | адрес уведомлений для кабинета «Инвойсбокс» / the notification URL for the Invoicebox cabinet |
`;
}

/** Builds the plugin ZIP and the kit; returns { kitDir, kitZip, version, zipName }. */
export async function buildInvoiceboxKit(paths = repoPaths()) {
  const { zipPath, version } = await buildPackage(paths);
  const kitDir = join(paths.outDir, KIT);
  rmSync(kitDir, { recursive: true, force: true });
  mkdirSync(kitDir, { recursive: true });
  const zipName = zipPath.split(/[\\/]/).pop();
  copyFileSync(zipPath, join(kitDir, zipName));
  writeFileSync(join(kitDir, 'version.txt'), `${version}\n`);
  writeFileSync(join(kitDir, 'COMPATIBILITY.md'), compatibility(version, localPhp()));
  copyFileSync(join(here, 'kit', 'woocommerce-logo.svg'), join(kitDir, 'woocommerce-logo.svg'));
  writeFileSync(join(kitDir, 'CALLBACK-URL.md'), CALLBACK);
  writeFileSync(join(kitDir, 'README.md'), readme(version, zipName));
  cpSync(join(paths.pluginDir, 'docs'), join(kitDir, 'guides'), { recursive: true });
  const kitZip = join(paths.outDir, `${KIT}-${version}.zip`);
  rmSync(kitZip, { force: true });
  await writeZip(kitZip, kitDir, KIT);
  return { kitDir, kitZip, version, zipName };
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const { kitDir, kitZip } = await buildInvoiceboxKit();
  console.log(`${kitDir}\n${kitZip}`);
}

// node --test .ci/kit-invoicebox.test.mjs — the Invoicebox module kit and the guides it ships.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KIT, buildInvoiceboxKit } from './kit-invoicebox.mjs';
import { readZip, repoPaths } from './package.mjs';

const paths = repoPaths();
const LANGS = ['en', 'ru'];
const PAGES = ['index', 'installation', 'invoicebox', 'dolyame', 'sber', 'paylate', 'koshelek'];

/** The local files an HTML guide points at (img src, a href), resolved against the guide. */
function references(file) {
  const html = readFileSync(file, 'utf8');
  return [...html.matchAll(/(?:src|href)="([^"#]+)"/g)].map((m) => m[1]).filter((ref) => !/^[a-z]+:/i.test(ref)).map((ref) => resolve(dirname(file), ref));
}

describe('guides (plugin/docs)', () => {
  it('every page exists in English and Russian, and every image and link it references exists', () => {
    for (const lang of LANGS) {
      for (const page of PAGES) {
        const file = join(paths.pluginDir, 'docs', lang, `${page}.html`);
        assert.ok(existsSync(file), `${lang}/${page}.html`);
        for (const target of references(file)) assert.ok(existsSync(target), `${lang}/${page}.html → ${target}`);
      }
    }
  });

  it('each language uses its own screenshots', () => {
    for (const lang of LANGS) {
      const images = PAGES.flatMap((page) => readFileSync(join(paths.pluginDir, 'docs', lang, `${page}.html`), 'utf8').match(/images\/[a-z]+\//g) ?? []);
      assert.ok(images.length > 0, `${lang}: no screenshots`);
      assert.deepEqual([...new Set(images)], [`images/${lang}/`]);
    }
  });
});

describe('Invoicebox module kit', () => {
  let out;
  let kit;
  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'rup-kit-'));
    kit = await buildInvoiceboxKit({ ...paths, outDir: out });
  });
  after(() => rmSync(out, { recursive: true, force: true }));
  const read = (name) => readFileSync(join(kit.kitDir, name), 'utf8');

  it('holds the plugin ZIP with version.txt equal to the kit version', async () => {
    const version = readFileSync(paths.versionFile, 'utf8').trim();
    assert.equal(read('version.txt').trim(), version);
    const entries = await readZip(join(kit.kitDir, kit.zipName));
    const inner = entries.find((e) => e.name === 'ru-payments-for-woocommerce/version.txt');
    assert.ok(inner, 'version.txt inside the plugin ZIP');
    assert.equal(inner.data.toString('utf8').trim(), version);
  });

  it('names the CMS versions it is for and was tested on', () => {
    const text = read('COMPATIBILITY.md');
    assert.match(text, /WordPress 7\.0 \|/);
    assert.match(text, /WooCommerce 11\.0 \|/);
    assert.match(text, /WordPress 7\.0\.\d+/);
    assert.match(text, /WooCommerce 11\.0\.\d+/);
    assert.match(text, /PHP \| 8\.1\+/);
  });

  it('has the CMS logo as a self-contained SVG', () => {
    const svg = read('woocommerce-logo.svg');
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox=/);
    assert.match(svg, /WooCommerce/);
    assert.doesNotMatch(svg, /<script|href=/i);
  });

  it('gives the notification URL for the cabinet, relayed and direct', () => {
    const text = read('CALLBACK-URL.md');
    assert.match(text, /business\.invoicebox\.ru/);
    assert.match(text, /https:\/\/<shop>\/wp-json\/ru-payments\/v1\/callback\/invoicebox`/);
    assert.match(text, /<PUBLIC_URL>\/callbacks\/invoicebox`/);
  });

  it('ships the installation and Invoicebox guides in both languages with their images', () => {
    for (const lang of LANGS) {
      for (const page of ['installation', 'invoicebox']) {
        const file = join(kit.kitDir, 'guides', lang, `${page}.html`);
        const images = references(file).filter((f) => f.endsWith('.png'));
        assert.ok(images.length >= 2, `${lang}/${page}: images`);
        for (const image of images) assert.ok(existsSync(image), image);
      }
    }
  });

  it('writes the provider name as it does: «Инвойсбокс» and Invoicebox (small b)', () => {
    const texts = ['README.md', 'CALLBACK-URL.md', 'COMPATIBILITY.md', ...LANGS.map((l) => `guides/${l}/invoicebox.html`)].map(read).join('\n');
    assert.match(texts, /«Инвойсбокс»/);
    assert.match(texts, /Invoicebox/);
    assert.doesNotMatch(texts, /InvoiceBox|Инвойс бокс|ИнвойсБокс/);
  });

  it('is zipped under one top folder', async () => {
    const names = (await readZip(kit.kitZip)).map((e) => e.name);
    assert.ok(names.every((n) => n.startsWith(`${KIT}/`)));
    assert.ok(names.includes(`${KIT}/${kit.zipName}`));
    assert.deepEqual(readdirSync(kit.kitDir).sort(), ['CALLBACK-URL.md', 'COMPATIBILITY.md', 'README.md', kit.zipName, 'guides', 'version.txt', 'woocommerce-logo.svg'].sort());
  });
});

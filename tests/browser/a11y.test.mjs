// Accessibility checks in a real browser: every listed page passes axe-core's
// WCAG 2.1 A/AA rules, fits a 320px screen without sideways scrolling, and
// starts with a skip link. Runs against a live server at KONKURS_URL
// (`.ci/run` starts one). Pages have no JavaScript, and none is needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const BASE = process.env.KONKURS_URL ?? 'http://127.0.0.1:8000';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic'];

let browser;
before(async () => { browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS }); });
after(async () => { await browser?.close(); });

// axe is injected as a script, which our CSP (rightly) forbids: bypass it here only.
async function newPage(opts = {}) {
  const context = await browser.newContext({ bypassCSP: true, ...opts });
  return context.newPage();
}

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.map(v => `${v.id}: ${v.help} — ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}

const PUBLIC = ['/', '/?lang=en', '/register', '/login', '/password/forgot', '/audit', '/audit/verify', '/no/such/page'];

for (const path of PUBLIC) {
  test(`axe WCAG 2.1 AA: ${path}`, async () => {
    const page = await newPage();
    await page.goto(BASE + path);
    assert.deepEqual(await axe(page), []);
    await page.context().close();
  });
}

test('forms with errors stay accessible and keep the input', async () => {
  const page = await newPage();
  await page.goto(BASE + '/register');
  await page.fill('#email', 'not-an-email');
  await page.click('button[type=submit]');
  await page.waitForSelector('.error-summary');
  assert.equal(await page.inputValue('#email'), 'not-an-email');
  assert.equal(await page.locator('.error-summary a[href="#email"]').count(), 1);
  assert.deepEqual(await axe(page), []);
  await page.context().close();
});

test('a new user registers, signs in and sees their account, without JavaScript', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  const email = `browser.${Date.now()}@example.org`;
  await page.goto(BASE + '/register');
  await page.fill('#name', 'Марія Браузерна');
  await page.fill('#email', email);
  await page.fill('#password', 'тихий-вечір-над-Десною');
  await page.click('button[type=submit]');
  assert.match(page.url(), /\/register\/check-email$/);
  await page.goto(BASE + '/login');
  await page.fill('#email', email);
  await page.fill('#password', 'тихий-вечір-над-Десною');
  await page.click('button[type=submit]');
  assert.match(page.url(), /\/account$/);
  assert.match(await page.textContent('main'), /Марія Браузерна/);
  await page.context().close();
});

test('small screens: no sideways scrolling at 320px; skip link comes first', async () => {
  const page = await newPage({ viewport: { width: 320, height: 640 } });
  for (const path of PUBLIC) {
    await page.goto(BASE + path);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 320, `${path} is ${wide}px wide`);
  }
  await page.goto(BASE + '/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.context().close();
});

test('signed-in pages pass axe: account, password change, organizations', async () => {
  const page = await newPage();
  const email = `axe.${Date.now()}@example.org`;
  const password = 'тиха-вода-греблю-рве';
  await page.goto(BASE + '/register');
  await page.fill('#name', 'Олег Перевірка');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.goto(BASE + '/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  for (const path of ['/account', '/account/password', '/organizations']) {
    await page.goto(BASE + path);
    assert.equal(new URL(page.url()).pathname, path);
    assert.deepEqual(await axe(page), [], path);
  }
  await page.context().close();
});

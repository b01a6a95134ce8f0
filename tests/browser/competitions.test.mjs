// An organizer runs a competition in a real browser: draft with a mistake,
// the error summary, fix, announce, amend, and a visitor reads the call. The
// pages carry no scripts (the CSP forbids them); JavaScript is on only so
// axe can run and the test can type into date fields; every page passes axe-core (WCAG 2.1 AA) and fits
// 320px. Needs an organizer account on the server under test:
// KONKURS_ORGANIZER_EMAIL / KONKURS_ORGANIZER_PASSWORD (`.ci/run` creates one
// with `konkurs user add`); skipped without them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const BASE = process.env.KONKURS_URL ?? 'http://127.0.0.1:8000';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EMAIL = process.env.KONKURS_ORGANIZER_EMAIL;
const PASSWORD = process.env.KONKURS_ORGANIZER_PASSWORD;
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic'];
const skip = !(EMAIL && PASSWORD) && 'no organizer account given';

let browser;
before(async () => { if (!skip) browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS }); });
after(async () => { await browser?.close(); });

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.map(v => `${v.id}: ${v.help} — ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}

async function check(page, what) {
  assert.deepEqual(await axe(page), [], `axe on ${what}`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `${what} is ${wide}px wide`);
}

test('an organizer drafts, announces and amends a competition; the public reads it', { skip }, async () => {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const y = new Date().getFullYear() + 1;
  await page.goto(BASE + '/login');
  await page.fill('#email', EMAIL);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');

  await page.goto(BASE + '/organizer/competitions');
  await check(page, 'the organizer dashboard');
  await page.goto(BASE + '/organizer/competitions/new');
  await check(page, 'the new competition form');
  const title = `Браузерний конкурс ${Date.now()}`;
  const fill = {
    '#title_uk': title, '#description_uk': 'Опис конкурсу.', '#priorities': 'Освіта\nКультура',
    '#legal_order_number': '7-од', '#legal_order_date': `${y - 2}-01-15`,
    '#min_months_registered': '6', '#max_proposals_per_org': '1',
    '#fund': '1 000 000', '#cap': '2 000 000',
    '#opens_at': `${y}-01-10T09:00`, '#closes_at': `${y}-02-10T18:00`,
    '#review_from': `${y}-02-11`, '#review_until': `${y}-03-01`, '#results_on': `${y}-03-10`,
    '#documents-0-name': 'Статут', '#criteria-0-name': 'Актуальність', '#criteria-0-max_points': '10',
    '#criteria-1-name': 'Бюджет', '#criteria-1-max_points': '5',
    '#pass_mark': '10', '#divergence_threshold': '5',
  };
  for (const [sel, value] of Object.entries(fill)) {
    await page.locator(sel).evaluate((el, v) => { el.value = v; }, value);
  }
  await page.check('#org_forms');
  await page.click('form[action="/organizer/competitions"] button[type=submit]');
  // The cap is larger than the fund: one error, linked from the summary.
  assert.equal(await page.locator('.error-summary a[href="#cap"]').count(), 1);
  assert.equal(await page.inputValue('#title_uk'), title);
  await check(page, 'the form with errors');
  await page.locator('#cap').evaluate(el => { el.value = '250 000'; });
  await page.click('form[action="/organizer/competitions"] button[type=submit]');
  assert.match(page.url(), /\/organizer\/competitions\/[0-9a-f-]{36}$/);
  await check(page, 'the draft page');

  await page.click('form[action$="/announce"] button');
  assert.match(await page.textContent('.flash'), /оголошено/);
  await check(page, 'the announced competition page');
  const manage = page.url();
  await page.click('a[href$="/cancel"]');
  await check(page, 'the cancel form');
  await page.goto(manage);
  await page.click('a[href$="/amend/extend_deadline"]');
  await check(page, 'the amendment form');
  await page.locator('#new_closes_at').evaluate((el, v) => { el.value = v; }, `${y}-02-20T18:00`);
  await page.fill('#reason', 'Прохання учасників');
  await page.click('form[action$="/amendments"] button[type=submit]');
  assert.match(await page.textContent('.flash'), /Зміну оприлюднено/);

  const visitor = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 640 } });
  const pub = await visitor.newPage();
  await pub.goto(BASE + '/competitions');
  await check(pub, 'the public list');
  await pub.click(`a:text("${title}")`);
  assert.match(await pub.textContent('main'), /20\.02\.\d{4} 18:00/);
  assert.match(await pub.textContent('#rules-sha256'), /^[0-9a-f]{64}$/);
  await check(pub, 'the public call page');
  await visitor.close();
  await context.close();
});

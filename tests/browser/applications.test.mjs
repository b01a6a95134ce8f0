// The proposal form's two scripts in a real browser: autosave (type, wait,
// reload: the text is there) and the upload progress bar (the bar shows and
// fills, the server's message appears), plus the same upload without
// JavaScript as a plain form post. Needs the organizer account and the
// server's mail folder (see support.mjs); skipped without them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, skipReason as skip, launch, newPage, check, announcedCompetition, registerAndVerify,
  createOrganization, freshEdrpou, startProposal, fixturePdf, uploadWithProgress,
} from './support.mjs';

let browser;
let page;
let proposal;
before(async () => {
  if (skip) return;
  browser = await launch();
  const next = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const competition = await announcedCompetition(browser, `Конкурс зі скриптами ${Date.now()}`, next);
  page = await newPage(browser);
  const email = `scripts.${Date.now()}@example.org`;
  await registerAndVerify(page, 'Ірина Скриптова', email, 'скрипти-працюють-як-треба');
  await createOrganization(page, freshEdrpou(), `ГО «Скрипти ${Date.now()}»`);
  proposal = await startProposal(page, competition);
});
after(async () => { await browser?.close(); });

test('autosave stores what is typed, without pressing Save', { skip }, async () => {
  await page.goto(`${BASE}/proposals/${proposal}/edit`);
  await page.fill('#title', 'Назва, набрана без збереження');
  await page.fill('#summary', 'Короткий опис, що зберігся сам.');
  const status = page.locator('[data-autosave-status]');
  await assert.doesNotReject(status.filter({ hasText: /Збережено о \d\d\.\d\d\.\d{4} \d\d:\d\d/ }).waitFor({ timeout: 15_000 }));
  await check(page, 'the proposal form after autosave');
  await page.reload();
  assert.equal(await page.inputValue('#title'), 'Назва, набрана без збереження');
  assert.equal(await page.inputValue('#summary'), 'Короткий опис, що зберігся сам.');
});

test('an upload with JavaScript shows a progress bar and the result', { skip }, async () => {
  await page.goto(`${BASE}/proposals/${proposal}`);
  await check(page, 'the proposal page');
  const { message, bar } = await uploadWithProgress(page, 0, fixturePdf('004-'));
  assert.match(message, /завантажено/);
  assert.equal(bar.shown, true, 'the progress bar was shown');
  assert.equal(bar.max, 100, 'the progress bar filled');
  assert.match(page.url(), new RegExp(`/proposals/${proposal}$`));
  assert.match(await page.textContent('main'), /pdflatex-4-pages/);
  assert.match(await page.textContent('main'), /4 (стор|с\.)/);
  await check(page, 'the proposal page after an upload');
  // A refused file: its message, in place, the previous file kept.
  const png = { name: 'photo.pdf', mimeType: 'application/pdf', buffer: Buffer.from('\x89PNG\r\n\x1a\n') };
  const refused = await uploadWithProgress(page, 0, png);
  assert.match(refused.message, /Це не PDF-файл/);
  assert.equal(await page.locator('.flash--error').count(), 1);
  assert.match(await page.textContent('main'), /pdflatex-4-pages/);
  await check(page, 'the proposal page after a refused upload');
});

test('the same upload without JavaScript is a plain form post', { skip }, async () => {
  const cookies = await page.context().cookies();
  const nojs = await newPage(browser, { javaScriptEnabled: false });
  await nojs.context().addCookies(cookies);
  await nojs.goto(`${BASE}/proposals/${proposal}`);
  assert.equal(await nojs.locator('progress[hidden]').count(), 1, 'no bar without JavaScript');
  await nojs.setInputFiles('form[data-upload] input[type=file]', fixturePdf('002-'));
  await nojs.click('form[data-upload] button[type=submit]');
  assert.match(nojs.url(), new RegExp(`/proposals/${proposal}$`));
  assert.match(await nojs.textContent('.flash'), /завантажено/);
  assert.match(await nojs.textContent('main'), /002-trivial-libre-office-writer/);
  await nojs.context().close();
});

test('a refused autosave says so instead of looking saved', { skip }, async () => {
  await page.goto(`${BASE}/proposals/${proposal}/edit`);
  // The session ends while the applicant types (signed out elsewhere,
  // expired): the autosave is refused and the page must say it.
  await page.context().clearCookies();
  await page.fill('#goals', 'Набрано після завершення сесії.');
  const status = page.locator('[data-autosave-status]');
  await assert.doesNotReject(status.filter({ hasText: /Автозбереження не вдалося/ }).waitFor({ timeout: 15_000 }));
  assert.match(await status.textContent(), /Зберегти чернетку/);
  assert.equal(await page.inputValue('#goals'), 'Набрано після завершення сесії.', 'nothing typed is lost');
});

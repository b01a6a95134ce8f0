// The whole application flow as a new user would do it, in one browser run:
// register (the verification link read from the mail the server wrote),
// create an NGO with a valid EDRPOU, draft a proposal with a budget, upload
// the statute PDF with the progress bar, submit, read the receipt page and
// the receipt e-mail (and recompute the receipt hash from the snapshot);
// when the deadline passes (the competition is created with one a couple of
// minutes ahead: the server's clock is real) the public list shows the
// proposal; the organizer refuses it with a reason (a missing reason is
// shown inline first) and the applicant sees the decision and gets a mail.
// Every page visited passes axe-core and fits 320px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  BASE, ORGANIZER, skipReason as skip, launch, newPage, check, login, announcedCompetition,
  registerAndVerify, createOrganization, freshEdrpou, startProposal, fillProposal, fixturePdf,
  uploadWithProgress, waitForMail,
} from './support.mjs';

let browser;
before(async () => { if (!skip) browser = await launch(); });
after(async () => { await browser?.close(); });

test('a new NGO applies, gets a receipt, is listed at the deadline and gets a decision', { skip, timeout: 10 * 60_000 }, async () => {
  // A deadline two to three minutes ahead (datetime-local has minutes).
  const closesAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 60_000);
  const title = `Конкурс для нової ГО ${Date.now()}`;
  const competition = await announcedCompetition(browser, title, closesAt,
    page => check(page, 'the announced competition (organizer)'));

  const page = await newPage(browser);
  const visit = (p, what) => check(p, what);
  const email = `ngo.${Date.now()}@example.org`;
  await registerAndVerify(page, 'Оксана Заявниця', email, 'наша-громада-наш-проєкт', visit);
  await check(page, 'the account page');
  const edrpou = freshEdrpou();
  const orgName = `ГО «Молодь громади ${edrpou}»`;
  await createOrganization(page, edrpou, orgName, visit);
  await check(page, 'the organization page');

  await page.goto(`${BASE}/competitions/${competition}`);
  await check(page, 'the public competition page');
  await page.click(`a[href="/competitions/${competition}/apply"]`);
  await check(page, 'the start page');
  const proposal = await startProposal(page, competition);
  await check(page, 'the empty proposal form');
  const proposalTitle = 'Лабораторії молодіжних ініціатив';
  await fillProposal(page, proposalTitle);
  await page.click('form[data-autosave] button[type=submit]');
  assert.match(page.url(), new RegExp(`/proposals/${proposal}$`));
  await check(page, 'the proposal page (a required document missing)');

  const { message, bar } = await uploadWithProgress(page, 0, fixturePdf('003-'));
  assert.match(message, /завантажено/);
  assert.deepEqual(bar, { shown: true, max: 100 }, 'the progress bar showed the upload');
  await check(page, 'the proposal page, ready to submit');

  await page.click(`form[action="/proposals/${proposal}/submit"] button`);
  assert.match(page.url(), new RegExp(`/proposals/${proposal}/receipt$`));
  await check(page, 'the receipt page');
  const number = (await page.textContent('#number')).trim();
  const hash = (await page.textContent('#receipt-sha256')).trim();
  assert.match(number, /^\d{4}-\d{3}-0001$/);
  assert.match(hash, /^[0-9a-f]{64}$/);
  const snapshot = await page.request.get(`${BASE}/proposals/${proposal}/snapshot.json`);
  assert.equal(createHash('sha256').update(await snapshot.body()).digest('hex'), hash, 'the receipt hash is the snapshot\'s SHA-256');
  const receipt = await waitForMail(email, new RegExp(hash));
  assert.match(receipt.subject + receipt.text, new RegExp(number));

  // Nothing about proposals is public before the deadline.
  const api = `${BASE}/api/v1/competitions/${competition}/submissions`;
  if (Date.now() < closesAt.getTime() - 2000) {
    assert.deepEqual((await (await fetch(api)).json()).submissions, []);
  }
  // The deadline passes (real time): the list is public.
  await new Promise(r => setTimeout(r, Math.max(0, closesAt.getTime() - Date.now()) + 1500));
  const list = (await (await fetch(api)).json()).submissions;
  assert.equal(list.length, 1);
  assert.equal(list[0].registration_number, number);
  assert.equal(list[0].receipt_sha256, hash);
  assert.equal(list[0].edrpou, edrpou);
  assert.equal(list[0].requested, 99_000_00);
  const visitor = await newPage(browser);
  await visitor.goto(`${BASE}/competitions/${competition}/submissions`);
  assert.match(await visitor.textContent('table.submissions'), new RegExp(`${number}[\\s\\S]*${proposalTitle}[\\s\\S]*${hash}`));
  assert.match(await visitor.textContent('table.submissions'), /99\s000,00\sгрн/);
  await check(visitor, 'the public list of submissions');
  await visitor.context().close();

  // The organizer decides: a refusal needs a reason (inline), then recorded.
  const org = await newPage(browser);
  await login(org, ORGANIZER.email, ORGANIZER.password);
  await org.goto(`${BASE}/organizer/competitions/${competition}/proposals`);
  await check(org, 'the organizer\'s list of proposals');
  await org.click(`a[href="/proposals/${proposal}"]`);
  await check(org, 'the proposal page (organizer)');
  await org.check('#decision-reject');
  await org.fill('#text', 'Статут не засвідчено.');
  await org.click('form[action$="/decision"] button[type=submit]');
  assert.equal(await org.locator('.error-summary a[href="#reason"]').count(), 1);
  assert.equal(await org.inputValue('#text'), 'Статут не засвідчено.');
  await check(org, 'the decision form with an error');
  await org.selectOption('#reason', 'missing_documents');
  await org.click('form[action$="/decision"] button[type=submit]');
  assert.match(await org.textContent('.flash'), /Рішення збережено/);
  await check(org, 'the decided proposal (organizer)');
  await org.context().close();

  await page.goto(`${BASE}/proposals/${proposal}`);
  assert.match(await page.textContent('main'), /Не допущено/);
  assert.match(await page.textContent('main'), /Статут не засвідчено\./);
  await check(page, 'the decided proposal (applicant)');
  const decision = await waitForMail(email, /не допущено/);
  assert.match(decision.text, /Статут не засвідчено\./);
  await page.context().close();
});

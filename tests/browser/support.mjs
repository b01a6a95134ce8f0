// Shared steps for the browser tests that walk through the application
// flow against a live server (`.ci/run` starts one): launching Chromium,
// axe-core checks, the organizer's competition, a new user who registers
// and verifies their address from the mail the server wrote (file
// transport: KONKURS_MAIL_DIR, the server's data/mail folder), their NGO
// and a proposal. Not a test file itself (no `.test.` in the name).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
export const BASE = process.env.KONKURS_URL ?? 'http://127.0.0.1:8000';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ORGANIZER = { email: process.env.KONKURS_ORGANIZER_EMAIL, password: process.env.KONKURS_ORGANIZER_PASSWORD };
export const MAIL_DIR = process.env.KONKURS_MAIL_DIR;
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic'];

/** Why a flow test cannot run here, or false. */
export const skipReason = !(ORGANIZER.email && ORGANIZER.password) ? 'no organizer account given'
  : !MAIL_DIR ? 'no KONKURS_MAIL_DIR (the server\'s mail folder) given' : false;

export const launch = () => chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** A fresh context; axe is injected as a script, which the CSP (rightly) forbids. */
export async function newPage(browser, opts = {}) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 640 }, ...opts });
  return context.newPage();
}

/** Every page visited passes axe-core (WCAG 2.1 A/AA) and fits 320px. */
export async function check(page, what) {
  if (await page.evaluate(() => !window.axe)) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const violations = result.violations.map(v => `${v.id}: ${v.help} — ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(violations, [], `axe on ${what}`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `${what} is ${wide}px wide`);
}

/** A Kyiv wall-clock time for a datetime-local field: `2027-01-10T09:00`. */
export function kyiv(date, withTime = true) {
  const s = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).format(date);
  return s.replace(' ', 'T');
}

async function setValues(page, values) {
  for (const [sel, value] of Object.entries(values)) {
    await page.locator(sel).evaluate((el, v) => { el.value = v; }, value);
  }
}

export async function login(page, email, password) {
  await page.goto(BASE + '/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('main button[type=submit]');
  assert.doesNotMatch(page.url(), /\/login/, `signed in as ${email}`);
}

/**
 * The organizer creates and announces a competition (open since yesterday,
 * closing at `closesAt`, one required document); returns its ID.
 */
export async function announcedCompetition(browser, title, closesAt, visit = async () => {}) {
  const page = await newPage(browser);
  await login(page, ORGANIZER.email, ORGANIZER.password);
  await page.goto(BASE + '/organizer/competitions/new');
  const day = 24 * 3600 * 1000;
  const after = new Date(closesAt.getTime() + 2 * day);
  await setValues(page, {
    '#title_uk': title, '#description_uk': 'Конкурс для громадських організацій.', '#priorities': 'Освіта',
    '#legal_order_number': '12-од', '#legal_order_date': kyiv(new Date(Date.now() - 30 * day), false),
    '#min_months_registered': '6', '#max_proposals_per_org': '1', '#min_own_contribution_percent': '10',
    '#fund': '1 000 000', '#cap': '200 000',
    '#opens_at': kyiv(new Date(Date.now() - day)), '#closes_at': kyiv(closesAt),
    '#review_from': kyiv(after, false), '#review_until': kyiv(new Date(after.getTime() + 10 * day), false),
    '#results_on': kyiv(new Date(after.getTime() + 20 * day), false),
    '#documents-0-name': 'Статут', '#criteria-0-name': 'Актуальність', '#criteria-0-max_points': '10',
    '#pass_mark': '5', '#divergence_threshold': '5',
  });
  await page.check('#org_forms');
  await page.click('form[action="/organizer/competitions"] button[type=submit]');
  assert.match(page.url(), /\/organizer\/competitions\/[0-9a-f-]{36}$/, await page.textContent('main'));
  const id = page.url().split('/').pop();
  await page.click('form[action$="/announce"] button');
  assert.match(await page.textContent('.flash'), /оголошено/, await page.textContent('main'));
  await visit(page);
  await page.context().close();
  return id;
}

/** Decodes a mail's text/plain part (quoted-printable or base64). */
function textOf(eml) {
  const parts = eml.split(/\r?\n--[^\r\n]+\r?\n/);
  const part = parts.find(p => /Content-Type: text\/plain/i.test(p)) ?? eml;
  const [head, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes = [];
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) { bytes.push(parseInt(soft.slice(i + 1, i + 3), 16)); i += 2; }
      else bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

/** The mails written for `to` so far (newest last), as `{subject, text}`. */
export function mailsTo(to) {
  return readdirSync(MAIL_DIR).filter(n => n.endsWith('.eml')).sort()
    .map(n => readFileSync(join(MAIL_DIR, n), 'utf8'))
    .filter(eml => new RegExp(`^To:.*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(eml))
    .map(eml => ({ subject: (eml.match(/^Subject: (.*)$/mi) ?? [])[1] ?? '', text: textOf(eml) }));
}

/** Waits (up to `ms`) for a mail to `to` whose text matches `re`. */
export async function waitForMail(to, re, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const mail = mailsTo(to).reverse().find(m => re.test(m.text));
    if (mail) return mail;
    assert.ok(Date.now() < until, `no mail to ${to} matching ${re}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

/** Registers through the form and follows the verification link from the mail. */
export async function registerAndVerify(page, name, email, password, visit = async () => {}) {
  await page.goto(BASE + '/register');
  await visit(page, 'the registration form');
  await page.fill('#name', name);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('main button[type=submit]');
  assert.match(page.url(), /\/register\/check-email$/);
  await visit(page, 'the check-your-mail page');
  const mail = await waitForMail(email, /\/verify-email\//);
  const link = mail.text.match(/https?:\/\/\S+\/verify-email\/\S+/)[0];
  await page.goto(BASE + new URL(link).pathname);
  await login(page, email, password);
}

/**
 * A fresh EDRPOU code with a valid check digit (the official rule: weights
 * 1..7, or 7,1..6 for 30000000..59999999; mod 11; on 10 the weights + 2,
 * mod 11, mod 10). Fresh, because one code belongs to one profile and the
 * server under test may have seen earlier runs.
 */
export function freshEdrpou() {
  const head = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  const value = Number(head) * 10;
  const base = value >= 30000000 && value < 60000000 ? [7, 1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7];
  const sum = w => [...head].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11;
  let check = sum(base);
  if (check === 10) check = sum(base.map(w => w + 2)) % 10;
  return head + check;
}

/** Creates the NGO through the form (a real EDRPOU); returns its page URL. */
export async function createOrganization(page, edrpou, name, visit = async () => {}) {
  await page.goto(BASE + '/organizations/new');
  await visit(page, 'the new organization form');
  await page.fill('#edrpou', edrpou);
  await page.fill('#full_name', name);
  await page.fill('#short_name', name.slice(0, 40));
  await page.selectOption('#legal_form', 'public_organization');
  await setValues(page, { '#registered_on': '2019-05-14' });
  await page.selectOption('#oblast', { index: 1 });
  await page.fill('#address', 'м. Київ, вул. Хрещатик, 1');
  await page.fill('#email', 'ngo@example.org');
  await page.fill('#phone', '+380441234567');
  await page.click('main form button[type=submit]');
  assert.match(page.url(), /\/organizations\/[0-9a-f-]{36}$/, await page.textContent('main'));
}

/** Starts a proposal for the competition; returns the proposal ID. */
export async function startProposal(page, competitionId, visit = async () => {}) {
  await page.goto(`${BASE}/competitions/${competitionId}/apply`);
  await visit(page, 'the start page');
  await page.click('main form button[type=submit]');
  assert.match(page.url(), /\/proposals\/[0-9a-f-]{36}\/edit$/, await page.textContent('main'));
  return page.url().split('/').slice(-2)[0];
}

/** Fills every field of a complete proposal (two budget lines). */
export async function fillProposal(page, title) {
  const fields = {
    '#title': title, '#summary': 'Практичні лабораторії для молоді громади.',
    '#problem': 'Молодь мало долучається до рішень.', '#goals': 'Залучити 200 молодих людей.',
    '#audience': 'Молодь 14–25 років', '#regions': 'Київська',
    '#activities-0-name': 'Лабораторія', '#results-0-result': 'Ініціативи молоді',
    '#results-0-indicator': 'Кількість ініціатив', '#results-0-target': '20',
    '#budget-0-item': 'Оренда зали', '#budget-0-unit': 'день', '#budget-0-quantity': '10',
    '#budget-0-unit_price': '10 000', '#budget-0-requested': '90 000', '#budget-0-own': '10 000',
    '#budget-1-item': 'Матеріали', '#budget-1-unit': 'комплект', '#budget-1-quantity': '2',
    '#budget-1-unit_price': '5 000', '#budget-1-requested': '9 000', '#budget-1-own': '1 000',
  };
  for (const [sel, value] of Object.entries(fields)) await page.fill(sel, value);
  const y = new Date().getFullYear() + 1;
  await setValues(page, { '#activities-0-starts_on': `${y}-04-01`, '#activities-0-ends_on': `${y}-04-03` });
  await page.selectOption('#budget-0-category', 'rent');
  await page.selectOption('#budget-1-category', 'materials');
  // The proposal names the competition priority it addresses.
  if (await page.locator('#priority-1').count()) await page.check('#priority-1');
  await page.check('#no_double_funding');
}

/** A fixture PDF's path. */
export function fixturePdf(prefix) {
  const dir = new URL('../fixtures/pdfs/', import.meta.url).pathname;
  return join(dir, readdirSync(dir).find(n => n.startsWith(prefix)));
}

/**
 * Uploads a file with the JavaScript progress bar (the `nth` document's form); returns the message the
 * server's answer shows and what the bar did (`{shown, max}`).
 */
export async function uploadWithProgress(page, nth, file) {
  await page.evaluate(() => {
    window.__bar = { shown: false, max: 0 };
    document.querySelectorAll('.flash').forEach(f => f.remove());
    new MutationObserver(records => {
      for (const r of records) {
        if (r.target.tagName !== 'PROGRESS') continue;
        if (!r.target.hidden) window.__bar.shown = true;
        window.__bar.max = Math.max(window.__bar.max, Number(r.target.value));
      }
    }).observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['hidden', 'value'] });
  });
  const form = page.locator('form[data-upload]').nth(nth);
  await form.locator('input[type=file]').setInputFiles(file);
  await form.locator('button[type=submit]').click();
  // The answer replaces the page in place (no navigation): wait for its message.
  await page.waitForSelector('.flash');
  return { message: await page.textContent('.flash'), bar: await page.evaluate(() => window.__bar) };
}

// Publication and open data of issue 7 in a real browser, logged out, on the
// demo's published competition (`konkurs demo`; the test needs
// KONKURS_DEMO_PASSWORD only as the sign that the demo was seeded): the
// results page with the rating, each juror's scores, the jury, the COI
// register, the overrides with their reasons and the charts; the 360Giving
// package, the CSVs, the API results whose hash is the SHA-256 of
// results.json; a proposal page; the statistics page. Pages pass axe-core
// (WCAG 2.1 AA) and fit 320px. Reads only: runs in any order with the rest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { BASE, launch, newPage, check } from './support.mjs';

const skip = !process.env.KONKURS_DEMO_PASSWORD && 'no KONKURS_DEMO_PASSWORD (the demo is not seeded)';
const TITLE = 'Громадянська участь 2026';

let browser;
before(async () => { if (!skip) browser = await launch(); });
after(async () => { await browser?.close(); });

/** RFC 4180 rows (quoted fields may hold commas, quotes and newlines). */
function csv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('a visitor reads the published results and downloads the open data', { skip }, async () => {
  const page = await newPage(browser);
  await page.goto(BASE + '/competitions');
  const href = await page.locator('main a', { hasText: TITLE }).first().getAttribute('href');
  const id = href.split('/').pop();

  // The results page.
  const res = await page.goto(`${BASE}/competitions/${id}/results`);
  assert.equal(res.status(), 200);
  await check(page, 'the results page');
  const rows = await page.locator('#rating tbody tr').evaluateAll(trs => trs.map(tr => ({
    number: tr.id.replace(/^p-/, ''),
    rank: tr.querySelector('td').textContent.trim(),
    awarded: tr.querySelector('.awarded').textContent.trim(),
    counted: tr.querySelectorAll('td.num br').length,
    recused: /відвід/i.test(tr.textContent),
  })));
  const notAdmitted = await page.locator('#not-admitted-list li').count();
  const withdrawn = Number((await page.textContent('#withdrawn')).match(/\d+/)[0]);
  assert.equal(rows.length + notAdmitted + withdrawn, 40, 'the whole funnel: 40 proposals');
  assert.ok(rows.length >= 30, `${rows.length} admitted proposals in the rating`);
  assert.equal(rows[0].rank, '1');
  assert.ok(rows.every(r => r.counted > 0), 'each proposal shows juror scores');
  assert.ok(rows.some(r => r.recused), 'a recusal shows in the scores');
  const jurorColumns = await page.locator('#rating thead th').evaluateAll(ths => ths.filter(th => /Експерт|\S+ \S+/.test(th.textContent)).length);
  assert.ok(jurorColumns >= 5, 'a column per juror');
  assert.equal(await page.locator('#jury-list li').count(), 5, 'the jury list');
  const coi = await page.textContent('#coi-register');
  assert.match(coi, /автоматичний самовідвід/i, 'the automatic recusal in the COI register');
  assert.match(coi, /потенційний конфлікт/i, 'the declared potential conflict in the COI register');
  const overrides = await page.locator('#overrides-list li').allTextContents();
  assert.equal(overrides.length, 1, 'one override');
  assert.match(overrides[0], /Підстава|Reason|:\s*\S{10,}/);
  const charts = page.locator('figure.chart');
  assert.ok(await charts.count() >= 2, 'the score distribution and the fund split');
  for (let i = 0; i < await charts.count(); i++) {
    assert.equal(await charts.nth(i).locator('svg').count(), 1, 'a picture');
    assert.ok(await charts.nth(i).locator('table tbody tr').count() > 0, 'a table alternative');
  }
  const resultsSha = (await page.textContent('#results-sha256')).trim();
  assert.match(resultsSha, /^[0-9a-f]{64}$/);
  assert.match((await page.textContent('#rules-sha256')).trim(), /^[0-9a-f]{64}$/);

  // Open data, as a visitor downloads it (no cookies).
  const http = page.context().request;
  const funded = rows.filter(r => /[1-9]/.test(r.awarded));
  const g = await http.get(`${BASE}/competitions/${id}/360giving.json`);
  assert.equal(g.status(), 200);
  const giving = JSON.parse(await g.text());
  assert.equal(giving.grants.length, funded.length, 'a grant per funded proposal');
  for (const grant of giving.grants) {
    assert.match(grant.id, /^360G-/);
    assert.equal(grant.currency, 'UAH');
    assert.ok(grant.recipientOrganization.every(o => /^UA-EDR-\d{8}$/.test(o.id)), JSON.stringify(grant.recipientOrganization));
  }

  const p = await http.get(`${BASE}/competitions/${id}/proposals.csv`);
  assert.equal(p.status(), 200);
  assert.match(p.headers()['content-type'], /text\/csv/);
  const proposals = csv(await p.text()).filter(r => r.length > 1);
  assert.deepEqual(proposals[0].slice(0, 2), ['registration_number', 'edrpou']);
  assert.equal(proposals.length - 1, rows.length + notAdmitted + withdrawn, 'a row per proposal');
  const numbers = new Set(proposals.slice(1).map(r => r[0]));
  assert.ok(rows.every(r => numbers.has(r.number)), 'every rated proposal is in proposals.csv');

  const s = await http.get(`${BASE}/competitions/${id}/scores.csv`);
  assert.equal(s.status(), 200);
  const scores = csv(await s.text()).filter(r => r.length > 1);
  assert.deepEqual(scores[0], ['registration_number', 'juror', 'criterion_id', 'criterion', 'round', 'points']);
  const perCriterion = await page.locator('main ol.hint li').count(); // the criteria's legend
  assert.ok(perCriterion > 0);
  const scoredCells = rows.reduce((n, r) => n + r.counted, 0);
  assert.equal(scores.length - 1, scoredCells * perCriterion, 'a row per counted juror × criterion');

  const api = await http.get(`${BASE}/api/v1/competitions/${id}/results`);
  assert.equal(api.status(), 200);
  const body = await api.json();
  assert.match(body.results_sha256, /^[0-9a-f]{64}$/);
  assert.equal(body.results_sha256, resultsSha, 'the API and the page agree');
  const doc = await http.get(`${BASE}/competitions/${id}/results.json`);
  assert.equal(doc.status(), 200);
  assert.equal(createHash('sha256').update(await doc.body()).digest('hex'), body.results_sha256, 'sha256(results.json)');

  // A proposal page.
  await page.goto(`${BASE}/competitions/${id}/results`);
  await page.click(`#p-${funded[0].number} a`);
  assert.match(page.url(), new RegExp(`/competitions/${id}/proposals/${funded[0].number}$`));
  assert.match(await page.textContent('main'), new RegExp(funded[0].number));
  await check(page, 'a public proposal page');

  // The statistics page.
  await page.goto(BASE + '/statistics');
  await check(page, 'the statistics page');
  const stats = page.locator('figure.chart');
  assert.ok(await stats.count() >= 1, 'charts on the statistics page');
  assert.equal(await stats.first().locator('svg').count(), 1);
  assert.ok(await stats.first().locator('table tbody tr').count() > 0);
  await page.context().close();
});

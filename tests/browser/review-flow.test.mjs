// The jury review of issue 6 in a real browser, on the demo's competition in
// review (`konkurs demo`, every demo account with KONKURS_DEMO_PASSWORD):
// the secretary declares a potential conflict on one proposal and scores the
// rest; the member, recused automatically by EDRPOU from one proposal, cannot
// read it and scores the rest; no juror page shows another juror's scores or
// any aggregate (blind). The organizer follows the progress, closes the
// review, reads the rating, overrides one award with a reason (a blank
// reason is refused) and finalizes; the results hash is reproducible from
// the downloaded document. Each kind of page passes axe-core (WCAG 2.1 AA)
// and fits 320px. Mutates the demo: run it once per seeded database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { BASE, launch, newPage, check, login } from './support.mjs';

const PASSWORD = process.env.KONKURS_DEMO_PASSWORD;
const skip = !PASSWORD && 'no KONKURS_DEMO_PASSWORD (the `konkurs demo` password) given';
const demo = who => `${who}@demo.konkurs.example`;
const TITLE = 'Відкрита влада громад 2026';
// What the demo's scores carry as comments: a juror who has not scored a
// proposal yet must not see them (they are other jurors' comments).
const OTHERS = /Сильний проєкт|Добрий проєкт|Слабке обґрунтування/;

let browser;
before(async () => { if (!skip) browser = await launch(); });
after(async () => { await browser?.close(); });

/** axe + 320px once per kind of page. */
const seen = new Set();
async function checkOnce(page, kind) {
  if (seen.has(kind)) return;
  seen.add(kind);
  await check(page, kind);
}

async function competitionId(page, title) {
  await page.goto(BASE + '/competitions');
  const href = await page.locator('main a', { hasText: title }).first().getAttribute('href');
  return href.split('/').pop();
}

/** Nothing on a juror's page reveals others' scores or an aggregate. */
async function assertBlind(page, what) {
  for (const sel of ['#rating', '.aggregate', '.juror-total', '.totals', '#fund-used']) {
    assert.equal(await page.locator(sel).count(), 0, `${what} shows ${sel}`);
  }
  assert.doesNotMatch(await page.textContent('main'), /Агрегован|Середн|Aggregate/i, `${what} shows an aggregate`);
}

/** The juror's assignments on the competition: `{href, status}` per row. */
async function assignments(page, cid) {
  await page.goto(`${BASE}/reviews/${cid}`);
  return page.locator('tr.assignment').evaluateAll(rows => rows.map(r => ({
    href: r.querySelector('a').getAttribute('href'),
    number: r.querySelector('td').textContent.trim(),
    status: r.querySelector('.assignment-status').textContent.trim(),
  })));
}

async function declare(page, coi, comment = '') {
  await page.check(`#coi-${coi}`);
  if (comment) await page.fill('#comment', comment);
  await page.click('form[action$="/coi"] button[type=submit]');
}

/** Scores every criterion (points from `seed`) with a comment and submits. */
async function scoreAndSubmit(page, seed) {
  const points = page.locator('#score-sheet input[name$=".points"]');
  const n = await points.count();
  assert.ok(n > 0, 'a score sheet with criteria');
  const maxima = await page.locator('#score-sheet fieldset.criterion legend').evaluateAll(ls =>
    ls.map(l => Number(l.textContent.match(/макс\.\s*(\d+)/)[1])));
  assert.equal(maxima.length, n);
  for (let i = 0; i < n; i++) {
    await points.nth(i).fill(String((seed + i * 3) % (maxima[i] + 1)));
    await page.locator('#score-sheet textarea[name$=".comment"]').nth(i).fill(`Оцінка браузерного тесту ${i + 1}.`);
  }
  await page.click('#score-sheet button[value=submit]');
  assert.equal(await page.locator('#score-sheet').count(), 0, await page.textContent('main'));
  assert.match(await page.textContent('.flash'), /подано/i);
  assert.equal(await page.locator('#my-scores tbody tr').count(), n, 'the submitted scores, locked');
}

/** A juror walks through their remaining assignments. */
async function review(page, cid, { potential = false } = {}) {
  await page.goto(BASE + '/reviews');
  await checkOnce(page, 'my reviews');
  await assertBlind(page, 'my reviews');
  assert.equal(await page.locator(`#my-reviews a[href="/reviews/${cid}"]`).count(), 1);
  const rows = await assignments(page, cid);
  await checkOnce(page, 'the juror\'s competition page');
  await assertBlind(page, 'the juror\'s competition page');
  let declaredPotential = null;
  let seed = 3;
  for (const row of rows.filter(r => /декларац|оцінювання/i.test(r.status))) {
    await page.goto(BASE + row.href);
    await assertBlind(page, `assignment ${row.number}`);
    if (/декларац/i.test(row.status)) {
      // Nothing of the proposal before the declaration.
      assert.equal(await page.locator('#proposal-content').count(), 0, 'content hidden before the declaration');
      assert.equal(await page.locator('#documents').count(), 0, 'documents hidden before the declaration');
      await checkOnce(page, 'the declaration form');
      if (potential && !declaredPotential) {
        // A potential conflict without a comment is refused, inline.
        await declare(page, 'potential');
        assert.equal(await page.locator('.error-summary a[href="#comment"]').count(), 1, await page.textContent('main'));
        await checkOnce(page, 'the declaration form with errors');
        await declare(page, 'potential', 'Була членом наглядової ради організації у 2024 році.');
        assert.match(await page.textContent('#coi-state'), /Потенційний/);
        assert.match(await page.textContent('#coi-state'), /наглядової ради/);
        assert.equal(await page.locator('#proposal-content').count(), 0, 'a recused juror sees no content');
        assert.equal(await page.locator('#score-sheet').count(), 0, 'a recused juror cannot score');
        await checkOnce(page, 'a recused assignment');
        declaredPotential = row.number;
        continue;
      }
      await declare(page, 'none');
      assert.equal(await page.locator('#proposal-content').count(), 1, await page.textContent('main'));
      // Blind: a proposal the juror has not scored shows nobody else's scores.
      assert.doesNotMatch(await page.textContent('main'), OTHERS, `another juror's comments on ${row.number}`);
      for (const v of await page.locator('#score-sheet input[name$=".points"]').evaluateAll(els => els.map(e => e.value))) {
        assert.equal(v, '', 'an empty score sheet');
      }
    }
    await checkOnce(page, 'the score sheet');
    await scoreAndSubmit(page, seed++);
    await checkOnce(page, 'submitted scores');
    await assertBlind(page, `assignment ${row.number} after submitting`);
  }
  const after = await assignments(page, cid);
  assert.ok(after.every(r => !/декларац|оцінювання/i.test(r.status)), JSON.stringify(after));
  // The organizer's pages stay closed to a juror.
  for (const path of ['review', 'deliberation']) {
    const res = await page.goto(`${BASE}/organizer/competitions/${cid}/${path}`);
    assert.ok(res.status() >= 400, `a juror opens the organizer's ${path} page: ${res.status()}`);
  }
  return { rows: after, declaredPotential };
}

test('three jurors score blind; the organizer closes, deliberates, overrides and finalizes', { skip }, async () => {
  // The secretary: one potential conflict, the rest scored.
  const secretary = await newPage(browser);
  await login(secretary, demo('juror2'), PASSWORD);
  const cid = await competitionId(secretary, TITLE);
  const s = await review(secretary, cid, { potential: true });
  assert.ok(s.declaredPotential, 'the secretary had an undeclared proposal to recuse from');
  assert.ok(s.rows.some(r => /Відвід/.test(r.status)), 'the potential conflict shows as a recusal');
  await secretary.context().close();

  // The member: recused automatically from one proposal, scores the rest.
  const member = await newPage(browser);
  await login(member, demo('juror3'), PASSWORD);
  const m = await review(member, cid);
  const auto = m.rows.filter(r => /Автоматичний відвід/.test(r.status));
  assert.equal(auto.length, 1, JSON.stringify(m.rows));
  await member.goto(BASE + auto[0].href);
  assert.equal(await member.locator('#proposal-content').count(), 0, 'no content of the recused proposal');
  assert.equal(await member.locator('#documents').count(), 0, 'no documents of the recused proposal');
  assert.equal(await member.locator('#score-sheet').count(), 0, 'no score sheet for the recused proposal');
  assert.equal(await member.locator('form[action$="/coi"]').count(), 0, 'nothing to declare');
  await assertBlind(member, 'the recused assignment');
  await checkOnce(member, 'an automatically recused assignment');
  await member.context().close();

  // The organizer.
  const org = await newPage(browser);
  await login(org, demo('organizer'), PASSWORD);
  await org.goto(`${BASE}/organizer/competitions/${cid}/review`);
  await check(org, 'the review progress page');
  assert.match(await org.textContent('#coi-register'), /наглядової ради/, 'the declaration is in the COI register');
  assert.equal(await org.locator('tr.juror-progress').count(), 3);

  await org.goto(`${BASE}/organizer/competitions/${cid}/review/close`);
  await check(org, 'the close-the-review page');
  assert.equal(await org.locator('#missing').count(), 0, 'every assignment is submitted');
  await org.click('form[action$="/review/close"] button[type=submit]');

  await org.goto(`${BASE}/organizer/competitions/${cid}/deliberation`);
  await check(org, 'the deliberation page');
  const ranked = await org.locator('#rating tbody tr').evaluateAll(rows => rows.map(r => ({
    id: r.id,
    rank: r.querySelector('.rank').textContent.trim(),
    totals: r.querySelectorAll('.juror-total').length,
    awarded: r.querySelector('.awarded').textContent.trim(),
    flags: [...r.querySelectorAll('.flag')].map(f => f.dataset.flag),
    override: r.querySelector('a[href$="/override"]')?.getAttribute('href'),
  })));
  assert.equal(ranked.length, 12, 'every admitted proposal is rated');
  const ranks = ranked.map(r => Number(r.rank)).filter(Boolean);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'rows in rank order');
  assert.ok(ranks.length > 0 && ranks[0] === 1, 'rank 1 is given');
  assert.ok(ranked.some(r => /[1-9]/.test(r.awarded)), 'some proposals are funded');
  assert.ok(ranked.every(r => r.totals >= 1), 'each proposal shows its juror totals');
  for (const r of ranked) for (const f of r.flags) assert.match(f, /^verdict-flag-/);
  // The demo's secretary marked one proposal down sharply: it is flagged.
  assert.ok(ranked.some(r => r.flags.some(f => /divergent/.test(f))), 'a divergence flag is shown');
  const before = await org.textContent('#fund-used');

  // Override the top award: a blank reason is refused inline first.
  const top = ranked[0];
  assert.ok(top.override, 'an override link per proposal');
  await org.goto(BASE + top.override);
  await check(org, 'the override form');
  await org.check('#action-exclude');
  await org.click('main form[novalidate] button[type=submit]');
  assert.equal(await org.locator('.error-summary a[href="#reason"]').count(), 1, await org.textContent('main'));
  assert.equal(await org.locator('#reason-error').count(), 1, 'an inline error at the reason');
  await check(org, 'the override form with errors');
  await org.check('#action-exclude');
  await org.fill('#reason', 'Організація не подала підтвердження співфінансування до засідання комісії.');
  await org.click('main form[novalidate] button[type=submit]');
  assert.match(org.url(), /\/deliberation$/, await org.textContent('main'));
  const row = org.locator(`#${top.id}`);
  assert.match(await row.locator('.why').textContent(), /співфінансування/);
  assert.match(await row.locator('.awarded').textContent(), /^0/);
  assert.notEqual(await org.textContent('#fund-used'), before, 'the fund used changes');

  // Finalize: the results hash, reproducible from the document.
  await org.click(`form[action="/organizer/competitions/${cid}/finalize"] button[type=submit]`);
  await org.goto(`${BASE}/organizer/competitions/${cid}/deliberation`);
  const sha = (await org.textContent('#results-sha256')).trim();
  assert.match(sha, /^[0-9a-f]{64}$/);
  await check(org, 'the finalized deliberation page');
  assert.equal(await org.locator('a[href$="/override"]').count(), 0, 'no overrides after finalizing');
  const download = await org.locator('#finalized a').getAttribute('href');
  const doc = await org.context().request.get(BASE + download);
  assert.equal(doc.status(), 200);
  assert.equal(createHash('sha256').update(await doc.body()).digest('hex'), sha, 'sha256 of the document');
  await org.context().close();
});

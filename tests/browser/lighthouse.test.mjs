// Lighthouse on the pages people land on (home, search, a service page, the provider's
// dashboard), as a phone and as a desktop. Accessibility, best practices and SEO are audits
// with fixed outcomes and must each score at least 95; the performance score depends on the
// machine's load, so it is reported (the run's output and lighthouse.json), not asserted.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { baseURL } from './support.mjs';

const ASSERTED = ['accessibility', 'best-practices', 'seo'];
const CATEGORIES = ['performance', ...ASSERTED];
const executablePath = process.env.BYS_CHROMIUM ?? '/usr/bin/chromium';

/** The demo salon's session cookie, logged in through the API. */
async function providerCookie() {
  const response = await fetch(new URL('/api/v1/session', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'salon@demo.bys', password: 'demo-password' }),
  });
  assert.equal(response.status, 200, 'the demo provider logs in');
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** The demo's yoga class page, found as a visitor finds it. */
async function servicePath() {
  const html = await (await fetch(new URL('/search?q=yoga', baseURL))).text();
  const found = html.match(/href="(\/services\/[0-9a-f-]+)"/);
  assert.ok(found, 'the yoga class is listed');
  return `${found[1]}?zone=Europe/Berlin`;
}

describe('Lighthouse', () => {
  let chrome;
  const scores = [];

  before(async () => {
    chrome = await chromeLauncher.launch({
      chromePath: executablePath,
      chromeFlags: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
  });

  after(async () => {
    await chrome?.kill();
    if (scores.length) writeFileSync(new URL('./lighthouse.json', import.meta.url), JSON.stringify(scores, null, 2));
  });

  const pages = [
    ['home', async () => ['/', {}]],
    ['search', async () => ['/search?q=', {}]],
    ['service', async () => [await servicePath(), {}]],
    ['dashboard', async () => ['/dashboard', { Cookie: await providerCookie() }]],
  ];
  for (const [name, where] of pages) {
    for (const [device, config] of [['mobile', undefined], ['desktop', desktopConfig]]) {
      test(`${name} as ${device} scores at least 95 in ${ASSERTED.join(', ')}`, async (t) => {
        const [path, extraHeaders] = await where();
        const { lhr } = await lighthouse(new URL(path, baseURL).href, {
          port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, extraHeaders,
        }, config);
        assert.equal(lhr.runtimeError, undefined, `${name}: ${lhr.runtimeError?.message}`);
        assert.ok(!lhr.finalDisplayedUrl.includes('/login'), `${name} needs its login: ${lhr.finalDisplayedUrl}`);
        const score = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
        scores.push({ page: name, device, ...score });
        t.diagnostic(`${name} ${device}: ${CATEGORIES.map((c) => `${c} ${score[c]}`).join(', ')}`);
        const failing = ASSERTED.filter((c) => score[c] < 95).map((c) => {
          const audits = lhr.categories[c].auditRefs
            .map((ref) => lhr.audits[ref.id])
            .filter((a) => a.score !== null && a.score < 1)
            .map((a) => `${a.id} (${a.title})`);
          return `${c} ${score[c]}: ${audits.join('; ')}`;
        });
        assert.deepEqual(failing, [], `${name} as ${device}`);
      });
    }
  }
});

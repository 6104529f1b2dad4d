// Shared helpers for the browser tests: the browser, the app's address, accessibility and
// layout checks, screenshots, and the few steps every flow repeats (register, log in).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

/** Where the app under test runs; `./run` starts it and sets this. */
export const baseURL = process.env.BYS_BASE_URL ?? '';
if (!baseURL) throw new Error('BYS_BASE_URL is not set: run the tests with tests/browser/run');

const executablePath = process.env.BYS_CHROMIUM ?? '/usr/bin/chromium';

/** Desktop and phone viewports; 800 px wide keeps the README screenshots small. */
export const DESKTOP = { width: 800, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * Debian's Chromium, headless. Playwright gives every launch a fresh temporary profile
 * (its own --user-data-dir), so runs share nothing.
 */
export async function launch() {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--lang=en-GB',
    ],
  });
}

/** A new browser context (own cookies) for one person, in a fixed zone and locale. */
export async function person(browser, { viewport = DESKTOP, timezoneId = 'Europe/Berlin', locale = 'en-GB' } = {}) {
  const context = await browser.newContext({
    baseURL, viewport, timezoneId, locale, deviceScaleFactor: 1,
    isMobile: viewport.width < 500, hasTouch: viewport.width < 500,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  // A broken script or a failed asset is a bug even when the page still looks right.
  const problems = [];
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('response', (response) => {
    if (response.url().includes('/assets/') && response.status() >= 400) {
      problems.push(`asset ${response.url()} answered ${response.status()}`);
    }
  });
  page.problems = problems;
  return { context, page };
}

/** A unique address per run so flows never collide with earlier data. */
export function uniqueEmail(who) {
  return `${who}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.test`;
}

/** Registers through the form; lands logged in. */
export async function register(page, { role, name, email, password, zone }) {
  await page.goto('/register');
  await page.getByRole('radio', { name: role === 'provider' ? /offer services/ : /book services/ }).check();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  if (zone) await page.getByLabel('Time zone').fill(zone);
  await page.getByRole('checkbox', { name: /privacy notice/ }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForLoadState('domcontentloaded');
  await assert.doesNotReject(
    page.getByRole('button', { name: 'Log out' }).waitFor(),
    `registering ${email} should log in; the page says: ${await mainText(page)}`,
  );
}

/** Logs in through the form. */
export async function logIn(page, { email, password }) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** The visible text of the page's main region, for assertion messages. */
export async function mainText(page) {
  return (await page.locator('main').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400);
}

/** Serious and critical axe-core findings on the page as it is now, one line each. */
export async function seriousViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Fails on serious axe-core findings, or on script and asset problems seen so far on `page`. */
export async function assertAccessible(page, what) {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], `axe on ${what} (${page.url()}):\n${violations.join('\n')}`);
  assert.deepEqual(page.problems.splice(0), [], `${what}: script or asset problems`);
}

/**
 * Fails when the page is wider than the window (sideways scrolling on a phone). A phone browser
 * zooms out to fit wide content, which widens innerWidth with it, so the layout viewport
 * (the root's clientWidth) is the width to compare with.
 */
export async function assertNoHorizontalScroll(page, what) {
  const { scrollWidth, viewportWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    viewportWidth: Math.min(window.innerWidth, document.documentElement.clientWidth),
  }));
  assert.ok(
    scrollWidth <= viewportWidth,
    `${what} scrolls sideways at ${viewportWidth}px: content is ${scrollWidth}px wide`,
  );
}

const screenshotDir = process.env.BYS_SCREENSHOTS ?? '';

/**
 * Saves a README screenshot when BYS_SCREENSHOTS names a folder (`./run --screenshots`);
 * otherwise does nothing, so an ordinary test run leaves the repository untouched.
 */
export async function screenshot(page, name) {
  if (!screenshotDir) return;
  if (!existsSync(screenshotDir)) mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: 'disabled' });
}

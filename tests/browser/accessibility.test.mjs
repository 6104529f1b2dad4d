// Every main page through axe-core (no serious or critical violations) and at a phone width
// (no sideways scrolling), at desktop and phone sizes. Also where the README screenshots come from.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DESKTOP, PHONE, assertNoHorizontalScroll, launch, logIn, mainText, person, register, screenshot,
  seriousViolations, uniqueEmail,
} from './support.mjs';

const password = 'correct horse battery';

/**
 * The pages to check: how to reach each one as the person who sees it, and whether it is part
 * of the README tour. `as` is 'visitor', 'customer' or 'provider' (the demo salon).
 */
const pages = [
  { name: 'home', as: 'visitor', open: (page) => page.goto('/'), tour: true },
  { name: 'search', as: 'visitor', open: (page) => page.goto('/search?q=&sort=relevance'), tour: true },
  { name: 'search-empty', as: 'visitor', open: (page) => page.goto('/search?q=zzzz-nothing') },
  { name: 'login', as: 'visitor', open: (page) => page.goto('/login') },
  { name: 'register', as: 'visitor', open: (page) => page.goto('/register') },
  {
    name: 'register-with-errors',
    as: 'visitor',
    open: async (page) => {
      await page.goto('/register');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.locator('.field-error').first().waitFor();
    },
  },
  { name: 'not-found', as: 'visitor', open: (page) => page.goto('/no-such-page'), missing: true },
  { name: 'service', as: 'customer', open: openYoga, tour: true },
  {
    name: 'booking',
    as: 'customer',
    open: async (page) => {
      await openYoga(page);
      await firstSlot(page).click();
      await page.getByRole('heading', { name: 'Confirm your booking' }).waitFor();
    },
    tour: true,
  },
  {
    name: 'confirmation',
    as: 'customer',
    open: async (page) => {
      await openYoga(page);
      await firstSlot(page).click();
      await page.getByRole('button', { name: 'Book this time' }).click();
      await page.getByRole('heading', { level: 1, name: /^(Your )?appointment$/i }).waitFor();
    },
    tour: true,
  },
  {
    name: 'series-preview',
    as: 'customer',
    open: async (page) => {
      await openYoga(page);
      await firstSlot(page).click();
      await page.getByRole('button', { name: 'See which dates are free' }).click();
      await page.getByRole('heading', { level: 1, name: 'Repeat your booking' }).waitFor();
    },
  },
  { name: 'dashboard-customer', as: 'customer', open: (page) => page.goto('/dashboard') },
  { name: 'account-customer', as: 'customer', open: (page) => page.goto('/account') },
  { name: 'account-provider', as: 'provider', open: (page) => page.goto('/account') },
  { name: 'account-delete', as: 'customer', open: (page) => page.goto('/account/delete') },
  { name: 'dashboard-provider', as: 'provider', open: (page) => page.goto('/dashboard') },
  { name: 'provider-services', as: 'provider', open: (page) => page.goto('/provider/services') },
  { name: 'provider-new-service', as: 'provider', open: (page) => page.goto('/provider/services/new') },
  {
    name: 'provider-new-service-with-errors',
    as: 'provider',
    open: async (page) => {
      await page.goto('/provider/services/new');
      await page.getByRole('button', { name: 'Create service' }).click();
      await page.locator('.field-error').first().waitFor();
    },
  },
  {
    name: 'provider-edit-service',
    as: 'provider',
    open: async (page) => {
      await page.goto('/provider/services');
      await page.getByRole('link', { name: 'Edit Haircut' }).click();
      await page.getByRole('heading', { name: 'Edit Haircut' }).waitFor();
    },
  },
  { name: 'provider-schedule', as: 'provider', open: (page) => page.goto('/provider/schedule') },
  { name: 'provider-webhooks', as: 'provider', open: (page) => page.goto('/account/webhooks') },
  {
    name: 'review-request-opt-out',
    as: 'visitor',
    open: (page) => page.goto(`/unsubscribe/review-requests/${'0'.repeat(64)}`),
  },
  {
    name: 'provider-public-page',
    as: 'provider',
    open: async (page) => {
      await page.goto('/dashboard');
      await page.getByRole('link', { name: 'Your public page' }).click();
      await page.waitForURL(/\/providers\//);
    },
  },
];

/** The demo's Yoga class (every day, mornings in Tokyo), on a day with free times. */
async function openYoga(page) {
  await page.goto('/search?q=yoga');
  await page.getByRole('link', { name: 'Yoga class' }).click();
  await page.waitForURL(/zone=/);
  if ((await page.locator('ul.slots a').count()) === 0) {
    await page.getByRole('grid').getByRole('link').first().click();
  }
  await firstSlot(page).waitFor();
}

function firstSlot(page) {
  return page.getByRole('list', { name: /^Free times in / }).getByRole('link').first();
}

for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  describe(`main pages at ${size} size (${viewport.width}×${viewport.height})`, () => {
    let browser;
    const people = {};

    before(async () => {
      browser = await launch();
      people.visitor = await person(browser, { viewport });
      people.customer = await person(browser, { viewport, timezoneId: 'Europe/London' });
      await register(people.customer.page, {
        role: 'customer', name: 'Alex Access', email: uniqueEmail('a11y'), password,
      });
      // The demo's salon owner (see web/src/demo.rs).
      people.provider = await person(browser, { viewport, timezoneId: 'Europe/Paris' });
      await logIn(people.provider.page, { email: 'salon@demo.bys', password: 'demo-password' });
    });

    after(async () => {
      await browser?.close();
    });

    for (const visit of pages) {
      test(`${visit.name} has no serious accessibility violations and fits the width`, async () => {
        const { page } = people[visit.as];
        await visit.open(page);
        await page.waitForLoadState('load');
        const heading = (await page.locator('h1').first().innerText()).trim();
        // A page that is not there would pass every check below as the accessible 404 page.
        assert.equal(heading === 'Not found', Boolean(visit.missing), `${visit.name} (${page.url()}) shows "${heading}"`);
        const violations = await seriousViolations(page);
        assert.deepEqual(violations, [], `axe on ${visit.name} (${page.url()}):\n${violations.join('\n')}`);
        await assertNoHorizontalScroll(page, visit.name);
        // A repeated id breaks label/field pairs (a label then names the first field only).
        const repeated = await page.evaluate(() => {
          const seen = new Map();
          for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
          return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
        });
        assert.deepEqual(repeated, [], `${visit.name} repeats ids`);
        assert.ok((await mainText(page)).length > 0, `${visit.name} shows no content`);
        assert.deepEqual(page.problems.splice(0), []);
        if (visit.tour) await screenshot(page, `${visit.name}-${size}`);
      });
    }

    test('the month calendar is one tab stop, moves with arrow keys and opens a day with Enter', async () => {
      const { page } = people.customer;
      await openYoga(page);
      const grid = page.getByRole('grid');
      assert.equal(await grid.locator('[tabindex="0"]').count(), 1, 'one tab stop in the grid');
      await grid.locator('a[aria-current="date"]').focus();
      const day = () => page.evaluate(() => ({
        number: document.activeElement.querySelector('[aria-hidden]')?.textContent,
        link: document.activeElement.tagName === 'A',
      }));
      const chosen = await day();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      assert.deepEqual(await day(), chosen, 'down and up come back');
      // Right until a day with free times (the last day of a month stops there).
      let next = chosen;
      for (let i = 0; i < 7 && (next.number === chosen.number || !next.link); i++) {
        await page.keyboard.press(i < 3 ? 'ArrowRight' : 'ArrowLeft');
        next = await day();
      }
      assert.ok(next.link && next.number !== chosen.number, `no other free day near ${chosen.number}`);
      await page.keyboard.press('Enter');
      await page.waitForURL(/[?&]date=/);
      const opened = await grid.locator('a[aria-current="date"] [aria-hidden]').textContent();
      assert.equal(opened, next.number, 'Enter opens the focused day');
      await firstSlot(page).waitFor();
    });
  });
}

// The administration panel in a real browser: the demo's administrator finds a provider in the
// users list and deactivates them; their services leave search, their public page says they take
// no bookings and their open session ends. Every admin page goes through axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  assertNoHorizontalScroll, launch, logIn, mainText, person, register, screenshot, seriousViolations,
  uniqueEmail,
} from './support.mjs';

const password = 'correct horse battery';
// The demo's administrator (see web/src/demo.rs).
const admin = { email: 'admin@demo.bys', password: 'demo-password' };

/** Fails on serious axe findings or repeated ids on the page as it is now. */
async function assertAccessible(page, what) {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], `axe on ${what} (${page.url()}):\n${violations.join('\n')}`);
  const repeated = await page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  assert.deepEqual(repeated, [], `${what} repeats ids`);
  assert.deepEqual(page.problems.splice(0), [], `${what}: script or asset problems`);
}

/** Searches the catalogue as a visitor for `name`; returns how many results link to it. */
async function found(page, name) {
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search services' }).fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/search\?/);
  return page.getByRole('link', { name, exact: true }).count();
}

describe('an administrator deactivates a provider', () => {
  let browser;
  let provider;
  let visitor;
  let staff;
  // `./run` starts every run on a fresh demo, which has no pottery.
  const serviceName = 'Pottery wheel workshop';
  const providerAccount = {
    role: 'provider', name: 'Olga Töpfer', email: uniqueEmail('potter'), password, zone: 'Europe/Vienna',
  };
  let providerPage;

  before(async () => {
    browser = await launch();
    provider = await person(browser, { timezoneId: 'Europe/Vienna' });
    visitor = await person(browser);
    staff = await person(browser, { timezoneId: 'UTC' });
  });

  after(async () => {
    await browser?.close();
  });

  test('a provider offers a service and it can be found', async () => {
    const { page } = provider;
    await register(page, providerAccount);
    await page.goto('/provider/services/new');
    await page.getByLabel('Name').fill(serviceName);
    await page.getByLabel('Duration in minutes').fill('90');
    await page.getByLabel('Amount').fill('40');
    await page.getByLabel('Currency').fill('EUR');
    await page.getByRole('button', { name: 'Create service' }).click();
    await page.waitForURL(/\/provider\/services$/);
    await page.goto('/dashboard');
    await page.getByRole('link', { name: 'Your public page' }).click();
    await page.waitForURL(/\/providers\//);
    providerPage = new URL(page.url()).pathname;
    assert.equal(await found(visitor.page, serviceName), 1, 'the new service is searchable');
  });

  test('the administrator logs in and finds the provider in the users list', async () => {
    const { page } = staff;
    await logIn(page, admin);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await assertAccessible(page, 'the admin dashboard');
    await screenshot(page, 'admin-dashboard-desktop');
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('searchbox', { name: 'Name or email' }).fill(providerAccount.email);
    await page.getByLabel('Role').first().selectOption('provider');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/\/admin\/users\?/);
    const table = page.getByRole('table');
    assert.equal(await table.getByRole('row').count(), 2, `one provider found: ${await mainText(page)}`);
    await assertAccessible(page, 'the users list');
    await screenshot(page, 'admin-users-desktop');
    await table.getByRole('link', { name: providerAccount.name }).click();
    await page.getByRole('heading', { level: 1, name: providerAccount.name }).waitFor();
    assert.ok((await mainText(page)).includes(serviceName), 'the user page lists their services');
    await assertAccessible(page, "a provider's page");
  });

  test('the administrator deactivates the provider', async () => {
    const { page } = staff;
    await page.getByRole('button', { name: 'Deactivate account' }).click();
    await page.waitForURL(/done=deactivated/);
    await assert.doesNotReject(page.getByRole('status').filter({ hasText: 'Deactivated.' }).waitFor());
    await assert.doesNotReject(page.getByRole('button', { name: 'Reactivate account' }).waitFor());
    await assertAccessible(page, 'a deactivated provider');
  });

  test("the provider's services are gone from search and their page takes no bookings", async () => {
    const { page } = visitor;
    assert.equal(await found(page, serviceName), 0, `still found: ${await mainText(page)}`);
    const response = await page.goto(providerPage);
    assert.equal(response.status(), 404);
    assert.ok((await mainText(page)).includes('This provider is not taking bookings.'), await mainText(page));
  });

  test("the provider's open session has ended", async () => {
    const { page } = provider;
    await page.goto('/provider/services');
    await page.waitForURL(/\/login/);
    assert.equal(await page.getByRole('button', { name: 'Log out' }).count(), 0);
  });

  test('the deactivation is in the audit log', async () => {
    const { page } = staff;
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    assert.ok((await mainText(page)).includes('user.deactivate'), await mainText(page));
  });
});

describe('every admin page is accessible and fits the width', () => {
  let browser;
  let staff;

  /** Admin pages; each `open` lands on the page to check. */
  const pages = [
    { name: 'dashboard', open: (page) => page.goto('/admin') },
    { name: 'users', open: (page) => page.goto('/admin/users') },
    {
      name: 'staff-form-with-errors',
      open: async (page) => {
        await page.goto('/admin/users');
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.locator('.field-error').first().waitFor();
      },
    },
    {
      name: 'user',
      open: async (page) => {
        await page.goto('/admin/users?q=salon%40demo.bys');
        await page.getByRole('table').getByRole('link').first().click();
        await page.getByRole('button', { name: 'Save' }).waitFor();
      },
    },
    {
      name: 'user-edit-with-errors',
      open: async (page) => {
        await page.goto('/admin/users?q=ann%40demo.bys');
        await page.getByRole('table').getByRole('link').first().click();
        await page.getByLabel('Email').fill('not an email');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.locator('.field-error').first().waitFor();
      },
    },
    { name: 'categories', open: (page) => page.goto('/admin/categories') },
    {
      name: 'category-with-errors',
      open: async (page) => {
        await page.goto('/admin/categories');
        await page.getByRole('button', { name: 'Create' }).click();
        await page.locator('.field-error').first().waitFor();
      },
    },
    { name: 'services', open: (page) => page.goto('/admin/services') },
    { name: 'appointments', open: (page) => page.goto('/admin/appointments') },
    {
      name: 'appointment-cancel-with-errors',
      open: async (page) => {
        await page.goto('/admin/appointments?status=confirmed');
        await page.getByRole('table').getByRole('link').first().click();
        await page.getByRole('button', { name: 'Cancel the appointment' }).click();
        await page.locator('.field-error').first().waitFor();
      },
    },
    { name: 'operations', open: (page) => page.goto('/admin/operations') },
    { name: 'audit', open: (page) => page.goto('/admin/audit') },
  ];

  before(async () => {
    browser = await launch();
    staff = await person(browser, { timezoneId: 'UTC' });
    await logIn(staff.page, admin);
  });

  after(async () => {
    await browser?.close();
  });

  for (const visit of pages) {
    test(`admin ${visit.name} has no serious accessibility violations`, async () => {
      const { page } = staff;
      await visit.open(page);
      await page.waitForLoadState('load');
      const heading = (await page.locator('h1').first().innerText()).trim();
      assert.ok(!['Not found', 'Not allowed', 'That did not work'].includes(heading), `${visit.name} shows "${heading}"`);
      await assertAccessible(page, `admin ${visit.name}`);
      await assertNoHorizontalScroll(page, `admin ${visit.name}`);
    });
  }
});

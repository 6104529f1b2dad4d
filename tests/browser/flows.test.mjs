// The whole marketplace in a real browser, step by step and in order: a provider joins, offers
// a service and sets hours; a customer finds it and books a free time; the provider cancels;
// both sides see what happened.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PHONE, assertNoHorizontalScroll, launch, logIn, mainText, person, register, screenshot, uniqueEmail,
} from './support.mjs';

const password = 'correct horse battery';
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

describe('a booking seen from both sides', () => {
  let browser;
  let provider;
  let customer;
  const providerAccount = { role: 'provider', name: 'Rosa Flores', email: uniqueEmail('provider'), password, zone: 'Europe/Madrid' };
  const customerAccount = { role: 'customer', name: 'Chris Kunde', email: uniqueEmail('customer'), password };
  // `./run` starts every run on an empty database plus the demo, which has no flamenco.
  const serviceName = 'Flamenco lesson';
  const note = 'First time, please go gently.';
  const reason = 'Sorry, I am ill that day.';
  let appointmentUrl;

  before(async () => {
    browser = await launch();
    provider = await person(browser, { timezoneId: 'Europe/Madrid' });
    customer = await person(browser, { timezoneId: 'Europe/Berlin' });
  });

  after(async () => {
    await browser?.close();
  });

  test('a provider registers and is logged in as a provider', async () => {
    const { page } = provider;
    await register(page, providerAccount);
    await assert.doesNotReject(page.getByRole('link', { name: 'Schedule' }).waitFor());
    assert.deepEqual(page.problems, []);
  });

  test('the provider sets weekly hours, two intervals on Monday', async () => {
    const { page } = provider;
    await page.getByRole('link', { name: 'Schedule' }).click();
    await page.getByRole('heading', { name: 'Your schedule' }).waitFor();
    for (const day of DAYS) {
      await page.getByLabel(`${day} interval 1 start`).fill('08:00');
      await page.getByLabel(`${day} interval 1 end`).fill(day === 'Monday' ? '12:00' : '20:00');
    }
    await page.getByLabel('Monday interval 2 start').fill('13:00');
    await page.getByLabel('Monday interval 2 end').fill('20:00');
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await page.waitForURL(/done=hours/);
    assert.equal(await page.getByLabel('Monday interval 2 start').inputValue(), '13:00');
    assert.equal(await page.getByLabel('Sunday interval 1 end').inputValue(), '20:00');
    assert.equal(await page.locator('.field-error').count(), 0, await mainText(page));
  });

  test('the provider creates a service and it is listed', async () => {
    const { page } = provider;
    await page.getByRole('link', { name: 'Services', exact: true }).click();
    await page.getByRole('link', { name: 'New service' }).click();
    await page.getByLabel('Name').fill(serviceName);
    await page.getByLabel(/^Description/).fill('Rhythm, posture and your first sevillana.');
    await page.getByLabel('Category').selectOption({ label: 'Health & Fitness' });
    await page.getByLabel('Duration in minutes').fill('60');
    await page.getByLabel('Amount').fill('30');
    await page.getByLabel('Currency').fill('EUR');
    await page.getByRole('button', { name: 'Create service' }).click();
    await page.waitForURL(/\/provider\/services$/);
    await assert.doesNotReject(page.getByRole('heading', { name: serviceName }).waitFor());
  });

  test('a customer registers and the time-zone field is filled with the browser zone', async () => {
    const { page } = customer;
    await page.goto('/register');
    await assert.doesNotReject(
      page.waitForFunction(() => document.querySelector('#zone')?.value === 'Europe/Berlin'),
      'app.js should fill the zone field with the browser zone',
    );
    await register(page, customerAccount);
  });

  test('the customer searches, opens the service and sees free times in their own zone', async () => {
    const { page } = customer;
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search services' }).fill(serviceName);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?/);
    await page.getByRole('link', { name: serviceName, exact: true }).click();
    // The page switches itself to the browser's zone (app.js), naming the zone.
    await page.waitForURL(/zone=Europe%2FBerlin/);
    await assert.doesNotReject(page.getByText('(times in Europe/Berlin)').waitFor());
    await assert.doesNotReject(page.getByText('The provider works in Europe/Madrid.').waitFor());
    const slots = page.getByRole('list', { name: 'Free times in Europe/Berlin' }).getByRole('link');
    if ((await slots.count()) === 0) {
      // Late in the evening today is over: take the next day that has free times.
      await page.getByRole('grid').getByRole('link').first().click();
    }
    await assert.doesNotReject(slots.first().waitFor(), `no free times: ${await mainText(page)}`);
  });

  test('the customer books the first free time with a note and gets a confirmation', async () => {
    const { page } = customer;
    const slot = page.getByRole('list', { name: 'Free times in Europe/Berlin' }).getByRole('link').first();
    const time = (await slot.innerText()).trim();
    await slot.click();
    await page.getByRole('heading', { name: 'Confirm your booking' }).waitFor();
    assert.ok((await mainText(page)).includes(time), `the confirm page names ${time}`);
    await page.getByLabel(/Note for the provider/).fill(note);
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { level: 1, name: /^(Your )?appointment$/i }).waitFor();
    const text = await mainText(page);
    assert.ok(text.includes(serviceName), text);
    assert.match(text, /Status:\s*confirmed/i);
    assert.ok(text.includes(note), text);
    await assert.doesNotReject(page.getByRole('link', { name: /Add to calendar/ }).waitFor());
    appointmentUrl = new URL(page.url()).pathname;
    assert.deepEqual(page.problems, []);
  });

  test('the customer sees the booking among upcoming appointments on the dashboard', async () => {
    const { page } = customer;
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Your appointments' }).waitFor();
    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    await assert.doesNotReject(upcoming.getByRole('link', { name: serviceName, exact: true }).waitFor());
    assert.match(await upcoming.innerText(), /confirmed/i);
    await screenshot(page, 'dashboard-customer-desktop');
  });

  test('the provider sees the booking with the note and cancels it with a reason', async () => {
    const { page } = provider;
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Your agenda' }).waitFor();
    const row = page.getByRole('region', { name: 'Upcoming' }).getByRole('listitem').filter({ hasText: note });
    await assert.doesNotReject(row.waitFor(), `the provider's upcoming list: ${await mainText(page)}`);
    assert.ok((await row.innerText()).includes(serviceName));
    await screenshot(page, 'dashboard-provider-desktop');
    await row.getByText('Cancel…').click();
    await row.getByLabel(/^Reason/).fill(reason);
    await row.getByRole('button', { name: 'Cancel this appointment' }).click();
    await page.waitForLoadState('domcontentloaded');
    await page.goto(appointmentUrl);
    await page.getByRole('heading', { name: 'Cancelled appointment' }).waitFor();
  });

  test('the customer sees the cancellation and the reason', async () => {
    const { page } = customer;
    await page.goto(appointmentUrl);
    await page.getByRole('heading', { name: 'Cancelled appointment' }).waitFor();
    const text = await mainText(page);
    assert.match(text, /Status:\s*cancelled/i);
    assert.ok(text.includes(reason), text);
    assert.equal(await page.getByRole('button', { name: 'Cancel this appointment' }).count(), 0);
    await page.goto('/dashboard');
    const row = page.getByRole('listitem').filter({ hasText: serviceName });
    await assert.doesNotReject(row.first().waitFor());
    assert.match(await row.first().innerText(), /cancelled/i);
  });

  test('the appointment stays private to the two people involved', async () => {
    const other = await person(browser);
    try {
      await register(other.page, { role: 'customer', name: 'Nosy Parker', email: uniqueEmail('nosy'), password });
      await other.page.goto(appointmentUrl);
      assert.ok(!(await mainText(other.page)).includes(note), 'another customer sees the note');
      await other.page.getByRole('button', { name: 'Log out' }).click();
      await other.page.goto(appointmentUrl);
      assert.ok(!(await mainText(other.page)).includes(note), 'a logged-out visitor sees the note');
    } finally {
      await other.context.close();
    }
  });

  test('the dashboards fit a phone screen', async () => {
    for (const [who, account] of [['customer', customerAccount], ['provider', providerAccount]]) {
      const phone = await person(browser, { viewport: PHONE });
      try {
        await logIn(phone.page, account);
        await phone.page.goto('/dashboard');
        await assertNoHorizontalScroll(phone.page, `the ${who} dashboard`);
        await screenshot(phone.page, `dashboard-${who}-phone`);
      } finally {
        await phone.context.close();
      }
    }
  });
});

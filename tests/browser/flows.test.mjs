// The whole marketplace in a real browser, step by step and in order: a provider joins, a
// customer finds a service and books a free time, and the booking is visible afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch, logIn, mainText, person, register, uniqueEmail } from './support.mjs';

const password = 'correct horse battery';

describe('a booking seen from both sides', () => {
  let browser;
  let provider;
  let customer;
  const providerAccount = { role: 'provider', name: 'Rosa Flores', email: uniqueEmail('provider'), password, zone: 'Europe/Madrid' };
  const customerAccount = { role: 'customer', name: 'Chris Kunde', email: uniqueEmail('customer'), password };
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
    await assert.doesNotReject(page.getByText(providerAccount.name).first().waitFor());
    assert.deepEqual(page.problems, []);
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

  test('the customer searches, opens a service and sees free times in their own zone', async () => {
    const { page } = customer;
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search services' }).fill('yoga');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?/);
    await page.getByRole('link', { name: 'Yoga class' }).click();
    // The page switches itself to the browser's zone (app.js), naming the zone.
    await page.waitForURL(/zone=Europe%2FBerlin/);
    await assert.doesNotReject(page.getByText('(times in Europe/Berlin)').waitFor());
    await assert.doesNotReject(page.getByText('The provider works in Asia/Tokyo.').waitFor());
    const slots = page.getByRole('list', { name: 'Free times in Europe/Berlin' }).getByRole('link');
    if ((await slots.count()) === 0) {
      // Today may be over in Tokyo already: take the first day that has free times.
      await page.getByRole('navigation', { name: 'Days' }).getByRole('link').filter({ hasNotText: 'no times' }).nth(1).click();
    }
    await assert.doesNotReject(slots.first().waitFor(), `no free times: ${await mainText(page)}`);
  });

  test('the customer books the first free time with a note and gets a confirmation', async () => {
    const { page } = customer;
    const slot = page.getByRole('list', { name: 'Free times in Europe/Berlin' }).getByRole('link').first();
    const time = (await slot.innerText()).trim();
    await slot.click();
    await page.getByRole('heading', { name: 'Confirm your booking' }).waitFor();
    assert.match(await mainText(page), new RegExp(time.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.getByLabel(/Note for the provider/).fill('First time, please go gently.');
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { level: 1, name: /^(Your )?appointment$/i }).waitFor();
    const text = await mainText(page);
    assert.match(text, /Yoga class/);
    assert.match(text, /Status:\s*confirmed/i);
    assert.match(text, /First time, please go gently\./);
    appointmentUrl = new URL(page.url()).pathname;
    assert.deepEqual(page.problems, []);
  });

  test('the confirmation survives logging out and in again, and stays private', async () => {
    const { page } = customer;
    assert.ok(appointmentUrl, 'the booking step gave an appointment address');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.goto(appointmentUrl);
    assert.doesNotMatch(await mainText(page), /First time, please go gently/, 'a logged-out visitor sees the note');
    await logIn(page, customerAccount);
    await page.goto(appointmentUrl);
    assert.match(await mainText(page), /Status:\s*confirmed/i);
    // Another person (the provider of another service) must not see it.
    await provider.page.goto(appointmentUrl);
    assert.doesNotMatch(await mainText(provider.page), /First time, please go gently/);
  });
});

// The waitlist in a real browser: Ann books the salon's colour; Bo joins the waitlist for exactly
// that time; Ann cancels; the waitlist worker holds the place for Bo, who opens it from his
// waitlist (the link his mail carries leads to the same page) and books it. The join form and the
// held place go through axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launch, logIn, mainText, person, screenshot } from './support.mjs';

// Demo accounts (see web/src/demo.rs); the salon works in Paris, its colour takes 90 minutes.
const password = 'demo-password';
const ann = { email: 'ann@demo.bys', password };
const bo = { email: 'bo@demo.bys', password };
const zone = 'Europe/Paris';

/** "2026-12-08" and "09:00" of `instant` on Paris clocks. */
function parisDayAndTime(instant) {
  const [day, time] = new Date(instant).toLocaleString('sv-SE', { timeZone: zone }).split(' ');
  return { day, time: time.slice(0, 5) };
}

describe('a freed place is held for the customer waiting, who books it', () => {
  let browser;
  let first;
  let waiting;
  let serviceId;
  let start;
  let bookedUrl;

  before(async () => {
    browser = await launch();
    first = await person(browser, { timezoneId: zone });
    waiting = await person(browser, { timezoneId: zone });
  });

  after(async () => {
    await browser?.close();
  });

  test('Ann books the first free colour', async () => {
    const { page } = first;
    await logIn(page, ann);
    await page.goto('/search?q=Colour');
    await page.getByRole('link', { name: 'Colour', exact: true }).first().click();
    await page.waitForURL(/\/services\//);
    // A day at least two days ahead, so that Ann may still cancel (the salon's cut-off is 12
    // hours before) whatever the time of day the test runs at.
    const earliest = parisDayAndTime(Date.now() + 2 * 24 * 60 * 60 * 1000).day;
    let chosen = null;
    for (const day of await page.getByRole('grid').getByRole('link').all()) {
      const date = new URL(await day.getAttribute('href'), 'http://x').searchParams.get('date');
      if (date && date >= earliest) {
        chosen = date;
        await day.click();
        break;
      }
    }
    assert.ok(chosen, `no day with free times from ${earliest}: ${await mainText(page)}`);
    await page.waitForURL((url) => url.searchParams.get('date') === chosen);
    const slots = page.getByRole('list', { name: `Free times in ${zone}` }).getByRole('link');
    await assert.doesNotReject(slots.first().waitFor(), `no free times: ${await mainText(page)}`);
    const href = await slots.first().getAttribute('href');
    const url = new URL(href, 'http://x');
    serviceId = url.pathname.split('/')[2];
    start = url.searchParams.get('start');
    await slots.first().click();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { level: 1, name: /appointment/i }).waitFor();
    bookedUrl = new URL(page.url()).pathname;
  });

  test('Bo joins the waitlist for exactly that time', async () => {
    const { page } = waiting;
    await logIn(page, bo);
    const { day, time } = parisDayAndTime(start);
    const end = parisDayAndTime(new Date(start).getTime() + 90 * 60 * 1000).time;
    await page.goto(`/services/${serviceId}/waitlist?date=${day}&zone=${encodeURIComponent(zone)}`);
    await page.getByRole('heading', { name: 'Join the waitlist' }).waitFor();
    await page.getByLabel('From', { exact: true }).fill(day);
    await page.getByLabel('To', { exact: true }).fill(day);
    await page.getByLabel('Earliest start').fill(time);
    await page.getByLabel('Latest end').fill(end);
    await assertAccessible(page, 'the waitlist form');
    await screenshot(page, 'waitlist-join-desktop');
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    await page.waitForURL(/done=joined/);
    const text = await mainText(page);
    assert.ok(text.includes('Colour') && text.includes(time), text);
  });

  test('Ann cancels, the place is held for Bo and he books it', async () => {
    await first.page.goto(bookedUrl);
    await first.page.getByText('Cancel…').click();
    await first.page.getByRole('button', { name: 'Cancel this appointment' }).click();
    await first.page.waitForURL(/done=cancelled/);

    const { page } = waiting;
    const held = page.getByRole('link', { name: 'Book it or let it go' });
    for (let attempt = 0; attempt < 30 && (await held.count()) === 0; attempt += 1) {
      await page.waitForTimeout(1000);
      await page.goto('/waitlist');
    }
    await assert.doesNotReject(held.first().waitFor(), `no hold: ${await mainText(page)}`);
    await held.first().click();
    await page.getByRole('heading', { name: /^Held for you until/ }).waitFor();
    await assertAccessible(page, 'the held place');
    await screenshot(page, 'waitlist-hold-desktop');
    await page.getByRole('button', { name: 'Book this place' }).click();
    await page.waitForURL(/done=booked/);
    const text = await mainText(page);
    assert.match(text, /The place is yours/);
    assert.match(text, /Status:\s*confirmed/i);
  });
});

// A class in a real browser: the demo coach's Park bootcamp has twelve places per morning. Ann
// and Bo each book a place at the same time, each seeing how many places are left; the coach's
// agenda lists the class once, with both attendees. The service page with its places and the
// agenda go through axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launch, logIn, mainText, person, screenshot } from './support.mjs';

// Demo accounts (see web/src/demo.rs); the coach works in Tokyo.
const password = 'demo-password';
const ann = { email: 'ann@demo.bys', password };
const bo = { email: 'bo@demo.bys', password };
const coach = { email: 'coach@demo.bys', password };
const zone = 'Asia/Tokyo';

/** Opens the bootcamp's page on a day with free times; returns its list of free times. */
async function openBootcamp(page) {
  await page.goto('/search?q=bootcamp');
  await page.getByRole('link', { name: 'Park bootcamp' }).first().click();
  await page.waitForURL(/\/services\//);
  const slots = page.getByRole('list', { name: `Free times in ${zone}` }).getByRole('link');
  if ((await slots.count()) === 0) {
    await page.getByRole('grid').getByRole('link').first().click();
  }
  await assert.doesNotReject(slots.first().waitFor(), `no free times: ${await mainText(page)}`);
  return slots;
}

/** Books the time `href` points at, from the service page. */
async function bookAt(page, href) {
  await page.goto(href);
  await page.getByRole('button', { name: 'Book this time' }).click();
  await page.getByRole('heading', { level: 1, name: /appointment/i }).waitFor();
}

describe('two customers book places in one class and the coach sees both', () => {
  let browser;
  let first;
  let second;
  let teacher;
  let href;

  before(async () => {
    browser = await launch();
    first = await person(browser, { timezoneId: zone });
    second = await person(browser, { timezoneId: zone });
    teacher = await person(browser, { timezoneId: zone });
  });

  after(async () => {
    await browser?.close();
  });

  test('Ann sees twelve places at the first free time and books one', async () => {
    const { page } = first;
    await logIn(page, ann);
    const slots = await openBootcamp(page);
    const label = await slots.first().textContent();
    assert.match(label, /12 of 12 places left/);
    href = await slots.first().getAttribute('href');
    await assertAccessible(page, 'the class page');
    await page.evaluate(() => document.querySelector('ul.slots')?.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'class-places-desktop');
    await bookAt(page, href);
    assert.match(await mainText(page), /Park bootcamp/);
  });

  test('Bo sees the place Ann took and books the same time', async () => {
    const { page } = second;
    await logIn(page, bo);
    const slots = await openBootcamp(page);
    const same = slots.and(page.locator(`a[href="${href}"]`));
    await assert.doesNotReject(same.waitFor(), `the time is no longer offered: ${await mainText(page)}`);
    assert.match(await same.textContent(), /11 of 12 places left/);
    await bookAt(page, href);
  });

  test('the coach sees one class with both attendees', async () => {
    const { page } = teacher;
    await logIn(page, coach);
    await page.goto('/dashboard');
    const classes = page.locator('section[aria-labelledby="classes-h"]');
    const bootcamp = classes.locator('li.class-occurrence', { hasText: 'Park bootcamp' }).first();
    await assert.doesNotReject(bootcamp.waitFor(), `no class listed: ${await mainText(page)}`);
    const text = await bootcamp.textContent();
    assert.match(text, /2 of 12 places booked/);
    const attendees = await bootcamp.getByRole('list', { name: 'Attendees' }).getByRole('listitem').allTextContents();
    assert.deepEqual(attendees.sort(), ['Ann Customer', 'Bo Customer']);
    await assertAccessible(page, 'the agenda with a class');
  });
});

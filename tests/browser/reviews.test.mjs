// Verified reviews in a real browser, in order: the salon marks yesterday's appointment of Bo
// completed; Bo rates it with the star radio buttons; the salon replies; Ann reports the review;
// the demo's administrator hides it, after which the service page neither shows nor counts it.
// The review form and the service page with reviews go through axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launch, logIn, person, screenshot } from './support.mjs';

// Demo accounts (see web/src/demo.rs): Bo's haircut yesterday is still "confirmed".
const password = 'demo-password';
const salonAccount = { email: 'salon@demo.bys', password };
const bo = { email: 'bo@demo.bys', password };
const ann = { email: 'ann@demo.bys', password };
const adminAccount = { email: 'admin@demo.bys', password };
const words = 'Sharp fade, and she remembered my name.';

describe('a review from a completed appointment to its hiding', () => {
  let browser;
  let salon;
  let customer;
  let reporter;
  let staff;
  let appointmentUrl;
  let serviceUrl;

  before(async () => {
    browser = await launch();
    salon = await person(browser, { timezoneId: 'Europe/Paris' });
    customer = await person(browser, { timezoneId: 'America/Chicago' });
    reporter = await person(browser, { timezoneId: 'Europe/London' });
    staff = await person(browser, { timezoneId: 'UTC' });
  });

  after(async () => {
    await browser?.close();
  });

  test('the salon marks yesterday\'s appointment completed', async () => {
    const { page } = customer;
    await logIn(page, bo);
    await page.goto('/dashboard');
    const past = page.locator('section[aria-labelledby="past-h"] li', { hasText: 'confirmed' });
    await past.getByRole('link', { name: 'Haircut' }).first().click();
    await page.waitForURL(/\/appointments\//);
    appointmentUrl = new URL(page.url()).pathname;
    assert.equal(await page.getByRole('link', { name: 'Write a review' }).count(), 0);

    await logIn(salon.page, salonAccount);
    await salon.page.goto(appointmentUrl);
    await salon.page.getByRole('button', { name: 'Mark completed' }).click();
    await salon.page.waitForURL(/done=completed/);
  });

  test('the customer rates it with the star radio buttons', async () => {
    const { page } = customer;
    await page.goto(appointmentUrl);
    await page.getByRole('link', { name: 'Write a review' }).click();
    await page.getByRole('group', { name: 'Your rating' }).waitFor();
    await assertAccessible(page, 'the review form');
    await page.getByRole('button', { name: 'Publish review' }).click();
    await assert.doesNotReject(page.locator('#stars-error').waitFor(), 'stars are required');
    await page.getByRole('radio', { name: '4 stars' }).check();
    await page.getByLabel(/^Your review/).fill(words);
    await page.getByRole('button', { name: 'Publish review' }).click();
    await page.waitForURL(/done=reviewed/);
    assert.match(await page.locator('main').innerText(), /4 out of 5 stars/);
    serviceUrl = await page.locator('main').getByRole('link', { name: 'Haircut' }).first().getAttribute('href');
  });

  test('the salon replies on the appointment page', async () => {
    const { page } = salon;
    await page.goto(appointmentUrl);
    await page.getByLabel('Reply publicly').fill('Thank you, Bo!');
    await page.getByRole('button', { name: 'Save reply' }).click();
    await page.waitForURL(/done=replied/);
    const visitor = await person(browser);
    await visitor.page.goto(serviceUrl);
    const text = await visitor.page.locator('section.reviews').innerText();
    assert.match(text, /Reviews come only from customers who completed a booking\./);
    assert.ok(text.includes(words) && text.includes('Thank you, Bo!'), text);
    await visitor.page.locator('section.reviews').scrollIntoViewIfNeeded();
    await screenshot(visitor.page, 'reviews-desktop');
    await visitor.context.close();
  });

  test('another customer reports the review', async () => {
    const { page } = reporter;
    await logIn(page, ann);
    await page.goto(serviceUrl);
    await assertAccessible(page, 'the service page with reviews');
    const review = page.locator('li.review', { hasText: words });
    await review.getByRole('link', { name: /^Report/ }).click();
    await page.getByLabel('Why should staff look at this review?').fill('It names the stylist by her full name.');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.waitForURL(/done=1/);
    assert.match(await page.locator('body').innerText(), /staff will look at this review/);
  });

  test('staff hide it, and the service page no longer shows or counts it', async () => {
    const { page } = staff;
    await logIn(page, adminAccount);
    await page.goto('/admin/reviews');
    assert.match(await page.locator('main').innerText(), /It names the stylist/);
    await page.getByRole('link', { name: /^Review this report/ }).first().click();
    await page.getByLabel(/^Reason/).fill('Personal data of the stylist.');
    await page.getByRole('button', { name: 'Hide the review' }).click();
    await page.waitForURL(/done=hidden/);
    await page.goto(serviceUrl);
    const text = await page.locator('main').innerText();
    assert.ok(!text.includes(words), text);
    assert.match(text, /from 2 reviews/);
  });
});

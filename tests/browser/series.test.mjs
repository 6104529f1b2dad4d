// A weekly series in a real browser: Ann picks a free time of the tutor's maths lessons, asks to
// repeat it every week four times, sees which dates are free (in her zone, zone named) and books
// them; the preview goes through axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch, logIn, mainText, person, screenshot, seriousViolations } from './support.mjs';

// Demo account (see web/src/demo.rs); the tutor works in New York, weekday afternoons.
const ann = { email: 'ann@demo.bys', password: 'demo-password' };

describe('a customer books a weekly series', () => {
  let browser;
  let customer;

  before(async () => {
    browser = await launch();
    customer = await person(browser, { timezoneId: 'America/New_York' });
  });

  after(async () => {
    await browser?.close();
  });

  test('Ann previews four weekly lessons and books the free ones', async () => {
    const { page } = customer;
    await logIn(page, ann);
    await page.goto('/search?q=Maths');
    await page.getByRole('link', { name: 'Maths tutoring', exact: true }).first().click();
    await page.waitForURL(/\/services\//);
    const slots = page.getByRole('list', { name: /^Free times in / }).getByRole('link');
    if ((await slots.count()) === 0) {
      await page.getByRole('grid').getByRole('link').first().click();
    }
    await assert.doesNotReject(slots.first().waitFor(), `no free times: ${await mainText(page)}`);
    await slots.first().click();
    await page.getByRole('heading', { name: 'Confirm your booking' }).waitFor();
    await page.getByLabel('Repeat every').selectOption('1');
    await page.getByLabel('Number of appointments').selectOption('4');
    await page.getByRole('button', { name: 'See which dates are free' }).click();
    await page.getByRole('heading', { name: 'Repeat your booking' }).waitFor();
    const preview = await mainText(page);
    assert.match(preview, /America\/New_York/, preview);
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, [], `axe on the series preview:\n${violations.join('\n')}`);
    await screenshot(page, 'series-preview-desktop');
    await page.getByRole('button', { name: /^Book (all \d+ dates|the \d+ free dates only)$/ }).click();
    await page.getByRole('heading', { name: 'Your series is booked' }).waitFor();
    assert.match(await mainText(page), /\d+ appointments booked/);
    assert.deepEqual(page.problems, []);
  });
});

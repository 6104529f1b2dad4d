// Languages in a real browser: a visitor whose browser asks for French gets French pages, the
// footer's switcher turns them German (and axe-core checks the German page), and a signed-in
// customer who picks Spanish in their account reads their dashboard in Spanish.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launch, person, register, uniqueEmail } from './support.mjs';

describe('pages in the reader\'s language', () => {
  let browser;
  let visitor;
  let customer;

  before(async () => {
    browser = await launch();
    visitor = await person(browser, { locale: 'fr-FR' });
    customer = await person(browser);
  });

  after(async () => {
    await browser?.close();
  });

  test('a browser asking for French gets French pages', async () => {
    const { page } = visitor;
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    await page.getByRole('heading', { name: 'Réservez une prestation en quelques clics' }).waitFor();
    await page.getByRole('button', { name: 'Rechercher' }).waitFor();
  });

  test('the footer switches to German and stays there', async () => {
    const { page } = visitor;
    await page.goto('/search');
    await page.getByRole('link', { name: 'Deutsch' }).click();
    await page.waitForURL(/\/search$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    await page.getByRole('link', { name: 'Leistung finden' }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Leistungen mit wenigen Klicks buchen' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Deutsch' }).getAttribute('aria-current'), 'true');
    await assertAccessible(page, 'the German home page');
  });

  test('a customer who chooses Spanish reads their pages in Spanish', async () => {
    const { page } = customer;
    await register(page, {
      role: 'customer', name: 'Lucía', email: uniqueEmail('lucia'), password: 'a long password',
    });
    await page.goto('/account');
    await page.getByLabel('Language', { exact: true }).selectOption('es');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.goto('/account');
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await page.getByRole('button', { name: 'Guardar perfil' }).waitFor();
  });
});

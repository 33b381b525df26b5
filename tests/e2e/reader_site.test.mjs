// A reader's path through the demo site in a real browser: the home page,
// a story, the menus with JavaScript off, a phone-sized screen, and axe-core's
// accessibility rules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, launchBrowser } from './server.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('home page shows the front page and leads to a complete story', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(server.url + '/');
  assert.equal(response.status(), 200);
  assert.match(await page.title(), /The Alderra Ledger/);
  assert.ok(await page.locator('nav.primary-nav a').count() >= 10, 'section navigation');
  assert.ok(await page.locator('nav.trending a').first().isVisible(), 'trending strip');
  for (const heading of ['Top Stories', 'Latest News', 'Impact Shorts', 'Shows']) {
    assert.ok(await page.locator('main').getByRole('heading', { name: heading, exact: true }).isVisible(), heading);
  }
  const lead = page.locator('article.lead h2 a');
  const headline = (await lead.textContent()).trim();
  await lead.click();
  await page.waitForLoadState('load');

  assert.equal((await page.locator('h1').textContent()).trim(), headline);
  const story = page.locator('article.story');
  for (const part of ['nav.breadcrumb', 'p.story__standfirst', 'p.byline', 'p.dateline',
    'ul.share', 'figure.story__hero', 'div.story__body', 'aside.ad-slot', 'section.tags']) {
    assert.ok(await story.locator(part).first().isVisible(), `${part} is visible`);
  }
  assert.match(await story.locator('p.dateline').textContent(), /\d{4}, \d{2}:\d{2}:\d{2} [A-Z]+/);
  const hero = story.locator('figure.story__hero img');
  await hero.scrollIntoViewIfNeeded();
  assert.ok(await hero.evaluate((img) => img.complete && img.naturalWidth > 0), 'hero image loads');
  assert.notEqual(await hero.getAttribute('alt'), '');
  assert.match(await story.locator('a.share__link--whatsapp').getAttribute('href'), /^https:\/\/wa\.me\/\?text=/);
  assert.ok(await page.getByRole('heading', { name: /^More from / }).isVisible());
  assert.ok(await page.locator('aside.rails').getByRole('heading', { name: 'Latest News' }).isVisible());
  assert.equal(await page.locator('body').evaluate((b) => b.innerText.includes('[caption')), false);

  // The breadcrumb leads to the section page, which lists stories.
  await page.locator('nav.breadcrumb li').nth(1).locator('a').click();
  await page.waitForLoadState('load');
  assert.ok(await page.locator('div.listing__stories article.card').count() >= 5);
  await context.close();
});

test('menus and pages work with JavaScript off', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  const shows = page.locator('details.menu', { hasText: 'Shows' });
  assert.equal(await shows.locator('ul').isVisible(), false);
  await shows.locator('summary').click();
  assert.ok(await shows.locator('ul a').first().isVisible(), 'the Shows menu opens without JavaScript');
  await shows.locator('ul a').first().click();
  await page.waitForLoadState('load');
  assert.match(page.url(), /\/show\//);
  assert.equal(await page.locator('p.listing__kind').textContent(), 'Show');
  await context.close();
});

test('a phone-sized screen has no sideways scrolling', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
  const page = await context.newPage();
  for (const path of ['/', '/politics', '/about']) {
    await page.goto(server.url + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
  await page.goto(server.url + '/');
  await page.locator('article.lead h2 a').click();
  await page.waitForLoadState('load');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `story overflows by ${overflow}px`);
  await context.close();
});

test('no serious accessibility violations on the main page types', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/');
  const storyUrl = await page.locator('article.lead h2 a').getAttribute('href');
  for (const path of ['/', storyUrl, '/politics', '/about', '/no-such-page']) {
    await page.goto(server.url + path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes[0]?.target}`), [], `axe on ${path}`);
  }
  await context.close();
});

test('unknown addresses get the themed 404 page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(server.url + '/this/does/not/exist');
  assert.equal(response.status(), 404);
  assert.equal(await page.locator('h1').textContent(), 'Page not found');
  assert.ok(await page.locator('nav.primary-nav').isVisible());
  await context.close();
});

test('an embed is a link card until clicked, then the provider player', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Block every request that leaves the machine: the test checks the swap,
  // not the provider.
  await page.route((url) => !url.href.startsWith(server.url), (route) => route.abort());
  await page.goto(server.url + '/');
  await page.locator('article.lead h2 a').click();
  await page.waitForLoadState('load');
  const script = await page.locator('script[src*="embeds.js"]').getAttribute('src');
  assert.match(script, /^\/assets\/embeds\.js\?v=/);
  await page.evaluate(() => {
    const figure = document.createElement('figure');
    figure.className = 'embed';
    figure.dataset.embedProvider = 'youtube';
    figure.dataset.embedId = 'abc_DEF-123';
    figure.innerHTML = '<a class="embed-card" href="https://www.youtube.com/watch?v=abc_DEF-123">' +
      '<span class="embed-provider">YouTube</span> <span class="embed-action">Watch</span></a>';
    document.querySelector('.story__body').appendChild(figure);
    const bad = figure.cloneNode(true);
    bad.dataset.embedId = '"><script>alert(1)</script>';
    bad.id = 'bad';
    document.querySelector('.story__body').appendChild(bad);
  });
  assert.equal(await page.locator('figure.embed iframe').count(), 0, 'no player before a click');
  await page.locator('figure.embed a.embed-card').first().click();
  const frame = page.locator('figure.embed iframe');
  assert.equal(await frame.count(), 1);
  assert.equal(await frame.getAttribute('src'), 'https://www.youtube-nocookie.com/embed/abc_DEF-123?autoplay=1');
  // A card whose id is not a plain id stays a link.
  await page.locator('#bad a.embed-card').evaluate((a) => a.addEventListener('click', (e) => e.preventDefault()));
  await page.locator('#bad a.embed-card').click();
  assert.equal(await page.locator('#bad iframe').count(), 0);
  await context.close();
});

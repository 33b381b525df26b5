// The newsroom in a real browser: a contributor writes a story with an image
// (JavaScript off) and submits it, and cannot publish; an editor schedules
// it and it reaches the home page at its time; two editors edit one story
// and the second gets the conflict with nothing lost; bad input keeps what
// was typed; axe-core finds no serious violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, launchBrowser } from './server.mjs';

const PASSWORD = 'a long newsroom passphrase';
let server;
let browser;
let storyId;
const headline = 'Harbour reopens after the storm';

async function api(method, path, { cookie, csrf, body } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const r = await fetch(server.url + '/api/admin/v1' + path, {
    method, headers, body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
}

async function apiLogin(email, password) {
  const r = await api('POST', '/session', { body: { email, password } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { cookie: r.headers.get('set-cookie').split(';')[0], csrf: r.body.csrf_token };
}

async function signIn(options, email) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, ...options });
  const page = await context.newPage();
  await page.goto(server.url + '/admin/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/admin\/stories/);
  return { context, page };
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  assert.ok(server.owner.password, 'the demo prints the owner password');
  const owner = await apiLogin(server.owner.email, server.owner.password);
  for (const [email, role] of [['contributor@example.test', 'contributor'],
    ['editor@example.test', 'editor'], ['desk@example.test', 'editor']]) {
    const r = await api('POST', '/users', { ...owner, body: { email, name: role + ' ' + email.split('@')[0], role, password: PASSWORD } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a contributor writes a story with an image and submits it, but cannot publish', async () => {
  const { context, page } = await signIn({ javaScriptEnabled: false }, 'contributor@example.test');
  await page.getByRole('link', { name: 'Media' }).click();
  await page.locator('#f-file').setInputFiles(join(process.cwd(), 'tests/fixtures/media/tiny.jpg'));
  await page.locator('#f-alt').fill('The harbour wall after the storm');
  await page.locator('#f-credit').fill('Staff photographer');
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.waitForURL(/\/admin\/media\/\d+\?added=1/);
  const mediaId = page.url().match(/media\/(\d+)/)[1];

  await page.goto(server.url + '/admin/stories/new');
  await page.locator('#f-headline').fill(headline);
  await page.locator('#f-standfirst').fill('Boats are back in the water two days after the storm.');
  await page.locator('#f-section_id').selectOption({ index: 1 });
  await page.locator('#f-body').fill('The harbour master reopened the port at dawn.\n\nFishing crews were first out.');
  await page.locator('#f-hero_media_id').selectOption(mediaId);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\/admin\/stories\/\d+\?done=saved/);
  storyId = page.url().match(/stories\/(\d+)/)[1];
  assert.match(await page.locator('.flash').textContent(), /Saved/);
  assert.equal(await page.getByRole('button', { name: 'Publish now' }).count(), 0, 'no publish button');

  // A forged publish is refused by the server, not only hidden.
  const form = Object.fromEntries(await page.locator('#story-form').evaluate((f) => [...new FormData(f)]));
  const forged = await context.request.post(`${server.url}/admin/stories/${storyId}`, {
    form: { ...form, do: 'published' }, maxRedirects: 0,
  });
  assert.equal(forged.status(), 403);
  assert.match(await forged.text(), /contributor may not publish/);
  await page.reload();  // the forged request saved a new version first

  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.waitForURL(/done=in_review/);
  assert.match(await page.locator('.flash').textContent(), /Submitted for review/);
  await context.close();
});

test('an editor schedules the story and it appears on the home page at its time', async () => {
  assert.ok(storyId, 'the first test made the story');
  const { context, page } = await signIn({}, 'editor@example.test');
  await page.goto(`${server.url}/admin/stories/${storyId}`);
  const picker = page.locator('#f-publish_at');
  const now = await picker.getAttribute('data-now');  // the site's local time, to the second
  const at = new Date(Date.parse(now + 'Z') + 6000).toISOString().slice(0, 19);
  await picker.fill(at);
  await page.getByRole('button', { name: 'Schedule' }).click();
  await page.waitForURL(/done=scheduled/);
  const before = await (await fetch(server.url + '/')).text();
  assert.ok(!before.includes(headline), 'not on the home page before its time');
  let live = false;
  for (let i = 0; i < 60 && !live; i++) {
    await new Promise((r) => setTimeout(r, 500));
    live = (await (await fetch(server.url + '/')).text()).includes(headline);
  }
  assert.ok(live, 'on the home page once its time came');
  await page.goto(server.url + '/');
  await page.getByRole('link', { name: headline }).first().click();
  await page.waitForLoadState('load');
  assert.equal((await page.locator('h1').textContent()).trim(), headline);
  assert.equal(await page.locator('figure.story__hero img').getAttribute('alt'), 'The harbour wall after the storm');
  await context.close();
});

test('two editors edit one story: the second gets the conflict and nothing is lost', async () => {
  const first = await signIn({}, 'editor@example.test');
  const second = await signIn({}, 'desk@example.test');
  await first.page.goto(`${server.url}/admin/stories/${storyId}`);
  await second.page.goto(`${server.url}/admin/stories/${storyId}`);
  await first.page.locator('#f-standfirst').fill('Updated by the first editor.');
  await first.page.getByRole('button', { name: 'Save', exact: true }).click();
  await first.page.waitForURL(/done=saved/);

  const mine = 'The second editor rewrote the whole body.';
  await second.page.locator('#f-body').fill(mine);
  await second.page.getByRole('button', { name: 'Save', exact: true }).click();
  await second.page.waitForLoadState('load');
  assert.ok(await second.page.getByRole('heading', { name: /Someone else saved this story/ }).isVisible());
  assert.equal(await second.page.locator('#f-body').inputValue(), mine, 'what was typed is still there');
  assert.match(await second.page.locator('.conflict').textContent(), /Updated by the first editor|version/);
  await second.page.getByRole('button', { name: 'Save', exact: true }).click();
  await second.page.waitForURL(/done=saved/);
  const staff = await apiLogin('desk@example.test', PASSWORD);
  const stored = await api('GET', `/stories/${storyId}`, staff);
  assert.equal(stored.body.body, mine);
  assert.equal(stored.body.standfirst, 'Updated by the first editor.');
  await first.context.close();
  await second.context.close();
});

test('bad input gets a clear message and keeps what was typed', async () => {
  const { context, page } = await signIn({}, 'editor@example.test');
  await page.goto(server.url + '/admin/stories/new');
  await page.locator('#f-headline').fill('A story without a section');
  await page.locator('#f-body').fill('Some text worth keeping.');
  await page.locator('#f-section_id').evaluate((s) => s.removeAttribute('required'));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForLoadState('load');
  assert.ok(await page.getByRole('alert').isVisible());
  assert.match(await page.getByRole('alert').textContent(), /choose a section/);
  assert.equal(await page.locator('#f-headline').inputValue(), 'A story without a section');
  assert.equal(await page.locator('#f-body').inputValue(), 'Some text worth keeping.');
  await context.close();
});

test('the newsroom pages have no serious accessibility violations', async () => {
  const { context, page } = await signIn({}, 'editor@example.test');
  for (const path of ['/admin/stories', `/admin/stories/${storyId}`, '/admin/stories/new', '/admin/media',
    `/admin/stories/${storyId}/history`, '/admin/collections', '/admin/curation', '/admin/account']) {
    await page.goto(server.url + path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes[0]?.target}`), [], path);
  }
  const anonymous = await browser.newContext();
  const login = await anonymous.newPage();
  await login.goto(server.url + '/admin/login');
  const results = await new AxeBuilder({ page: login }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  assert.deepEqual(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), []);
  await anonymous.close();
  await context.close();
});

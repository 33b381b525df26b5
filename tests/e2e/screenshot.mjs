// Renders the demo site's home and a story page to PNG for the README:
//   node tests/e2e/screenshot.mjs   (or `make screenshots`)
import { mkdirSync } from 'node:fs';
import { startServer, launchBrowser } from './server.mjs';

const server = await startServer();
const browser = await launchBrowser();
try {
  mkdirSync('docs/screenshots', { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
  const page = await context.newPage();
  await page.goto(server.url + '/', { waitUntil: 'networkidle' });
  await page.screenshot({ path: 'docs/screenshots/home.png' });
  await page.locator('article.lead h2 a').click();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: 'docs/screenshots/story.png' });
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const mobile = await phone.newPage();
  await mobile.goto(server.url + '/', { waitUntil: 'networkidle' });
  await mobile.screenshot({ path: 'docs/screenshots/home-phone.png' });

  // The newsroom, signed in as the demo owner.
  const desk = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const admin = await desk.newPage();
  await admin.goto(server.url + '/admin/login');
  await admin.locator('#f-email').fill(server.owner.email);
  await admin.locator('#f-password').fill(server.owner.password);
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await admin.waitForURL(/\/admin\/stories/);
  await admin.screenshot({ path: 'docs/screenshots/admin-stories.png' });
  await admin.locator('table.list tbody a').first().click();
  await admin.waitForLoadState('networkidle');
  await admin.screenshot({ path: 'docs/screenshots/admin-editor.png' });
} finally {
  await browser.close();
  await server.stop();
}

import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { serveStatic } from './test/helpers/static-server.ts';
const site = await serveStatic(resolve('dist'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const path = process.argv[2] ?? '/powers/410100-YJ-XK-002/';
for (const width of [1280, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(site.url + path);
  await page.locator('figure.flowchart').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/p18/page-${width}.png` });
  await page.goto(site.url + path + '#flow-view');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/p18/viewer-${width}.png` });
  await page.close();
}
const page = await browser.newPage();
await page.goto(site.url + path);
await page.pdf({ path: '/tmp/p18/page.pdf', preferCSSPageSize: true, printBackground: true });
await browser.close(); await site.close();

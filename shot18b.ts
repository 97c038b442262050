import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { serveStatic } from './test/helpers/static-server.ts';
const site = await serveStatic(resolve('dist'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
for (const path of ['/powers/410100-YJ-XK-002/', '/powers/410100-CG-CF-001/','/powers/410100-CG-ZS-001/']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(site.url + path);
  console.log(path, await page.locator('figure.flowchart img').evaluate((i: HTMLImageElement) => [i.complete, i.naturalWidth, i.src]));
  await page.close();
}
await browser.close(); await site.close();

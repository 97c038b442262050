import { launchChromium } from './helpers/browser.ts';
import { serveStatic } from './helpers/static-server.ts';
const site = await serveStatic('/work/wt19/dist');
const browser = await launchChromium();
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(site.url + '/search/');
await page.waitForSelector('.search[data-ready=true]', { timeout: 15000 });
for (const q of process.argv.slice(2)) {
  await page.fill('#search-input', q);
  await page.press('#search-input', 'Enter');
  await page.waitForFunction(() => ['done', 'empty'].includes((document.querySelector('.search') as HTMLElement).dataset.state!), null, { timeout: 15000 });
  const r = await page.evaluate(() => [...document.querySelectorAll('ol.search-results h3')].map((h) => h.textContent).slice(0, 4).join(' | ') + ' :: ' + document.querySelector('.search-status')!.textContent + ' ' + [...document.querySelectorAll('.search-suggestions li')].map((l) => l.textContent).join(','));
  console.log(q, '=>', r);
}
await browser.close(); await site.close();

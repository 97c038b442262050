import { launchChromium } from './helpers/browser.ts';
import { serveStatic } from './helpers/static-server.ts';
import { checkContentAt } from '../src/model/check.ts';
const model = checkContentAt('/work/wt19/content').model!;
const site = await serveStatic('/work/wt19/dist');
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(site.url + '/search/');
const names = model.powers.map((p) => [p.name, p.code]);
const r = await page.evaluate(`(async () => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const out = [];
  for (const [name, code] of ${JSON.stringify(names)}) {
    const r = await pf.search('"' + name + '"');
    const urls = await Promise.all(r.results.map(async (x) => (await x.data()).url));
    const r2 = await pf.search(name);
    const urls2 = await Promise.all(r2.results.map(async (x) => (await x.data()).url));
    out.push([name, urls.includes('/powers/' + code + '/'), urls.length, urls2.indexOf('/powers/' + code + '/'), urls2.length]);
  }
  return out;
})()`);
for (const x of r as any[]) if (!x[1] || x[3] !== 0) console.log(JSON.stringify(x));
console.log('done', (r as any[]).filter((x) => x[1]).length, 'of', names.length);
await browser.close(); await site.close();

import { launchChromium } from './helpers/browser.ts';
import { serveStatic } from './helpers/static-server.ts';
const site = await serveStatic('/work/wt19/dist');
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(site.url + '/search/');
for (const q of process.argv.slice(2)) {
  const r = await page.evaluate(`(async () => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.init();
    const seg = [...new Intl.Segmenter('zh-cn', {granularity:'word'}).segment(${JSON.stringify(q)})].map(s=>s.segment).join('|');
    const r = await pf.search(${JSON.stringify(q)});
    const data = await Promise.all(r.results.slice(0,5).map((x) => x.data()));
    return seg + ' => ' + r.results.length + ': ' + data.map((d) => d.meta.title).join(' / ');
  })()`);
  console.log(q, r);
}
await browser.close(); await site.close();

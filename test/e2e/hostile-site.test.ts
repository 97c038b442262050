import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContentAt } from '../../src/model/check.ts';
import { browserAvailable, launchChromium } from '../helpers/browser.ts';
import { BASE_FIXTURE } from '../helpers/content.ts';
import { serveStatic } from '../helpers/static-server.ts';

/**
 * A site built from content that passes validation but tries everything a hostile contributor
 * could (script and Mermaid syntax in names and labels, raw HTML and outside resources in the
 * body, entity tricks, template syntax), opened page by page in Chromium. Every request is
 * routed: anything not to the local server fails the test, and so does any dialog or any sign
 * that a payload ran.
 */
const run = browserAvailable();

/** Each payload, if it ever ran, would call alert() or set window.__pwned. */
const NAME = `测试许可证核发"'); alert(1); // ]]> "]; click A call alert(1); %%{init: {"securityLevel":"loose"}}%% javascript:alert(1) \${alert(1)} {{constructor.constructor('alert(1)')()}} &lt;script&gt;window.__pwned=1&lt;/script&gt; ' onmouseover='alert(1)`;
const BODY = `
办理须知[^1]。

<img src="https://evil.example/track.png">
<link rel="stylesheet" href="https://evil.example/x.css">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<b>加粗</b>

[外部链接](https://evil.example/page) <https://evil.example/auto>

\`<script>window.__pwned = 1</script>\`

[^1]: 以窗口告知为准。
`;

let dir: string;
let browser: Browser;
let site: { url: string; close: () => Promise<void> };

describe.runIf(run)('a site built from hostile content, in Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quanze-hostile-site-'));
    cpSync(join(BASE_FIXTURE, 'content'), join(dir, 'content'), { recursive: true });
    const power = join(dir, 'content/powers/test-dept/410100-CS-XK-001.md');
    writeFileSync(power, readFileSync(power, 'utf8').replace('name: 测试许可证核发', `name: ${JSON.stringify(NAME)}`).replace(/\n测试正文。\n$/, `\n${BODY}`));
    const flow = join(dir, 'content/flows/xzxk.yaml');
    writeFileSync(flow, readFileSync(flow, 'utf8').replace(/label: 受理审查/, `label: ${JSON.stringify('受理审查"] --> X["javascript:alert(1)"]; click X call alert(1); style X fill:url(https://evil.example/x)')}`));
    const department = join(dir, 'content/departments/test-dept.yaml');
    writeFileSync(department, readFileSync(department, 'utf8').replace('name: 测试市应急管理局', `name: ${JSON.stringify('测试市应急管理局&amp;"><x onclick=1')}`));
    // The content passes validation (warnings for the raw HTML only): it is what gets published.
    const checked = checkContentAt(join(dir, 'content'), { relativeTo: dir });
    expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const build = spawnSync(process.execPath, [resolve('bin/quanze.mjs'), 'build', '--full', '--content', join(dir, 'content'), '--out', join(dir, 'dist')], {
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    expect(build.status, build.stdout + build.stderr).toBe(0);
    site = await serveStatic(join(dir, 'dist'));
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs no script from content and requests nothing from another host, on every page', { timeout: 300_000 }, async () => {
    const pages = htmlPages(join(dir, 'dist'));
    expect(pages).toContain('/powers/410100-CS-XK-001/');
    const context = await browser.newContext();
    const outside: string[] = [];
    const dialogs: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${site.url}/`) || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await context.addInitScript(() => {
      (window as unknown as { __pwned: number }).__pwned = 0;
    });
    for (const path of pages) {
      const page = await context.newPage();
      page.on('dialog', (dialog) => {
        dialogs.push(`${path}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await page.goto(site.url + path, { waitUntil: 'load' });
      // Hover and click everything a visitor could, so event-handler payloads get their chance.
      for (const element of await page.locator('main a[href^="javascript:"], main [onclick], main [onmouseover]').all()) await element.hover();
      expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned), path).toBe(0);
      expect(await page.locator('a[href^="javascript:" i], a[href^="data:" i], [onclick], [onmouseover], [onerror], [onload]').count(), path).toBe(0);
      await page.close();
    }
    await context.close();
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('shows the hostile name as text and drops the raw HTML, keeping the footnote working', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/powers/410100-CS-XK-001/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(NAME);
    expect(await page.locator('img[src*="evil.example"], link[href*="evil.example"], meta[http-equiv]').count()).toBe(0);
    const ref = page.locator('a[data-footnote-ref]');
    const target = (await ref.getAttribute('href'))!;
    expect(await page.locator(target).textContent()).toContain('以窗口告知为准');
    await page.close();
  });
});

/** Site paths of every built HTML page (folder URLs for index.html). */
function htmlPages(root: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) out.push(`/${relative(root, path).replace(/index\.html$/, '').replace(/\\/g, '/')}`);
    }
  };
  walk(root);
  return out.sort();
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyToHtml } from '../src/generators/body-html.ts';

describe('power bodies', () => {
  it('render GitHub-flavoured Markdown', () => {
    expect(bodyToHtml('| 材料 | 份数 |\n| --- | --: |\n| 申请书 | 1 |\n\n~~旧~~ [办事指南](https://example.org/)')).toBe(
      '<table>\n<thead>\n<tr>\n<th>材料</th>\n<th align="right">份数</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>申请书</td>\n<td align="right">1</td>\n</tr>\n</tbody>\n</table>\n<p><del>旧</del> <a href="https://example.org/">办事指南</a></p>',
    );
  });

  it('sanitise raw HTML: no scripts, handlers, frames or javascript: links survive', () => {
    const html = bodyToHtml('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<iframe src="//evil"></iframe>\n\n[点我](javascript:alert(1)) <b onclick="x()">粗</b>');
    expect(html).not.toMatch(/<script|onerror|onclick|<iframe|javascript:/i);
    expect(html).toContain('粗');
    expect(html).not.toContain('<b');
  });

  it('never lets arbitrary text produce a script or an event handler', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('<script>x</script>', '<a href="javascript:x">a</a>', '<svg onload=x>', '<style>*{}</style>'), (text, attack) => {
        expect(bodyToHtml(`${text}\n\n${attack}\n\n${text}`)).not.toMatch(/<script|<style|javascript:|\son\w+=/i);
      }),
    );
  });
});

import fc from 'fast-check';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { checkMdxSafety, MAY_HOLD_MARKUP } from '../src/model/mdx-safety.ts';

/**
 * checkMdxSafety skips the parse of a body without any character markup needs. The claim is held
 * to remark itself: for bodies built from every ASCII punctuation, letters, Chinese and line
 * breaks, whenever the body passes as plain, neither the Markdown nor the MDX parser finds a tag,
 * expression, module code, link, image or definition, nor fails.
 */
const FLAGGED = new Set(['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'html', 'link', 'image', 'linkReference', 'imageReference', 'definition']);

function flaggedNodes(body: string, mdx: boolean): string[] {
  const processor = mdx ? unified().use(remarkParse).use(remarkMdx) : unified().use(remarkParse);
  const found: string[] = [];
  visit(processor.parse(body), (node) => {
    if (FLAGGED.has(node.type)) found.push(node.type);
  });
  return found;
}

describe('plain bodies are not parsed for markup', () => {
  it('remark finds nothing to report in a body the quick test calls plain', () => {
    const piece = fc.oneof(
      fc.constantFrom(...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n'.split('')),
      fc.constantFrom('[a](b)', '![i](x.png)', '[a]: http://x.cn', '[a][]', '<a>', '<http://x.cn>', '<!-- c -->', '{1}', 'import', 'export', 'import x from "y"', 'export const a = 1', 'http://a.b', 'www.a.cn', 'mailto:a@b.cn', '&amp;', '&#60;', '本事项', '依法', '\n\n', '    ', '1. ', '- ', '# ', '> ', '```', '***', '|a|b|'),
      fc.string({ maxLength: 4 }),
    );
    let plain = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const body = pieces.join('');
        if (MAY_HOLD_MARKUP.test(body)) return;
        plain++;
        expect(flaggedNodes(body, false), JSON.stringify(body)).toEqual([]);
        expect(() => flaggedNodes(body, true), JSON.stringify(body)).not.toThrow();
        expect(flaggedNodes(body, true), JSON.stringify(body)).toEqual([]);
      }),
      { numRuns: 3000, seed: 20261130 },
    );
    expect(plain).toBeGreaterThan(500);
  });

  it('still reports markup and control characters', () => {
    const at = { file: 'content/powers/x/a.mdx', bodyLine: 10 };
    expect(checkMdxSafety('正文 <Script />', 'mdx', at).map((f) => f.rule)).toEqual(['mdx-jsx']);
    expect(checkMdxSafety('见 {1 + 1}', 'mdx', at).map((f) => f.rule)).toEqual(['mdx-expression']);
    expect(checkMdxSafety('import x from "y"\n\n正文', 'mdx', at).map((f) => f.rule)).toEqual(['mdx-import']);
    expect(checkMdxSafety('[链接](javascript:alert(1))', 'md', at).map((f) => f.rule)).toEqual(['unsafe-link']);
    const control = checkMdxSafety('第一行\n本事项\u0007依法办理', 'md', at);
    expect(control.map((f) => [f.rule, f.line, f.column])).toEqual([['control-character', 11, 4]]);
  });
});

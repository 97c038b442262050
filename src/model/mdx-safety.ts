import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

export interface BodyProblem {
  severity: 'error' | 'warning';
  rule: string;
  line: number;
  column: number;
  message: string;
}

const mdxParser = unified().use(remarkParse).use(remarkMdx);
const mdParser = unified().use(remarkParse);

/**
 * Content comes from many departments' pull requests and is compiled at build time, so MDX bodies
 * may not import modules, export values, evaluate expressions or use components. Raw HTML in
 * Markdown is not executed either (the site sanitises it) but is reported so authors know.
 */
export function checkMdxSafety(body: string, extension: 'md' | 'mdx'): BodyProblem[] {
  const problems: BodyProblem[] = [];
  if (extension === 'mdx') {
    let tree;
    try {
      tree = mdxParser.parse(body);
    } catch (error) {
      const e = error as { line?: number; column?: number; place?: { line?: number; column?: number }; reason?: string; message: string };
      const place = e.place ?? e;
      return [
        {
          severity: 'error',
          rule: 'mdx-syntax',
          line: place.line ?? 1,
          column: place.column ?? 1,
          message: `MDX 语法错误：${e.reason ?? e.message}（正文中的 { } < 须转义，或改用 .md）`,
        },
      ];
    }
    visit(tree, (node) => {
      const pos = node.position?.start ?? { line: 1, column: 1 };
      const add = (rule: string, message: string) => problems.push({ severity: 'error', rule, line: pos.line, column: pos.column, message });
      switch (node.type) {
        case 'mdxjsEsm':
          add('mdx-import', '正文不能使用 import/export：内容文件不得引入或执行代码');
          break;
        case 'mdxFlowExpression':
        case 'mdxTextExpression':
          add('mdx-expression', '正文不能使用 { } 表达式：内容文件不得执行代码；如需显示花括号请写作 \\{ \\}');
          break;
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement':
          add('mdx-jsx', `正文不能使用组件或 HTML 标签 <${(node as { name?: string }).name ?? ''}>：请改用 Markdown 语法`);
          break;
      }
    });
    return problems;
  }
  const warnedLines = new Set<number>();
  visit(mdParser.parse(body), 'html', (node) => {
    const pos = node.position?.start ?? { line: 1, column: 1 };
    const value = (node as { value: string }).value;
    if (/<\s*(script|iframe|object|embed|style)\b|\son\w+\s*=|javascript:/i.test(value)) {
      problems.push({ severity: 'error', rule: 'unsafe-html', line: pos.line, column: pos.column, message: '正文含有脚本、内嵌框架或事件属性等不安全的 HTML：请删除，改用 Markdown 语法' });
    } else if (!warnedLines.has(pos.line)) {
      warnedLines.add(pos.line);
      problems.push({ severity: 'warning', rule: 'raw-html', line: pos.line, column: pos.column, message: '正文含有 HTML 标签：发布时会被清理，建议改用 Markdown 语法' });
    }
  });
  return problems;
}

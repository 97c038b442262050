import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { FILE_START, finding, type Finding, type Place } from './findings.ts';
import type { RuleId } from './rules.ts';

/** Reports a problem at a place in the body (lines counted from the body's first line). */
type BodyReport = (rule: RuleId, place: Place | undefined, message: string) => void;

const mdxParser = unified().use(remarkParse).use(remarkMdx);
const mdParser = unified().use(remarkParse);

/**
 * What a body must contain before parsing it can find anything below: a tag or autolink needs <,
 * an expression { or }, a link, image or definition [, module code a line starting with import or
 * export. Most bodies are plain notes: parsing each (about 1.3 s at 10,000 powers) is skipped.
 */
export const MAY_HOLD_MARKUP = /[<>{}[\]]|^[ \t]*(?:import|export)\b/m;

/**
 * Content comes from many departments' pull requests and is compiled at build time, so MDX bodies
 * may not import modules, export values, evaluate expressions or use components. Raw HTML in
 * Markdown is not executed either (the site sanitises it) but is reported so authors know.
 */
export function checkMdxSafety(body: string, extension: 'md' | 'mdx', at: { file: string; bodyLine: number }): Finding[] {
  const problems: Finding[] = [];
  // Findings name the line in the file: the body starts after the front-matter.
  const add: BodyReport = (rule, place = FILE_START, message) =>
    problems.push(finding(rule, at.file, { line: at.bodyLine + place.line - 1, column: place.column }, 'body', message));
  if (!MAY_HOLD_MARKUP.test(body)) {
    controlCharacters(body, add);
    return problems;
  }
  if (extension === 'mdx') {
    let tree;
    try {
      tree = mdxParser.parse(body);
    } catch (error) {
      const e = error as { line?: number; column?: number; place?: { line?: number; column?: number }; reason?: string; message: string };
      const place = e.place ?? e;
      add('mdx-syntax', { line: place.line ?? 1, column: place.column ?? 1 }, `MDX 语法错误：${e.reason ?? e.message}（正文中的 { } < 须转义，或改用 .md）`);
      return problems;
    }
    visit(tree, (node) => {
      const pos = node.position?.start;
      switch (node.type) {
        case 'mdxjsEsm':
          add('mdx-import', pos, '正文不能使用 import/export：内容文件不得引入或执行代码');
          break;
        case 'mdxFlowExpression':
        case 'mdxTextExpression':
          add('mdx-expression', pos, '正文不能使用 { } 表达式：内容文件不得执行代码；如需显示花括号请写作 \\{ \\}');
          break;
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement':
          add('mdx-jsx', pos, `正文不能使用组件或 HTML 标签 <${(node as { name?: string }).name ?? ''}>：请改用 Markdown 语法`);
          break;
      }
    });
    linkProblems(tree, add);
    controlCharacters(body, add);
    return problems;
  }
  const warnedLines = new Set<number>();
  const tree = mdParser.parse(body);
  linkProblems(tree, add);
  controlCharacters(body, add);
  visit(tree, 'html', (node) => {
    const pos = node.position?.start ?? FILE_START;
    const value = (node as { value: string }).value;
    if (/<\s*(script|iframe|object|embed|style)\b|\son\w+\s*=|javascript:/i.test(value)) {
      add('unsafe-html', pos, '正文含有脚本、内嵌框架或事件属性等不安全的 HTML：请删除，改用 Markdown 语法');
    } else if (!warnedLines.has(pos.line)) {
      warnedLines.add(pos.line);
      add('raw-html', pos, '正文含有 HTML 标签：发布时会被清理，建议改用 Markdown 语法');
    }
  });
  return problems;
}

/**
 * The site promises visitors that no page loads anything from another host, so images must be
 * files of the site (relative or site-absolute paths); links may point anywhere over http(s)
 * or mail, but never run script (javascript:, data:, vbscript:).
 */
function linkProblems(tree: ReturnType<typeof mdParser.parse>, report: BodyReport): void {
  const definitions = new Map<string, string>();
  visit(tree, 'definition', (node) => {
    definitions.set((node as { identifier: string }).identifier, (node as { url: string }).url);
  });
  visit(tree, (node) => {
    const pos = node.position?.start;
    const url = node.type === 'image' || node.type === 'link' ? (node as { url: string }).url : node.type === 'imageReference' || node.type === 'linkReference' ? definitions.get((node as { identifier: string }).identifier) : undefined;
    if (url === undefined) return;
    const isImage = node.type === 'image' || node.type === 'imageReference';
    const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (isImage && (scheme !== undefined || /^\s*[\\/]{2}/.test(url))) {
      report('outside-image', pos, `图片「${url.slice(0, 60)}」来自其他网站：网站承诺不向外部网站发出请求，请把图片文件放进仓库并用相对路径引用`);
    } else if (!isImage && scheme !== undefined && !['http', 'https', 'mailto'].includes(scheme)) {
      report('unsafe-link', pos, `链接「${url.slice(0, 60)}」的协议 ${scheme}: 不允许：链接只能是 http(s)、mailto 或站内路径`);
    }
  });
}

/** Control characters (NUL, BEL, ESC …) are never part of a text: they come from broken copies. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function controlCharacters(body: string, report: BodyReport): void {
  body.split('\n').forEach((line, i) => {
    const at = line.search(CONTROL_CHARACTERS);
    if (at !== -1) report('control-character', { line: i + 1, column: at + 1 }, `正文含有控制字符 U+${line.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}：请删除（多来自复制粘贴）`);
  });
}

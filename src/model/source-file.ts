import { lstatSync, readFileSync } from 'node:fs';
import { CST, Lexer, LineCounter, isMap, isNode, isPair, isScalar, parseDocument, type Document } from 'yaml';
import { FILE_START, finding, type FieldPath, type Finding } from './findings.ts';
import { quickYaml } from './quick-yaml.ts';

/**
 * A YAML document (a whole .yaml file or a Markdown front-matter block) that remembers where each
 * field is, so every finding can name a line and column.
 */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Undefined when the file could not be read as YAML at all. */
  locate(path: FieldPath, { key }?: { key?: string }): { line: number; column: number };
}

export interface MarkdownParts {
  frontmatter: string;
  /** 1-based line of the first front-matter line. */
  frontmatterLine: number;
  body: string;
  bodyLine: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Content files are small text; anything larger is a mistake (a pasted statute, a binary). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Reads a file as UTF-8 text or returns an encoding finding. A BOM is accepted and removed, with a warning. */
export function readText(absolutePath: string, file: string): { text?: string; findings: Finding[] } {
  // Checked before reading: a link, a device (/dev/zero) or a huge file is refused unread.
  const stat = lstatSync(absolutePath);
  if (stat.isSymbolicLink()) return { findings: [finding('symlink', file, FILE_START, '', '这是符号链接，不被读取：请把文件本身放进仓库')] };
  if (!stat.isFile()) return { findings: [finding('not-a-file', file, FILE_START, '', '不是普通文件（设备、管道或套接字），不被读取')] };
  if (stat.size > MAX_FILE_BYTES) {
    return {
      findings: [finding('file-too-large', file, FILE_START, '', `文件过大（${(stat.size / 1024 / 1024).toFixed(1)} MB，上限 1 MB）：一个事项文件不应这么大，请检查是否误粘贴了整部法律或其他文件`)],
    };
  }
  const bytes = readFileSync(absolutePath);
  const findings: Finding[] = [];
  // Decoded once, strictly: a blank file is valid UTF-8, so the order of the checks is kept.
  let text: string;
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    text = utf8.decode(hasBom ? bytes.subarray(3) : bytes);
  } catch {
    return {
      findings: [
        finding('encoding', file, FILE_START, '', '文件不是 UTF-8 编码（可能是 GBK/GB18030）：请用编辑器另存为 UTF-8（无 BOM）'),
      ],
    };
  }
  if (text.trim() === '') {
    return { findings: [finding('empty-file', file, FILE_START, '', '文件为空：请按内容格式填写，或删除该文件')] };
  }
  if (hasBom) {
    findings.push(finding('encoding-bom', file, FILE_START, '', '文件以 BOM 开头：已忽略，建议另存为 UTF-8（无 BOM）'));
  }
  return { text: text.replace(/\r\n?/g, '\n'), findings };
}

/** Splits `---\nfront-matter\n---\nbody`. */
export function splitFrontmatter(text: string): MarkdownParts | undefined {
  if (!text.startsWith('---\n')) return undefined;
  const end = text.indexOf('\n---', 3);
  if (end === -1) return undefined;
  const afterFence = text.indexOf('\n', end + 4);
  const fenceLineRest = text.slice(end + 4, afterFence === -1 ? undefined : afterFence);
  if (fenceLineRest.trim() !== '') return undefined;
  const frontmatter = text.slice(4, end + 1);
  const body = afterFence === -1 ? '' : text.slice(afterFence + 1);
  const frontmatterLines = frontmatter.split('\n').length - 1;
  return { frontmatter, frontmatterLine: 2, body, bodyLine: 2 + frontmatterLines + 1 };
}

/**
 * Parses YAML: a plain text is read quickly (quick-yaml.ts) and its places found only when a rule
 * asks for one; anything else is read by the `yaml` package, the judge of every file kind.
 */
export function parseYamlSource(text: string, file: string, firstLine = 1): { source?: YamlSource; findings: Finding[] } {
  const quick = quickYaml(text);
  if (quick) return { source: sourceFromData(text, file, firstLine, quick.data), findings: [] };
  return parseYamlFully(text, file, firstLine);
}

/**
 * Parses YAML with the `yaml` package; syntax errors become findings (rule yaml-syntax). The
 * parser keeps each node's place, so a finding can name its line; a place that cannot be found is
 * reported as 1:1. Alias expansion is limited.
 */
export function parseYamlFully(text: string, file: string, firstLine = 1): { source?: YamlSource; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const shift = firstLine - 1;
  const findings: Finding[] = [];
  // Only the first syntax error is reported: the ones after it are nearly always its echoes.
  const [error] = doc.errors;
  if (error) {
    // An unclosed quote is reported where the parser gave up (often the end of the file); point at
    // the quote that opened it instead, found among the lexer's tokens.
    const quote = error.code === 'MISSING_CHAR' ? unclosedQuoteAt(text) : undefined;
    const pos = lineCounter.linePos(quote ?? error.pos[0]);
    const what = quote === undefined ? (YAML_ERRORS[error.code] ?? `无法解析（错误代码 ${error.code}）`) : '引号未闭合（请在这个值的末尾补上对应的引号）';
    const more = doc.errors.length > 1 ? `（修正后请重新校验，其后另有 ${doc.errors.length - 1} 处可能由此引起的错误）` : '';
    findings.push(finding('yaml-syntax', file, { line: pos.line + shift, column: pos.col }, '', `YAML 格式错误：${what}${more}`));
  }
  if (findings.length) return { findings };
  // Tags such as !!js/function are not part of the content format: the yaml package keeps them
  // as text with a warning, which would publish code as a name.
  const tagWarning = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tagWarning) {
    const pos = lineCounter.linePos(tagWarning.pos[0]);
    const tag = text.slice(tagWarning.pos[0], tagWarning.pos[1]);
    return { findings: [finding('yaml-tag', file, { line: pos.line + shift, column: pos.col }, '', `不支持的 YAML 标签（${tag}）：内容文件只用普通的文字、数字、列表和映射，请删除以 ! 开头的标签`)] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch {
    // Excessive alias expansion (a "billion laughs" document) or an alias to a missing anchor.
    return { findings: [finding('yaml-alias', file, { line: firstLine, column: 1 }, '', 'YAML 别名（*）过多或无法解析：内容文件中请不要使用锚点和别名，直接写出内容')] };
  }
  const locate: YamlSource['locate'] = (path, options = {}) => {
    let offset: number | undefined;
    try {
      offset = nearestNode(doc, path, options.key);
    } catch {
      // A path the document cannot follow (a finding about a value the schema transformed) has no
      // place; the file's start is named rather than failing the whole check.
    }
    if (offset === undefined) return { line: firstLine, column: 1 };
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + shift, column: pos.col };
  };
  return { source: { file, data, locate }, findings };
}

/**
 * A source for data parsed elsewhere (another thread, an earlier run) from this text without any
 * finding: its places are found by parsing the text again, only when a rule asks for one.
 */
export function sourceFromData(text: string, file: string, firstLine: number, data: unknown): YamlSource {
  let parsed: { source?: YamlSource } | undefined;
  return {
    file,
    data,
    locate: (path, options) => {
      parsed ??= parseYamlFully(text, file, firstLine);
      // Data read where `yaml` would refuse the text (quick-yaml.ts declines every such form it
      // knows of): the place is the file's start rather than a failed check.
      return parsed.source ? parsed.source.locate(path, options) : { line: firstLine, column: 1 };
    },
  };
}

function nearestNode(doc: Document, path: FieldPath, key?: string): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (!isNode(node)) continue;
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
    if (depth < path.length && isMap(node)) {
      // The field is missing: point at the key that holds the parent, not at the whole document.
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(path[depth]));
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
    if (node.range) return node.range[0];
  }
  return undefined;
}

/** The yaml package's error codes (YAMLError.code), in Chinese; its English messages are not shown. */
const YAML_ERRORS: Record<string, string> = {
  DUPLICATE_KEY: '字段重复出现',
  BAD_INDENT: '缩进不正确（或列表、映射的括号未闭合）',
  MISSING_CHAR: '缺少字符（例如括号未闭合）',
  MULTILINE_IMPLICIT_KEY: '字段名不能跨行（可能是冒号后缺少空格或缩进错误）',
  BLOCK_AS_IMPLICIT_KEY: '缩进或冒号位置不正确',
  UNEXPECTED_TOKEN: '出现了意外的字符',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  BAD_SCALAR_START: '值的开头字符不合法（以 @ ` 等开头时请加引号）',
  KEY_OVER_1024_CHARS: '字段名过长（冒号前不能超过 1024 个字符）',
  BAD_DQ_ESCAPE: '双引号中的转义字符（\\）不合法',
  BAD_ALIAS: '别名（*）写法不正确',
  ALIAS_PROPS: '别名（*）不能带标签或锚点',
  BAD_DIRECTIVE: '文档指令（以 % 开头的行）不正确',
  BAD_PROP_ORDER: '锚点（&）或标签（!）的位置不正确',
  BLOCK_IN_FLOW: '方括号或花括号中不能使用多行的块写法',
  MULTIPLE_ANCHORS: '一个值只能有一个锚点（&）',
  MULTIPLE_TAGS: '一个值只能有一个标签（!）',
  MULTIPLE_DOCS: '一个文件只能有一个 YAML 文档（不要用 --- 分隔多个文档）',
  NON_STRING_KEY: '字段名应为文字',
  BAD_COLLECTION_TYPE: '列表或映射的类型不正确',
};

/** The offset of a quoted value whose closing quote is missing, if there is one. */
function unclosedQuoteAt(text: string): number | undefined {
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    const body = token.slice(1);
    if (type === 'double-quoted-scalar' && !/(^|[^\\])(\\\\)*"$/.test(body)) return offset;
    if (type === 'single-quoted-scalar' && !body.endsWith("'")) return offset;
    // The lexer's markers for a document, a scalar and a flow's end are not in the text.
    if (type !== 'doc-mode' && type !== 'scalar' && type !== 'flow-error-end') offset += token.length;
  }
  return undefined;
}

/** The file name without folder or .yaml extension: the id a department, law or flow file must carry. */
export function yamlStem(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
}

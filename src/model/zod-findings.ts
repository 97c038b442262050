import { z } from 'zod';
import { finding, type FieldPath, type Finding, type Place } from './findings.ts';
import type { RuleId } from './rules.ts';
import type { YamlSource } from './source-file.ts';

/**
 * Chinese messages for zod's issues, built from each issue's own data (expected type, allowed
 * values, bounds, the input). Passed to `safeParse` as the per-parse error map: a message the
 * schema sets itself (`{ error: '…' }`) takes precedence over it, so custom messages stay as written.
 */
export const zodErrorMap: z.core.$ZodErrorMap = (issue) => {
  const actual = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}，实际为${describeValue(actual)}`;
    case 'invalid_value':
      return `应为 ${issue.values.map(String).join('、')} 之一`;
    case 'too_small':
      return issue.origin === 'array' ? `至少需要 ${issue.minimum} 项` : '不能为空';
    case 'too_big':
      if (issue.origin === 'number') return `不应大于 ${issue.maximum}，实际为 ${String(actual)}`;
      return issue.origin === 'array' ? `最多 ${issue.maximum} 项` : `内容过长（最多 ${issue.maximum} 个字符）`;
    case 'invalid_union':
      return `格式不正确，实际为${describeValue(actual)}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern ? `格式不正确：应符合 ${issue.pattern}，实际为「${String(actual)}」` : `格式不正确：应为 ${FORMAT_NAMES[issue.format] ?? issue.format}`;
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'invalid_key':
      return '字段名不符合要求';
    case 'unrecognized_keys':
      return `未知字段：${issue.keys.join('、')}`;
    default:
      // A refinement or element without a message of its own.
      return '值不符合要求';
  }
};

const FORMAT_NAMES: Record<string, string> = { url: '网址', email: '电子邮件地址', date: '日期（YYYY-MM-DD）', datetime: '日期时间', uuid: 'UUID' };

/**
 * Turns zod issues into findings with a line, a column, the field path and a Chinese message
 * naming the field (with its title from the schema's metadata) and what is expected. The issues
 * must come from a parse with `zodErrorMap`.
 */
export function zodIssuesToFindings(schema: z.ZodType, source: YamlSource, issues: readonly z.core.$ZodIssue[]): Finding[] {
  return issues.flatMap((issue) => issueToFindings(schema, source, issue));
}

function issueToFindings(schema: z.ZodType, source: YamlSource, issue: z.core.$ZodIssue): Finding[] {
  const path = issue.path as FieldPath;
  if (issue.code === 'unrecognized_keys') {
    const allowed = keysAt(schema, path);
    return issue.keys.map((key) => {
      const at = source.locate(path, { key });
      // A pasted paragraph used as a key is shown cut, so the report stays readable.
      const shown = key.length > 40 ? `${key.slice(0, 40)}…（共 ${key.length} 个字符）` : key;
      const guess = key.length > 40 ? undefined : closest(key, allowed);
      const hint = guess ? `，是否应为「${guess}」？` : '。';
      return make(source, at, [...path, shown], 'unknown-key', `未知字段「${shown}」${hint}允许的字段：${allowed.join('、')}`);
    });
  }
  const at = source.locate(path);
  const label = titleAt(schema, path);
  const prefix = label ? `${label}：` : '';
  const actual = getPath(source.data, path);
  return [make(source, at, path, ruleFor(issue, actual), prefix + messageFor(issue, actual))];
}

function make(source: YamlSource, at: Place, path: FieldPath, rule: RuleId, message: string): Finding {
  return finding(rule, source.file, at, path, message);
}

function ruleFor(issue: z.core.$ZodIssue, actual: unknown): RuleId {
  if (issue.code === 'invalid_type' && actual === undefined) return 'required';
  switch (issue.code) {
    case 'invalid_type':
      return 'type';
    case 'invalid_value':
      return 'enum';
    case 'invalid_union':
      return 'type';
    case 'too_small':
    case 'too_big':
      return 'size';
    case 'invalid_format':
      return 'format';
    default:
      return 'value';
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  boolean: 'true 或 false',
  array: '列表',
  object: '字段组（键: 值）',
  date: '日期',
  undefined: '空',
  null: '空值',
};

function describeValue(value: unknown): string {
  if (value === null) return '空值';
  if (Array.isArray(value)) return '列表';
  if (value instanceof Date) return '日期';
  return TYPE_NAMES[typeof value] ?? typeof value;
}

/**
 * The issue's message (the schema's own, or zodErrorMap's), except where the value in the file
 * says more: a missing or empty field is named as such whatever the schema's message, and a value
 * outside a list of options is quoted.
 */
function messageFor(issue: z.core.$ZodIssue, actual: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return '缺少必填字段';
      if (actual === null) return '不能为空';
      return issue.message;
    case 'invalid_value':
      if (actual === null || actual === undefined) return `不能为空：应为 ${issue.values.map(String).join('、')} 之一`;
      return `${issue.message}，实际为「${String(actual)}」`;
    default:
      return issue.message;
  }
}

function getPath(data: unknown, path: FieldPath): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** Finds the sub-schema at a data path, looking through optional/default/pipe wrappers. */
function schemaAt(schema: z.ZodType, path: FieldPath): z.ZodType | undefined {
  let cur: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (!cur) return undefined;
    if (cur instanceof z.ZodObject) cur = unwrap(cur.shape[key as string] as z.ZodType | undefined);
    else if (cur instanceof z.ZodArray) cur = unwrap(cur.element as z.ZodType);
    else if (cur instanceof z.ZodUnion) {
      const options = cur.options as z.ZodType[];
      cur = options.map((o) => schemaAt(o, [key])).find(Boolean);
    } else return undefined;
  }
  return cur;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let cur = schema;
  for (let i = 0; i < 8 && cur; i++) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable) cur = cur.unwrap() as z.ZodType;
    else if (cur instanceof z.ZodPipe) cur = (cur.out instanceof z.ZodTransform ? cur.in : cur.out) as z.ZodType;
    else break;
  }
  return cur;
}

function keysAt(schema: z.ZodType, path: FieldPath): string[] {
  const node = schemaAt(schema, path);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function titleAt(schema: z.ZodType, path: FieldPath): string | undefined {
  for (let depth = path.length; depth > 0; depth--) {
    if (typeof path[depth - 1] === 'number') continue;
    const raw = schemaAtRaw(schema, path.slice(0, depth));
    const title = raw && (z.globalRegistry.get(raw)?.title ?? z.globalRegistry.get(unwrap(raw)!)?.title);
    if (title) return `${title}（${String(path[depth - 1])}）`;
    return undefined;
  }
  return undefined;
}

/** Like schemaAt, but returns the field's own (possibly wrapped) schema so its metadata is found. */
function schemaAtRaw(schema: z.ZodType, path: FieldPath): z.ZodType | undefined {
  if (path.length === 0) return schema;
  const parent = schemaAt(schema, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (parent instanceof z.ZodObject) return parent.shape[key as string] as z.ZodType | undefined;
  if (parent instanceof z.ZodArray) return parent.element as z.ZodType;
  return undefined;
}

/** The allowed key closest to a misspelt one (edit distance ≤ 2, or a transposition). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Damerau–Levenshtein distance (optimal string alignment), so `stgaes` is 1 away from `stages`. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

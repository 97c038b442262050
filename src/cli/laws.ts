import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { checkInputFile } from '../lib/input-file.ts';
import { pathInside } from '../lib/safe-path.ts';
import { isCalendarDate, LAW_ID_PATTERN } from '../schema/common.ts';
import { join, resolve } from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { checkContentAt } from '../model/check.ts';
import { formatFinding } from '../model/findings.ts';
import type { RuleId } from '../model/rules.ts';
import { checkLaws } from '../generators/laws-check.ts';
import { lawsReportText } from '../generators/laws-report-text.ts';
import { parseStatute } from '../lib/statute.ts';
import { parseCommandArgs, textOrJson } from './args.ts';
import { UsageError } from './usage-error.ts';
import { lawsApply } from './laws-apply.ts';
import { lawEffects } from '../generators/law-effects.ts';

/** quanze laws check | quanze laws import */
export async function runLaws(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'check') return lawsCheck(rest);
  if (sub === 'import') return lawsImport(rest);
  if (sub === 'apply') return lawsApply(rest);
  throw new UsageError('用法：quanze laws check [--strict] [--format text|json]、quanze laws import <文件> --law <标识> --version <日期> 或 quanze laws apply --law <标识> --version <日期> [--dry-run]');
}

function lawsCheck(args: string[]): number {
  const { values } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    strict: { type: 'boolean', default: false },
    format: { type: 'string', default: 'text' },
  });
  textOrJson(values.format);
  const result = checkContentAt(resolve(values.content));
  if (!result.model) throw new UsageError('无法读取内容：请先运行 quanze validate');
  const report = checkLaws(result.model);
  // The JSON carries the effects table too: one record per citation each law version touches.
  const json = () => JSON.stringify({ ...report, effects: lawEffects(result.model!) }, null, 2) + '\n';
  process.stdout.write(values.format === 'json' ? json() : lawsReportText(report));
  return values.strict && report.citations.length ? 1 : 0;
}

/** The longest codes run to a few hundred KB; anything larger is the wrong file. */
const MAX_STATUTE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a statute text in the usual 第X条 layout into the registry: the text goes to
 * content/laws/<id>/<version>.md and the version (with its article count) into the law file.
 */
function lawsImport(args: string[]): number {
  const { values, positionals } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    law: { type: 'string' },
    version: { type: 'string' },
    kind: { type: 'string', default: '修正' },
    effective: { type: 'string' },
    source: { type: 'string' },
  });
  const [file] = positionals;
  if (!file || !values.law || !values.version) throw new UsageError('用法：quanze laws import <文件> --law <标识> --version <YYYY-MM-DD> [--kind 制定|修正|修订] [--effective YYYY-MM-DD] [--source 全文来源]');
  if (!isCalendarDate(values.version)) throw new UsageError(`--version「${values.version.slice(0, 40)}」应为真实的日期，写作 YYYY-MM-DD`);
  if (values.effective !== undefined && !isCalendarDate(values.effective)) throw new UsageError(`--effective「${values.effective.slice(0, 40)}」应为真实的日期，写作 YYYY-MM-DD`);
  if (!LAW_ID_PATTERN.test(values.law)) throw new UsageError(`--law「${values.law.slice(0, 40)}」不是法律标识：应为小写字母、数字和连字符，例如 xzxkf`);
  if (!['制定', '修正', '修订'].includes(values.kind)) throw new UsageError('--kind 只能是 制定、修正 或 修订');
  checkInputFile(file, MAX_STATUTE_BYTES);
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const articles = parseStatute(text);
  if (articles.size === 0) throw new UsageError(`${file} 中没有识别出任何「第X条」：全文应逐条以「第X条 」开头`);
  const lawsDir = join(resolve(values.content), 'laws');
  const lawFile = pathInside(lawsDir, [`${values.law}.yaml`], '法律标识');
  if (!existsSync(lawFile)) throw new UsageError(`法规库中没有 ${values.law}：请先创建 content/laws/${values.law}.yaml`);
  checkInputFile(lawFile, MAX_STATUTE_BYTES);
  const doc = parseDocument(readFileSync(lawFile, 'utf8'));
  const versions = doc.get('versions');
  if (doc.errors.length || !isSeq(versions) || !Array.isArray(doc.toJS()?.versions)) {
    throw new UsageError(`content/laws/${values.law}.yaml 不是有效的法律文件（缺少 versions 列表）：请先运行 quanze validate 修正`);
  }
  const count = Math.max(...[...articles.values()].map((a) => Math.floor(a.number)));
  const existing = (doc.toJS().versions as { date: string }[]).findIndex((v) => v.date === values.version);
  // Where the text came from and when, so a reader can check the copy against the publication.
  const provenance: Record<string, string> = values.source ? { source: values.source, retrieved: new Date().toISOString().slice(0, 10) } : {};
  if (existing === -1) {
    const entry: Record<string, unknown> = { date: values.version, kind: values.kind, articles: count, ...provenance };
    if (values.effective) entry.effective = values.effective;
    versions?.items.push(doc.createNode(entry));
    const sorted = (doc.toJS().versions as { date: string }[]).map((v) => v.date);
    if (sorted.some((d, i) => i > 0 && d < sorted[i - 1]!)) throw new UsageError(`${values.version} 早于已登记的版本：请手工按日期顺序插入`);
  } else {
    doc.setIn(['versions', existing, 'articles'], count);
    for (const [key, value] of Object.entries(provenance)) doc.setIn(['versions', existing, key], value);
  }
  const target = pathInside(lawsDir, [values.law, `${values.version}.md`], '法律标识');
  mkdirSync(join(lawsDir, values.law), { recursive: true });
  writeFileSync(target, text);
  writeFileSync(lawFile, doc.toString());
  console.log(`已导入《${values.law}》${values.version} 版本：${articles.size} 条，写入 ${target}`);
  const check = checkContentAt(resolve(values.content));
  const problems = check.findings.filter((f) => TEXT_RULES.includes(f.rule));
  for (const f of problems) console.error(formatFinding(f));
  if (problems.length) console.error(`有 ${problems.length} 处引文或条款与该版本全文不符，请逐条核对。`);
  return problems.length ? 1 : 0;
}

/** The findings a newly imported statute text can cause: quotes and articles checked against it. */
const TEXT_RULES: readonly RuleId[] = ['quote-mismatch', 'quote-omission', 'unknown-article'];

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { changeNote, planApply, type ApplyPlan, type FlaggedCitation } from '../generators/laws-apply.ts';
import { editYamlText, YamlEditError, type YamlEdit } from '../lib/yaml-edit.ts';
import { checkContentAt } from '../model/check.ts';
import { formatFinding } from '../model/findings.ts';
import { parseCommandArgs, textOrJson } from './args.ts';
import { UsageError } from './usage-error.ts';

const USAGE = '用法：quanze laws apply --law <标识> --version <YYYY-MM-DD> [--dry-run] [--format text|json]';

/**
 * quanze laws apply: moves every citation of a law to a new version where the tool can tell
 * nothing else needs to change, and lists the rest for a person. Exit code 1 while anything is
 * left for a person (changed or deleted articles, 裁量基准 bands outside the new range).
 */
export function lawsApply(args: string[]): number {
  const { values } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    law: { type: 'string' },
    version: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    format: { type: 'string', default: 'text' },
  });
  if (!values.law || !values.version) throw new UsageError(USAGE);
  textOrJson(values.format);
  const check = checkContentAt(resolve(values.content));
  if (!check.model) throw new UsageError('无法读取内容：请先运行 quanze validate');
  const law = check.model.laws.get(values.law);
  if (!law) throw new UsageError(`法规库中没有法律「${values.law}」`);
  if (!law.versions.some((v) => v.date === values.version)) {
    throw new UsageError(`《${law.short}》没有 ${values.version} 版本：先用 quanze laws import 导入该版本全文，或在 ${law.file} 中登记`);
  }
  if (!law.texts.has(values.version)) {
    throw new UsageError(`法规库没有《${law.short}》${values.version} 版本的全文：先用 quanze laws import 导入，才能逐条比对`);
  }
  const errors = check.findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    for (const f of errors) console.error(formatFinding(f));
    console.error(`内容有 ${errors.length} 个错误：含错误的事项不会被处理，请先修正后再运行。`);
  }
  const plan = planApply(check.model, law, values.version);
  const changes = fileChanges(plan);
  if (!values['dry-run']) for (const c of changes) writeFileSync(c.path, c.after);

  if (values.format === 'json') {
    process.stdout.write(JSON.stringify(planJson(plan, changes.map((c) => c.file), values['dry-run']), null, 2) + '\n');
  } else {
    if (values['dry-run']) for (const c of changes) process.stdout.write(createTwoFilesPatch(c.file, c.file, c.before, c.after, '', '', { context: 1 }));
    process.stdout.write(planText(plan, changes.length, values['dry-run']));
  }
  return plan.flagged.length || plan.bands.length ? 1 : 0;
}

interface FileChange {
  file: string;
  path: string;
  before: string;
  after: string;
}

/** The edits of the settled citations (and the change notes), file by file. */
function fileChanges(plan: ApplyPlan): FileChange[] {
  const byFile = new Map<string, { edits: YamlEdit[]; code: string }>();
  for (const s of plan.settled) {
    const entry = byFile.get(s.owner.file) ?? { edits: [], code: s.owner.code };
    const path = s.citation.path;
    entry.edits.push(s.citation.versionSource === 'pinned' ? { kind: 'set', path: [...path, 'version'], value: plan.to } : { kind: 'put', path, key: 'version', value: plan.to });
    if (s.article) entry.edits.push({ kind: 'set', path: [...path, 'article'], value: s.article });
    byFile.set(s.owner.file, entry);
  }
  const out: FileChange[] = [];
  for (const [file, { edits, code }] of byFile) {
    const note = code ? changeNote(plan, code) : undefined;
    if (note) edits.push({ kind: 'put', path: [], key: 'change_note', value: note });
    const path = resolve(file);
    const before = readFileSync(path, 'utf8');
    try {
      out.push({ file, path, before, after: editYamlText(before, edits) });
    } catch (e) {
      if (e instanceof YamlEditError) throw new UsageError(`${file}：${e.message}，未作任何修改`);
      throw e;
    }
  }
  return out;
}

function flaggedText(f: FlaggedCitation): string[] {
  const where = `  ${f.owner.file}: ${f.citation.place}《${f.citation.law.short}》${f.citation.article}（${f.citation.version}）`;
  switch (f.fate.status) {
    case 'changed':
      return [`${where}：条文内容有修改`, `    原文：${f.fate.before}`, `    新文：${f.fate.after}`];
    case 'moved':
      return [`${where}：条号改为${f.fate.to}，内容也有修改`, `    原文：${f.fate.before}`, `    新文：${f.fate.after}`];
    case 'deleted':
      return [`${where}：新版本已删除该条`, `    原文：${f.fate.before}`, '    新文：（无）'];
    case 'unknown':
      return [`${where}：无法比对（${f.fate.reason}）`];
  }
}

function planText(plan: ApplyPlan, files: number, dryRun: boolean): string {
  const renumbered = plan.settled.filter((s) => s.article).length;
  const lines = [
    `《${plan.law.short}》${plan.to} 版本：${dryRun ? '可自动更新' : '已自动更新'} ${plan.settled.length} 处引用（条文未变 ${plan.settled.length - renumbered} 处，条号变化而条文未变 ${renumbered} 处），涉及 ${files} 个文件${dryRun ? '（试运行，未写入）' : ''}。`,
  ];
  if (plan.flagged.length) {
    lines.push('', `须人工核对 ${plan.flagged.length} 处（未作修改）：`);
    for (const f of plan.flagged) lines.push(...flaggedText(f));
  }
  if (plan.bands.length) {
    lines.push('', `裁量基准须调整 ${plan.bands.length} 处：`);
    for (const b of plan.bands) lines.push(`  ${b.owner.file}: 「${b.violation}」${b.message}`);
  }
  if (!plan.flagged.length && !plan.bands.length) lines.push('没有须人工核对的引用。');
  return lines.join('\n') + '\n';
}

function planJson(plan: ApplyPlan, files: string[], dryRun: boolean) {
  const where = (owner: { file: string; code: string }, c: { kind: string; place: string; path: readonly (string | number)[]; article: string; version: string }) => ({
    file: owner.file,
    code: owner.code || null,
    kind: c.kind,
    place: c.place,
    field: c.path.join('.'),
    article: c.article,
    version: c.version,
  });
  return {
    law: plan.law,
    version: plan.to,
    dryRun,
    files,
    settled: plan.settled.map((s) => ({ ...where(s.owner, s.citation), newArticle: s.article ?? s.citation.article, newVersion: plan.to })),
    flagged: plan.flagged.map((f) => ({ ...where(f.owner, f.citation), fate: f.fate })),
    bands: plan.bands.map((b) => ({ file: b.owner.file, code: b.owner.code, field: b.path.join('.'), violation: b.violation, degree: b.degree, penalty: b.penalty, article: b.article, message: b.message })),
  };
}

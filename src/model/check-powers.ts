import { powerSchema, type Power } from '../schema/power.ts';
import { CITATION_KIND_LABELS, resolveCitation, type Citation, type CitationKind, type CitationRef } from './citations.ts';
import { limitFromValue, type TimeLimit } from '../lib/time-limit.ts';
import { dayTypeOf } from '../generators/service-summary.ts';
import { reporter, type Finding, type FieldPath, type Report } from './findings.ts';
import type { PowerSource } from './load.ts';
import { checkDerived } from './check-derived.ts';
import { checkMdxSafety } from './mdx-safety.ts';
import { parseWithSchema } from './parse-file.ts';
import { codeRegex } from './stage-table.ts';
import type { CategoryDef, DepartmentModel, LawModel, PowerModel, ProcedureDef, ResolvedCitation, ResolvedStage, StageTable } from './types.ts';
import type { FlowTemplate } from '../schema/flow-template.ts';
import { checkPowerFlow } from './check-flow.ts';

/** Ids whose file exists but failed its own checks: references to them are not reported again. */
export interface InvalidIds {
  departments: Set<string>;
  laws: Set<string>;
  flows: Set<string>;
}

interface Context {
  invalid: InvalidIds;
  /** Flow templates for the findings about a power's chart in law; absent when re-reading past versions (dated lists). */
  flows?: Map<string, FlowTemplate>;
  table: StageTable;
  departments: Map<string, DepartmentModel>;
  laws: Map<string, LawModel>;
  findings: Finding[];
  /** Quotes checked word for word against a held statute text and found verbatim. */
  quotes: { verified: number };
  /** The version each law's unversioned citations mean (see reviewedVersions); without it, the latest. */
  reviewed?: Map<string, string>;
}

/** Validates every power against its schema and the rest of the content, and resolves the valid ones. */
export function checkPowers(sources: PowerSource[], ctx: Context): PowerModel[] {
  const byCode = new Map<string, { power: Power; source: PowerSource }>();
  const resolved: PowerModel[] = [];
  const parsed: { power: Power; source: PowerSource }[] = [];
  for (const source of sources) {
    const power = parseWithSchema(powerSchema, source, ctx.findings);
    if (!power) continue;
    const report = reporter(source, ctx.findings);
    const seen = byCode.get(power.code);
    if (seen) {
      report(['code'], 'duplicate-code', `事项编码「${power.code}」重复：已用于 ${seen.source.file}（${seen.power.name}）；编码须全站唯一`);
      continue;
    }
    byCode.set(power.code, { power, source });
    parsed.push({ power, source });
  }
  for (const { power, source } of parsed) {
    const start = ctx.findings.length;
    const model = checkPower(power, source, ctx, byCode);
    // Only entries without errors of their own are resolved (the build refuses any error anyway).
    if (model && !ctx.findings.slice(start).some((f) => f.severity === 'error')) resolved.push(model);
  }
  const categoryIndex = new Map(ctx.table.categories.map((c, i) => [c.name, i]));
  const departmentOrder = [...ctx.departments.keys()];
  return resolved.sort(
    (a, b) =>
      departmentOrder.indexOf(a.department.id) - departmentOrder.indexOf(b.department.id) ||
      categoryIndex.get(a.category.name)! - categoryIndex.get(b.category.name)! ||
      a.code.localeCompare(b.code),
  );
}

function checkPower(
  power: Power,
  source: PowerSource,
  ctx: Context,
  byCode: Map<string, { power: Power; source: PowerSource }>,
): PowerModel | undefined {
  const report = reporter(source, ctx.findings);
  const { table } = ctx;

  if (source.stem !== power.code) {
    report(['code'], 'code-filename', `文件名应为事项编码：请把 ${source.stem}.${source.extension} 改名为 ${power.code}.${source.extension}`);
  }
  const department = ctx.departments.get(source.folder);
  if (!department && !ctx.invalid.departments.has(source.folder)) {
    report([], 'unknown-department', `目录「${source.folder}」没有对应的部门文件 content/departments/${source.folder}.yaml`);
  }

  const category = table.categories.find((c) => c.name === power.category);
  if (!category) {
    const names = table.categories.map((c) => c.name);
    const guess = closestByChars(power.category, names);
    report(['category'], 'unknown-category', `职权类别「${power.category}」不在 stages.yaml 中${guess ? `，是否应为「${guess}」？` : '；'}可选：${names.join('、')}`);
    return undefined;
  }

  let procedure: ProcedureDef | undefined;
  if (category.hasVariants) {
    const names = category.procedures.map((p) => p.name);
    if (!power.procedure) report(['procedure'], 'procedure-required', `${category.name}须填写程序 procedure：${names.join('、')} 之一`);
    else {
      procedure = category.procedures.find((p) => p.name === power.procedure);
      if (!procedure) report(['procedure'], 'unknown-procedure', `${category.name}没有「${power.procedure}」程序；可选：${names.join('、')}`);
    }
  } else {
    procedure = category.procedures[0];
    if (power.procedure) report(['procedure'], 'procedure-not-allowed', `${category.name}没有程序之分，请删去 procedure`);
  }

  if (department) {
    const pattern = codeRegex(table, department.region, category.code);
    if (!pattern.test(power.code)) {
      report(['code'], 'code-format', `事项编码「${power.code}」不符合格式 ${pattern.source}（${category.name}的类别代码为 ${category.code}，例如 ${department.region}-XX-${category.code}-001）`);
    }
  }

  const unit = department?.unitById.get(power.unit);
  if (department && !unit) {
    report(['unit'], 'unknown-unit', `承办机构「${power.unit}」不在 ${department.file} 中；可选：${[...department.unitById.keys()].join('、')}`);
  }

  if (power.parent !== undefined) {
    const parent = byCode.get(power.parent);
    if (power.parent === power.code) report(['parent'], 'parent-self', '主项编码不能是本事项自己');
    else if (!parent) report(['parent'], 'unknown-parent', `主项「${power.parent}」不存在`);
    else {
      if (parent.power.category !== power.category) {
        report(['parent'], 'parent-category', `子项的类别（${power.category}）须与主项 ${parent.power.code} 的类别（${parent.power.category}）相同`);
      }
      if (parent.power.parent) report(['parent'], 'parent-nested', `主项 ${parent.power.code} 本身是子项：子项下不能再设子项`);
    }
  }

  if (category.fee && !power.fee) report(['fee'], 'fee-required', `${category.name}须填写收费情况 fee，例如 { charged: false }`);

  const citations: Citation[] = [];
  const basis = checkCitations(power, ctx, report, citations);
  // An unversioned citation means the version the power's 实施依据 cite: of the same article where
  // it is cited there, else the oldest version of that law the basis cites (mid-way through an
  // update, the citations not yet checked against the new text stay with the old one).
  const basisVersion = (law: string, article: string) => {
    const same = basis?.find((c) => c.law.id === law && c.article === article);
    if (same) return same.version;
    return basis?.filter((c) => c.law.id === law).map((c) => c.version).sort()[0];
  };
  const cite: Cite = (ref, kind, path, place) => {
    const c = resolveCitation(ref, kind, path, place, resolveContext(ctx), report, basisVersion);
    if (c) citations.push(c);
    return c;
  };
  const accountability = (power.accountability ?? []).map((a, i) => ({
    situation: a.situation,
    basis: a.basis ? cite(a.basis, 'accountability', ['accountability', i, 'basis'], `追责情形${i + 1}`) : undefined,
  }));
  const derived = checkDerived(power, basis, cite, report);
  const stages = procedure ? checkStages(power, procedure, department, unit, ctx, report, cite) : [];
  const totalLimit = checkTotalLimit(power, category, ctx, report, cite);

  if (source.extension === 'mdx' || source.body.trim()) {
    ctx.findings.push(...checkMdxSafety(source.body, source.extension, { file: source.file, bodyLine: source.bodyLine }));
  }

  const enforcement = power.enforcement && {
    by: power.enforcement.by,
    obligation: power.enforcement.obligation,
    basis: (() => {
      const c = power.enforcement.basis && cite(power.enforcement.basis, 'enforcement', ['enforcement', 'basis'], '强制执行依据');
      return c && { law: c.law, article: c.article };
    })(),
  };

  if (!department || !unit || !procedure || !basis) return undefined;
  const liability = power.liability === undefined ? table.liability : Array.isArray(power.liability) ? power.liability : [power.liability];
  const model: PowerModel = {
    code: power.code,
    name: power.name,
    category,
    procedure,
    parent: power.parent,
    unit,
    partners: power.partners ?? [],
    level: power.level,
    target: power.target,
    basis,
    stages,
    fee: power.fee,
    totalLimit,
    enforcement,
    liability,
    liabilityIsStandard: power.liability === undefined,
    accountability,
    citations,
    status: power.status,
    notes: power.notes,
    changeNote: power.change_note,
    directoryCode: power.directory_code,
    derived,
    department,
    file: source.file,
    extension: source.extension,
    body: source.body,
    record: power,
  };
  const template = ctx.flows?.get(procedure.flow);
  if (template) checkPowerFlow(model, template, ctx.table, report);
  return model;
}

/** The overall limit: its basis must resolve, and a promise cannot be longer than the law allows. */
function checkTotalLimit(power: Power, category: CategoryDef, ctx: Context, report: Report, cite: Cite): PowerModel['totalLimit'] {
  const field = power.total_limit;
  if (!field) return undefined;
  const statutory = limitFromValue(field.statutory)!;
  const promised = field.promised === undefined ? undefined : limitFromValue(field.promised)!;
  const key = (l: TimeLimit) => (l.unit === '当场' ? '当场' : (dayTypeOf(l, field.basis?.law, ctx.table.dayCounting, category.dayType) ?? l.unit));
  if (promised && key(promised) === key(statutory) && promised.amount > statutory.amount) {
    report(['total_limit', 'promised'], 'promised-over-statutory', `承诺办结时限（${promised.text}）不得长于法定办结时限（${statutory.text}）`);
  }
  const basis = field.basis && cite(field.basis, 'total-limit', ['total_limit', 'basis'], '办结时限依据');
  return { statutory, promised, basis: basis && { law: basis.law, article: basis.article, version: basis.version } };
}

/** Resolves one citation of any kind through the shared resolver and records it for the power. */
export type Cite = (ref: CitationRef, kind: CitationKind, path: FieldPath, place: string) => Citation | undefined;

function resolveContext(ctx: Context) {
  return { laws: ctx.laws, invalidLaws: ctx.invalid.laws, reviewed: ctx.reviewed ?? new Map<string, string>(), quotes: ctx.quotes };
}

function checkCitations(power: Power, ctx: Context, report: Report, citations: Citation[]): ResolvedCitation[] | undefined {
  const out: ResolvedCitation[] = [];
  const seen = new Set<string>();
  let ok = true;
  power.basis.forEach((citation, i) => {
    const at = (field?: string): FieldPath => (field ? ['basis', i, field] : ['basis', i]);
    const resolved = resolveCitation(citation, 'basis', at(), `${CITATION_KIND_LABELS.basis}${i + 1}`, resolveContext(ctx), report);
    if (!resolved) {
      ok = false;
      return;
    }
    const { law } = resolved;
    const key = `${citation.law} ${citation.article}`;
    if (seen.has(key)) report(at('article'), 'duplicate-citation', `《${law.short}》${citation.article}重复引用`);
    seen.add(key);
    if (resolved.stale) {
      report(at('version'), 'stale-citation', `引用的是《${law.short}》${citation.version} 版本，该法已于 ${law.latest.date} ${law.latest.kind}：请核对条文后更新 version`);
    }
    if (!citation.quote) report(at(), 'quote-missing', `《${law.short}》${citation.article}缺少引文 quote：清单须载明条文原文`);
    citations.push(resolved);
    out.push({ law, article: citation.article, version: citation.version, quote: citation.quote, stale: resolved.stale });
  });
  return ok ? out : undefined;
}

function checkStages(
  power: Power,
  procedure: ProcedureDef,
  department: DepartmentModel | undefined,
  unit: DepartmentModel['units'][number] | undefined,
  ctx: Context,
  report: Report,
  cite: Cite,
): ResolvedStage[] {
  const other = ctx.table.otherStage.name;
  const names = power.stages.map((s) => s.stage);
  names.forEach((name, i) => {
    if (name === other && i !== names.length - 1) report(['stages', i, 'stage'], 'stage-order', `「${other}」只能作为最后一个环节`);
  });
  const main = names[names.length - 1] === other ? names.slice(0, -1) : names;
  const label = procedure.name ? `${power.category}（${procedure.name}）` : power.category;
  if (procedure.stages === 'free') {
    main.forEach((name, i) => {
      if (main.indexOf(name) !== i) report(['stages', i, 'stage'], 'duplicate-stage', `环节「${name}」重复`);
    });
  } else {
    const expected = procedure.stages;
    const allowed = expected.map((s) => s.name);
    const describe = expected.map((s) => (s.optional ? `${s.name}（可选）` : s.name)).join('、');
    let cursor = 0;
    let failed = false;
    main.forEach((name, i) => {
      if (failed || name === other) return;
      const at = allowed.indexOf(name, cursor);
      if (at === -1) {
        failed = true;
        const problem = allowed.includes(name) ? `环节「${name}」顺序不对` : `「${name}」不是${label}的环节`;
        report(['stages', i, 'stage'], 'stage-order', `${problem}。${label}的责任事项环节应依次为：${describe}（最后可加「${other}」）；实际为：${names.join('、')}`);
        return;
      }
      const skipped = expected.slice(cursor, at).filter((s) => !s.optional);
      const misplaced = skipped.find((s) => main.includes(s.name));
      if (misplaced) {
        failed = true;
        report(['stages', i, 'stage'], 'stage-order', `环节顺序不对：「${misplaced.name}」应在「${name}」之前。${label}的责任事项环节应依次为：${describe}（最后可加「${other}」）；实际为：${names.join('、')}`);
        return;
      }
      if (skipped.length) {
        failed = true;
        report(['stages', i, 'stage'], 'stage-missing', `缺少环节「${skipped.map((s) => s.name).join('、')}」。${label}的责任事项环节应依次为：${describe}（最后可加「${other}」）；实际为：${names.join('、')}`);
        return;
      }
      cursor = at + 1;
    });
    if (!failed) {
      const missing = expected.slice(cursor).filter((s) => !s.optional).map((s) => s.name);
      if (missing.length) {
        report(['stages'], 'stage-missing', `缺少环节「${missing.join('、')}」。${label}的责任事项环节应依次为：${describe}（最后可加「${other}」）；实际为：${names.join('、')}`);
      }
    }
  }

  const out: ResolvedStage[] = [];
  power.stages.forEach((stage, i) => {
    const stageUnit = stage.unit !== undefined ? department?.unitById.get(stage.unit) : unit;
    if (stage.unit !== undefined && department && !stageUnit) {
      report(['stages', i, 'unit'], 'unknown-unit', `机构「${stage.unit}」不在 ${department.file} 中；可选：${[...department.unitById.keys()].join('、')}`);
    }
    if (stage.stage === other && stage.post === undefined && stage.duty.trim() === ctx.table.otherStage.duty) {
      report(['stages', i], 'redundant-other-stage', `「${other}」与标准表述相同且未指定岗位：清单会自动列出这一项，可删去`);
    }
    if (stage.post === undefined) {
      if (stage.stage !== other) report(['stages', i], 'stage-no-post', `环节「${stage.stage}」没有指定岗位 post：岗责体系中将显示为未落实到岗位`);
    } else if (stageUnit && !stageUnit.posts.includes(stage.post)) {
      const guess = closestByChars(stage.post, stageUnit.posts);
      report(['stages', i, 'post'], 'unknown-post', `岗位「${stage.post}」不在${stageUnit.name}（${stageUnit.id}）的岗位中${guess ? `，是否应为「${guess}」？` : '。'}可选：${stageUnit.posts.join('、')}${stage.unit === undefined ? '。若由其他机构承担，请在本环节填写 unit' : ''}`);
    }
    const resolved = stage.basis ? cite(stage.basis, 'stage', ['stages', i, 'basis'], `环节「${stage.stage}」依据`) : undefined;
    const basis: ResolvedStage['basis'] = resolved && { law: resolved.law, article: resolved.article, version: resolved.version };
    const limit = toLimit(stage.limit);
    let extension: ResolvedStage['extension'];
    if (stage.extension) {
      if (!stage.limit) report(['stages', i, 'extension'], 'extension-without-limit', `环节「${stage.stage}」写了延长期限 extension，但没有期限 limit`);
      const ref = stage.extension.basis && cite(stage.extension.basis, 'stage', ['stages', i, 'extension', 'basis'], `环节「${stage.stage}」延长期限依据`);
      const extLimit = toLimit(stage.extension.limit);
      if (ref && extLimit) extension = { limit: extLimit, basis: { law: ref.law, article: ref.article, version: ref.version } };
    }
    if (stageUnit) {
      out.push({ stage: stage.stage, post: stage.post, unit: stageUnit, duty: stage.duty, limit, basis, extension, isOther: stage.stage === other && i === power.stages.length - 1 });
    }
  });
  return out;
}

function toLimit(limit: Power['stages'][number]['limit']) {
  return limit === undefined ? undefined : limitFromValue(limit);
}

/** Closest candidate sharing most characters (for Chinese names, where edit distance on keys does not apply). */
function closestByChars(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const c of candidates) {
    const shared = [...new Set(word)].filter((ch) => c.includes(ch)).length;
    const score = shared / Math.max(c.length, word.length);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return bestScore >= 0.5 ? best : undefined;
}

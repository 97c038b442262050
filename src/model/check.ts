import { flowTemplateSchema, type FlowTemplate } from '../schema/flow-template.ts';
import { siteSchema, type SiteSettings } from '../schema/site.ts';
import { resolveCitation, reviewedVersions, type Citation } from './citations.ts';
import { checkAdjustments } from './check-adjustments.ts';
import { checkDirectories, checkDirectoryLinks } from './check-directory.ts';
import { checkDepartments } from './check-departments.ts';
import { checkLaws } from './check-laws.ts';
import { checkPowers } from './check-powers.ts';
import { FILE_START, finding, hasErrors, reporter, sortFindings, type Finding } from './findings.ts';
import { markupInText } from './markup-in-text.ts';
import { loadContent, type LoadedContent, type LoadOptions } from './load.ts';
import { parseWithSchema } from './parse-file.ts';
import { readStageTable } from './stage-table.ts';
import { yamlStem } from './source-file.ts';
import { dayRuleOf, isWorkingDays, templateAmount } from '../generators/flowchart/limits.ts';
import type { Model, StageTable } from './types.ts';

export interface CheckResult {
  findings: Finding[];
  /** Present when the stage table could be read; holds only the entries that passed every check. */
  model?: Model;
  ok: boolean;
  /** How many quotes were compared word for word with a held statute text and found verbatim. */
  quotesVerified?: number;
}

/** Load → validate → resolve, for the content folder at `root`. */
export function checkContentAt(root: string, options: LoadOptions = {}): CheckResult {
  const result = checkContent(loadContent(root, options));
  // The places the rules asked of kept files are kept too.
  options.cache?.save();
  return result;
}

export function checkContent(loaded: LoadedContent): CheckResult {
  const findings: Finding[] = [...loaded.findings];
  const settings = [loaded.stageTable, loaded.site].filter((s) => s !== undefined);
  for (const source of [...loaded.powers, ...loaded.departments, ...loaded.laws, ...loaded.flows, ...loaded.adjustments, ...loaded.directories, ...settings]) findings.push(...markupInText(source));
  const table = readStageTable(loaded.stageTable, findings);
  const site = readSiteSettings(loaded, findings);
  const laws = checkLaws(loaded.laws, loaded.statutes, findings);
  const reviewed = reviewedVersions(laws, pinnedVersions(loaded));
  const quotes = { verified: 0 };
  const departments = checkDepartments(loaded.departments, findings);
  const invalid = {
    departments: new Set([...invalidIds(loaded.departments, departments), ...unreadable(loaded, 'departments')]),
    laws: new Set([...invalidIds(loaded.laws, laws), ...unreadable(loaded, 'laws')]),
    flows: new Set<string>(),
  };
  const flowCitations: Model['flowCitations'] = [];
  const flows = checkFlows(loaded, table, { laws, invalidLaws: invalid.laws, reviewed, quotes }, findings, invalid, flowCitations);
  if (!table) return { findings: sortFindings(findings), ok: false };
  const powers = checkPowers(loaded.powers, { invalid, flows, table, departments, laws, findings, quotes, reviewed });
  const adjustments = checkAdjustments(loaded.adjustments, { departments, powers, findings });
  const directories = checkDirectories(loaded.directories, { table, laws, findings });
  checkDirectoryLinks({
    directories,
    departments,
    departmentSources: loaded.departments,
    powers,
    powerSources: loaded.powers,
    unreadableDirectories: new Set([...invalidIds(loaded.directories, directories), ...unreadable(loaded, 'directory')]),
    findings,
  });
  for (const source of loaded.departments) {
    const id = yamlStem(source.file);
    if (departments.has(id) && !loaded.powers.some((p) => p.folder === id)) {
      findings.push(finding('empty-department', source.file, FILE_START, '', `部门「${id}」还没有任何事项：网站会发布一份空清单；请在 content/powers/${id}/ 中添加事项（quanze new ${id} <职权类别>）`));
    }
  }
  let sorted: Finding[] | undefined;
  return {
    // Sorted by place when first read: a build that passes never reads them (findings.ts).
    get findings() {
      return (sorted ??= sortFindings(findings));
    },
    quotesVerified: quotes.verified,
    model: { site, stageTable: table, flows, departments: [...departments.values()], laws, powers, flowCitations, adjustments, directories },
    ok: !hasErrors(findings),
  };
}

/**
 * The site settings, validated like every other file (a missing or unreadable site.yaml is already
 * a finding of the loader). The partial model of a folder that does not pass carries the schema's
 * defaults, so `quanze check` can still report; such a model is never built.
 */
function readSiteSettings(loaded: LoadedContent, findings: Finding[]): SiteSettings {
  const fallback: SiteSettings = { title: '', sample: false };
  return (loaded.site && parseWithSchema(siteSchema, loaded.site, findings)) || fallback;
}

/** Stems of files in a folder that could not be read at all (empty, bad encoding, bad YAML). */
function unreadable(loaded: LoadedContent, folder: string): string[] {
  const pattern = new RegExp(`(^|/)${folder}/([^/]+)\\.ya?ml$`);
  return loaded.findings.map((f) => pattern.exec(f.file)?.[2]).filter((id): id is string => Boolean(id));
}

/** File stems of files that were read but did not pass their own checks. */
function invalidIds(sources: { file: string }[], valid: Map<string, unknown>): Set<string> {
  return new Set(sources.map((s) => yamlStem(s.file)).filter((id) => !valid.has(id)));
}


function checkFlows(
  loaded: LoadedContent,
  table: StageTable | undefined,
  resolveContext: Parameters<typeof resolveCitation>[4],
  findings: Finding[],
  invalid: { laws: Set<string>; flows: Set<string> },
  flowCitations: Model['flowCitations'],
) {
  const flows = new Map<string, FlowTemplate>();
  const sourceById = new Map<string, (typeof loaded.flows)[number]>();
  for (const source of loaded.flows) {
    const flow = parseWithSchema(flowTemplateSchema, source, findings);
    if (!flow) continue;
    const report = reporter(source, findings);
    const stem = yamlStem(source.file);
    if (stem !== flow.id) report(['id'], 'id-filename', `流程模板标识「${flow.id}」应与文件名「${stem}」一致`);
    const refs: [(string | number)[], { law: string; article: string; version?: string }, string][] = [];
    flow.nodes.forEach((n, i) => n.basis.forEach((b, j) => refs.push([['nodes', i, 'basis', j], b, `节点「${n.label}」依据`])));
    flow.edges.forEach((e, i) => e.basis.forEach((b, j) => refs.push([['edges', i, 'basis', j], b, `连线${i + 1}依据`])));
    flow.nodes.forEach((n, i) => n.limit?.basis.forEach((b, j) => refs.push([['nodes', i, 'limit', 'basis', j], b, `节点「${n.label}」期限依据`])));
    flow.nodes.forEach((n, i) => {
      if (!n.limit) return;
      const amount = templateAmount(n.limit.text);
      if (!amount) {
        report(['nodes', i, 'limit', 'text'], 'flow-limit-text', `无法识别期限「${n.limit.text}」：应写作「二十个工作日内」「三十日」「七个工作日前」「三个月内」「当场」等`);
        return;
      }
      if (!table || (amount.unit !== '工作日' && amount.unit !== '日')) return;
      // 许可法 §82, 处罚法 §85, 强制法 §69 decide whether the setting law's N日 are working days.
      const law = n.limit.basis[0]!.law;
      const working = isWorkingDays(table.dayCounting, law, amount.amount);
      if (working !== (amount.unit === '工作日')) {
        const rule = dayRuleOf(table.dayCounting, law);
        const lawName = resolveContext.laws.get(law)?.short ?? law;
        report(
          ['nodes', i, 'limit', 'text'],
          'flow-limit-day-type',
          working
            ? `期限「${n.limit.text}」应写明工作日：《${lawName}》${rule!.article}规定本法的该期限以工作日计算`
            : `期限「${n.limit.text}」不应写作工作日：${rule ? `《${lawName}》${rule.article}不把该期限计为工作日` : `《${lawName}》没有以工作日计算期限的规定`}，按日计算`,
        );
      }
    });
    const citations: Citation[] = [];
    for (const [path, ref, place] of refs) {
      const c = resolveCitation(ref, 'flow', path, place, resolveContext, report);
      if (c) citations.push(c);
    }
    flowCitations.push({ flow: flow.id, file: source.file, citations });
    flows.set(flow.id, flow);
    sourceById.set(flow.id, source);
  }
  for (const source of loaded.flows) if (!flows.has(yamlStem(source.file))) invalid.flows.add(yamlStem(source.file));
  for (const id of unreadable(loaded, 'flows')) invalid.flows.add(id);
  if (!table) return flows;
  const tableSource = loaded.stageTable!;
  const reportTable = reporter(tableSource, findings);
  table.categories.forEach((category, ci) => {
    category.procedures.forEach((procedure, pi) => {
      const flow = flows.get(procedure.flow);
      const name = procedure.name ? `${category.name}（${procedure.name}）` : category.name;
      if (!flow) {
        if (invalid.flows.has(procedure.flow)) return;
        const path = category.hasVariants ? ['categories', ci, 'procedures', pi, 'flow'] : ['categories', ci, 'flow'];
        reportTable(path, 'unknown-flow', `${name}的流程模板「${procedure.flow}」不存在：请添加 content/flows/${procedure.flow}.yaml`);
        return;
      }
      if (flow.categories && !flow.categories.includes(category.name)) {
        const path = category.hasVariants ? ['categories', ci, 'procedures', pi, 'flow'] : ['categories', ci, 'flow'];
        const fitting = [...flows.values()].filter((f) => f.categories?.includes(category.name)).map((f) => f.id);
        reportTable(
          path,
          'flow-category',
          `${name}使用了${flow.categories.join('、')}的流程模板「${flow.id}」（${flow.title}），其步骤和期限不适用于${category.name}：${fitting.length ? `请改用 ${fitting.join('、')}` : `请为${category.name}编写模板（categories 含「${category.name}」），或使用 generic`}`,
        );
      }
      if (flow.layout === 'linear' || procedure.stages === 'free') return;
      const source = sourceById.get(flow.id)!;
      const stageNames = procedure.stages.map((s) => s.name);
      for (const stage of procedure.stages.filter((s) => !s.optional).map((s) => s.name)) {
        if (!flow.nodes.some((n) => n.stage === stage)) {
          findings.push(finding('flow-stage-missing', source.file, FILE_START, 'nodes', `流程模板没有属于环节「${stage}」的节点（${name}使用此模板）`));
        }
      }
      flow.nodes.forEach((node, i) => {
        if (node.stage && !stageNames.includes(node.stage)) {
          reporter(source, findings)(['nodes', i, 'stage'], 'flow-stage-unknown', `「${node.stage}」不是${name}的环节；可选：${stageNames.join('、')}`);
        }
      });
    });
  });
  return flows;
}

/** Every version pinned by a 实施依据 in the power files (read from the raw data, before resolving). */
function pinnedVersions(loaded: LoadedContent): { law: string; version: string }[] {
  const out: { law: string; version: string }[] = [];
  for (const source of loaded.powers) {
    const basis = (source.data as { basis?: unknown } | undefined)?.basis;
    if (!Array.isArray(basis)) continue;
    for (const b of basis) {
      if (b && typeof b === 'object' && typeof b.law === 'string' && typeof b.version === 'string') out.push({ law: b.law, version: b.version });
    }
  }
  return out;
}

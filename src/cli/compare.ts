import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { checkDirectories } from '../model/check-directory.ts';
import { formatFinding, hasErrors, sortFindings, type Finding } from '../model/findings.ts';
import { parseYamlSource, readText, splitFrontmatter, type YamlSource } from '../model/source-file.ts';
import { zodErrorMap } from '../model/zod-findings.ts';
import type { DirectoryModel, Model } from '../model/types.ts';
import { compareDepartment, upperFindings, type DepartmentVersusDirectory } from '../generators/directory/compare-upper.ts';
import { comparePeers, peerListFromModel, peerListFromOpenData, type PeerList } from '../generators/directory/compare-peer.ts';
import { peerToHtml, peerToMarkdown, peerToText, upperToHtml, upperToMarkdown, upperToText } from '../generators/directory/render.ts';
import { openDataSchema } from '../schema/open-data.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './usage-error.ts';

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;

/**
 * quanze compare --upper <目录文件或文件夹> | --peer <内容文件夹或导出 JSON>: a list against the
 * level above, or against a peer jurisdiction's list.
 */
export async function runCompare(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    upper: { type: 'string' },
    peer: { type: 'string' },
    department: { type: 'string' },
    format: { type: 'string', default: 'text' },
    strict: { type: 'boolean', default: false },
  });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format 只能是 ${FORMATS.join('、')} 之一`);
  if (Boolean(values.upper) === Boolean(values.peer)) throw new UsageError('请指定 --upper <上级目录> 或 --peer <对比的内容文件夹或导出 JSON> 之一');
  const model = validModel(resolve(values.content));
  if (values.department && !model.departments.some((d) => d.id === values.department)) {
    throw new UsageError(`部门「${values.department}」不存在；可选：${model.departments.map((d) => d.id).join('、')}`);
  }

  if (values.upper) {
    const directories = readDirectories(resolve(values.upper), model);
    const reports = upperReports(model, directories, values.department);
    const locate = fieldLocator();
    const findings = reports.map((r) => upperFindings(r, model, locate));
    const output = format === 'json' ? JSON.stringify(reports.map((r, i) => ({ ...r, findings: findings[i] })), null, 2) + '\n' : format === 'markdown' ? upperToMarkdown(reports) : format === 'html' ? upperToHtml(reports) : upperToText(reports);
    process.stdout.write(output);
    // As quanze validate: one line per finding on stderr, then the count; exit 1 on an error (or, with --strict, a warning).
    const all = findings.flat();
    const errors = all.filter((f) => f.severity === 'error').length;
    if (format !== 'json') {
      for (const f of all) (f.severity === 'error' ? console.error : console.warn)(formatFinding(f));
      if (reports.length) console.error(`与上级目录对照：${errors} 个错误，${all.length - errors} 个警告`);
    }
    return errors || (values.strict && all.length) ? 1 : 0;
  }

  const own = filterDepartment(peerListFromModel(model, labelOf(resolve(values.content))), model, values.department);
  const peer = readPeer(resolve(values.peer!));
  const comparison = comparePeers(own, peer);
  process.stdout.write(format === 'json' ? JSON.stringify(comparison, null, 2) + '\n' : format === 'markdown' ? peerToMarkdown(comparison) : format === 'html' ? peerToHtml(comparison) : peerToText(comparison));
  const differs = comparison.onlyA.length + comparison.onlyB.length + comparison.matched.filter((m) => m.differences.length).length > 0;
  return values.strict && differs ? 1 : 0;
}

function validModel(contentDir: string): Model {
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) throw new UsageError(`内容文件夹「${contentDir}」不存在`);
  const result = checkContentAt(contentDir);
  if (!result.ok || !result.model) {
    for (const f of result.findings.filter((x) => x.severity === 'error')) console.error(formatFinding(f));
    throw new UsageError(`「${contentDir}」的内容未通过校验：请先按 quanze validate 的提示修改`);
  }
  return result.model;
}

/** Directory files named by --upper (one file, or every .yaml in a folder), checked like content. */
function readDirectories(path: string, model: Model): Map<string, DirectoryModel> {
  if (!existsSync(path)) throw new UsageError(`上级目录「${path}」不存在：应为 content/directory/<标识>.yaml 格式的文件或文件夹`);
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((n) => /\.ya?ml$/.test(n) && !n.startsWith('.')).sort().map((n) => join(path, n))
    : [path];
  if (!files.length) throw new UsageError(`「${path}」中没有 .yaml 目录文件`);
  const findings: Finding[] = [];
  const sources: YamlSource[] = [];
  for (const file of files) {
    if (!statSync(file).isFile()) continue;
    const shown = relative(process.cwd(), file).split(sep).join('/');
    const { text, findings: read } = readText(file, shown);
    findings.push(...read);
    if (text === undefined) continue;
    const parsed = parseYamlSource(text, shown);
    findings.push(...parsed.findings);
    if (parsed.source) sources.push(parsed.source);
  }
  const directories = checkDirectories(sources, { table: model.stageTable, laws: model.laws, findings });
  const sorted = sortFindings(findings);
  for (const f of sorted) console.error(formatFinding(f));
  if (hasErrors(sorted)) throw new UsageError('上级目录未通过校验：请按上面的提示修改');
  return directories;
}

/**
 * Each department against the directory it names. A department that names none is compared only
 * when asked for by --department and exactly one directory was given: a sector's directory says
 * nothing about another sector's list.
 */
function upperReports(model: Model, directories: Map<string, DirectoryModel>, only?: string): DepartmentVersusDirectory[] {
  const single = only && directories.size === 1 ? [...directories.values()][0] : undefined;
  const reports: DepartmentVersusDirectory[] = [];
  for (const department of model.departments) {
    if (only && department.id !== only) continue;
    const directory = (department.directory !== undefined ? directories.get(department.directory) : undefined) ?? (department.directory === undefined ? single : undefined);
    if (!directory) {
      if (department.directory !== undefined || only) console.error(`${department.name}：${department.directory === undefined ? '没有指定上级目录（部门文件的 directory）' : `指定的上级目录「${department.directory}」不在 --upper 给出的文件中`}，未对照`);
      continue;
    }
    reports.push(compareDepartment(model, department, directory));
  }
  return reports;
}

function readPeer(path: string): PeerList {
  if (!existsSync(path)) throw new UsageError(`对比对象「${path}」不存在：应为内容文件夹或 quanze export 导出的 JSON 文件`);
  if (statSync(path).isDirectory()) return peerListFromModel(validModel(path), labelOf(path));
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new UsageError(`「${path}」不是 JSON 文件：应为 quanze export 导出的清单（或内容文件夹）`);
  }
  const parsed = openDataSchema.safeParse(data, { error: zodErrorMap });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`「${path}」不是 quanze export 导出的清单格式（${issue.path.join('.') || '顶层'}：${issue.message}）`);
  }
  return peerListFromOpenData(parsed.data, labelOf(path));
}

function filterDepartment(list: PeerList, model: Model, id?: string): PeerList {
  if (!id) return list;
  const name = model.departments.find((d) => d.id === id)!.name;
  return { label: name, powers: list.powers.filter((p) => p.department === name) };
}

/** A readable name for a list: its folder's parent for content/, else the file or folder name. */
function labelOf(path: string): string {
  const name = basename(path);
  return name === 'content' ? basename(resolve(path, '..')) : name.replace(/\.json$/, '');
}

/**
 * The line of a top-level field in a content file (a power's front matter or a department's YAML),
 * each file read once; 1:1 when the file or the field cannot be found.
 */
function fieldLocator(): (file: string, field: string) => { line: number; column: number } {
  const sources = new Map<string, YamlSource | undefined>();
  return (file, field) => {
    if (!sources.has(file)) {
      const { text } = readText(resolve(file), file);
      const parts = text !== undefined && file.endsWith('.md') ? splitFrontmatter(text) : undefined;
      const parsed = text === undefined ? undefined : parts ? parseYamlSource(parts.frontmatter, file, parts.frontmatterLine) : parseYamlSource(text, file);
      sources.set(file, parsed?.source);
    }
    return sources.get(file)?.locate([field]) ?? { line: 1, column: 1 };
  };
}

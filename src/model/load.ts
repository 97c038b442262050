import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { FILE_START, finding, type Finding } from './findings.ts';
import type { RuleId } from './rules.ts';
import type { ParseCache } from './parse-cache.ts';
import { parseAll, type ParseTask } from './parse-pool.ts';
import { parseYamlSource, readText, splitFrontmatter, type YamlSource } from './source-file.ts';

/** A power file as read from disk: its front-matter (with positions) and its body. */
export interface PowerSource extends YamlSource {
  /** Department id taken from the folder: content/powers/<department>/<file>. */
  folder: string;
  /** File name without extension. */
  stem: string;
  extension: 'md' | 'mdx';
  body: string;
  bodyLine: number;
}

/** The full text of one version of a law: content/laws/<id>/<YYYY-MM-DD>.md. */
export interface StatuteSource {
  file: string;
  law: string;
  version: string;
  text: string;
}

export interface LoadedContent {
  root: string;
  stageTable?: YamlSource;
  site?: YamlSource;
  flows: YamlSource[];
  departments: YamlSource[];
  laws: YamlSource[];
  statutes: StatuteSource[];
  powers: PowerSource[];
  /** Adjustment records (调整文件): content/adjustments/<id>.yaml. */
  adjustments: YamlSource[];
  /** Upper-level directories (通用目录): content/directory/<id>.yaml. */
  directories: YamlSource[];
  /** Problems found while reading: encodings, empty files, YAML syntax, misplaced files. */
  findings: Finding[];
}

export interface LoadOptions {
  /** Findings name files relative to this folder (default: the working directory). */
  relativeTo?: string;
  /** Parsed YAML kept between runs (parse-cache.ts); saved when loading is done. */
  cache?: ParseCache;
  /** Parse the power files on two threads where there are many (parse-pool.ts). */
  parallel?: boolean;
}

/**
 * Reads every content file under `root` (the content/ folder). Reading never throws on bad
 * content: each problem becomes a finding so one run reports them all.
 */
export function loadContent(root: string, options: LoadOptions = {}): LoadedContent {
  const out: LoadedContent = { root, flows: [], departments: [], laws: [], statutes: [], powers: [], adjustments: [], directories: [], findings: [] };
  const base = options.relativeTo ?? process.cwd();
  const rel = (p: string) => relative(base, p).split(sep).join('/');
  // Nothing under content/ is skipped silently: each entry that is not read gets a finding.
  const unread: Unread = (path, rule, message) => out.findings.push(finding(rule, rel(path), FILE_START, '', message));
  const listFiles = (dir: string, pattern: RegExp, recursive = false) => listContentFiles(dir, pattern, recursive, unread);

  const parse = (text: string, file: string, firstLine?: number) => (options.cache ? options.cache.parse(text, file, firstLine) : parseYamlSource(text, file, firstLine));
  const readYaml = (path: string): YamlSource | undefined => {
    const file = rel(path);
    const { text, findings } = readText(path, file);
    out.findings.push(...findings);
    if (text === undefined) return undefined;
    const parsed = parse(text, file);
    out.findings.push(...parsed.findings);
    return parsed.source;
  };

  const stagesPath = join(root, 'stages.yaml');
  if (existsSync(stagesPath)) out.stageTable = readYaml(stagesPath);
  else out.findings.push(finding('missing-file', rel(stagesPath), FILE_START, '', '缺少环节划分参照表 stages.yaml'));

  const sitePath = join(root, 'site.yaml');
  if (existsSync(sitePath)) out.site = readYaml(sitePath);
  else out.findings.push(finding('missing-file', rel(sitePath), FILE_START, '', '缺少站点设置 site.yaml：请至少填写站点名称 title'));
  for (const path of listFiles(join(root, 'flows'), /\.ya?ml$/)) push(out.flows, readYaml(path));
  for (const path of listFiles(join(root, 'departments'), /\.ya?ml$/)) push(out.departments, readYaml(path));
  for (const path of listFiles(join(root, 'adjustments'), /\.ya?ml$/)) push(out.adjustments, readYaml(path));
  for (const path of listFiles(join(root, 'directory'), /\.ya?ml$/)) push(out.directories, readYaml(path));

  const lawsDir = join(root, 'laws');
  for (const path of listFiles(lawsDir, /\.ya?ml$/)) push(out.laws, readYaml(path));
  for (const lawDir of listDirs(lawsDir)) {
    for (const path of listFiles(join(lawsDir, lawDir), /.*/)) {
      const file = rel(path);
      const name = path.slice(path.lastIndexOf(sep) + 1);
      const m = /^(\d{4}-\d{2}-\d{2})\.(md|txt)$/.exec(name);
      if (!m) {
        out.findings.push(finding('misplaced-file', file, FILE_START, '', '法律全文文件应命名为 <版本日期>.md，例如 2019-04-23.md'));
        continue;
      }
      const { text, findings } = readText(path, file);
      out.findings.push(...findings);
      if (text !== undefined) out.statutes.push({ file, law: lawDir, version: m[1]!, text });
    }
  }

  const powersDir = join(root, 'powers');
  // Read first, then parsed together (parse-pool.ts); findings are kept in the order of the files.
  const read: { findings: Finding[]; power?: Omit<PowerSource, keyof YamlSource>; task?: ParseTask }[] = [];
  for (const path of listFiles(powersDir, /.*/, true)) {
    const file = rel(path);
    const parts = relative(powersDir, path).split(sep);
    const name = parts[parts.length - 1]!;
    const ext = /\.(mdx?)$/.exec(name)?.[1] as 'md' | 'mdx' | undefined;
    if (parts.length !== 2 || !ext) {
      read.push({ findings: [finding('misplaced-file', file, FILE_START, '', '事项文件应放在 content/powers/<部门标识>/<事项编码>.md（或 .mdx）')] });
      continue;
    }
    const { text, findings } = readText(path, file);
    read.push({ findings });
    if (text === undefined) continue;
    const split = splitFrontmatter(text);
    if (!split) {
      findings.push(finding('frontmatter-missing', file, FILE_START, '', '文件须以 --- 开始、以 --- 结束的 YAML 头部（front-matter）开头'));
      continue;
    }
    if (split.frontmatter.trim() === '') {
      findings.push(finding('empty-file', file, { line: 2, column: 1 }, '', 'YAML 头部为空：请填写事项字段'));
      continue;
    }
    read[read.length - 1] = {
      findings,
      task: { text: split.frontmatter, file, firstLine: split.frontmatterLine },
      power: { folder: parts[0]!, stem: name.replace(/\.mdx?$/, ''), extension: ext, body: split.body, bodyLine: split.bodyLine },
    };
  }
  const tasks = read.flatMap((r) => (r.task ? [r.task] : []));
  const parsed = parseAll(tasks, options.cache, options.parallel ?? false);
  let next = 0;
  for (const r of read) {
    out.findings.push(...r.findings);
    if (!r.task || !r.power) continue;
    const result = parsed[next++]!;
    out.findings.push(...result.findings);
    if (result.source) out.powers.push({ ...result.source, ...r.power });
  }
  options.cache?.save();
  return out;
}

function push<T>(list: T[], item: T | undefined) {
  if (item !== undefined) list.push(item);
}

type Unread = (path: string, rule: RuleId, message: string) => void;

/** Real (not linked, not hidden) folders in `dir`; links and hidden entries are reported by listContentFiles. */
function listDirs(dir: string): string[] {
  if (!isRealFolder(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
}

function isRealFolder(dir: string): boolean {
  return existsSync(dir) && lstatSync(dir).isDirectory();
}

/**
 * Regular files in `dir` (and below it when `recursive`) whose name matches, sorted for stable
 * output. Symbolic links are never followed (a link to / or outside the repository would be
 * walked or published); they, hidden entries, devices and files of other kinds are reported.
 */
function listContentFiles(dir: string, pattern: RegExp, recursive: boolean, unread: Unread): string[] {
  if (existsSync(dir) && lstatSync(dir).isSymbolicLink()) {
    unread(dir, 'symlink', '这是符号链接，不被读取：内容文件夹须是仓库中的普通文件夹');
    return [];
  }
  if (!isRealFolder(dir)) return [];
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.name.startsWith('.')) unread(path, 'hidden-file', '隐藏文件或文件夹（名称以 . 开头）不被读取：如是内容，请去掉开头的点');
      else if (entry.isSymbolicLink()) unread(path, 'symlink', '这是符号链接，不被读取：请把文件本身放进仓库');
      else if (entry.isDirectory()) {
        if (recursive) walk(path);
      } else if (!entry.isFile()) unread(path, 'not-a-file', '不是普通文件（设备、管道或套接字），不被读取');
      else if (pattern.test(entry.name)) found.push(path);
      else unread(path, 'unread-file', `文件类型不符，不被读取：此文件夹只读取 ${pattern.source.replace(/\\/g, '').replace(/[$^]/g, '').replace('ya?ml', 'yaml/.yml')} 文件`);
    }
  };
  walk(dir);
  return found.sort();
}

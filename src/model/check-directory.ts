import { codeSchemeProblem, parentCodeOf } from '../lib/code-scheme.ts';
import { textAt } from '../lib/statute.ts';
import { directorySchema, type DirectoryItem } from '../schema/directory.ts';
import { FILE_START, finding, reporter, type Finding } from './findings.ts';
import type { RuleId } from './rules.ts';
import { parseWithSchema } from './parse-file.ts';
import { yamlStem, type YamlSource } from './source-file.ts';
import type { DepartmentModel, DirectoryModel, LawModel, PowerModel, StageTable } from './types.ts';

/**
 * Upper-level directories (通用目录, content/directory/<id>.yaml): each file on its own — unique
 * codes, parents that exist, codes that fit the directory's code scheme, categories of the stage
 * table, laws of the registry.
 */
export function checkDirectories(
  sources: YamlSource[],
  ctx: { table: StageTable; laws: Map<string, LawModel>; findings: Finding[] },
): Map<string, DirectoryModel> {
  const out = new Map<string, DirectoryModel>();
  for (const source of sources) {
    const directory = parseWithSchema(directorySchema, source, ctx.findings);
    if (!directory) continue;
    const start = ctx.findings.length;
    const report = reporter(source, ctx.findings);
    const stem = yamlStem(source.file);
    if (stem !== directory.id) report(['id'], 'id-filename', `目录标识「${directory.id}」应与文件名「${stem}」一致`);
    if (out.has(directory.id)) report(['id'], 'duplicate-id', `目录标识「${directory.id}」重复（另见 ${out.get(directory.id)!.file}）`);

    const itemByCode = new Map<string, DirectoryItem>();
    directory.items.forEach((item, i) => {
      if (itemByCode.has(item.code)) report(['items', i, 'code'], 'duplicate-code', `目录编码「${item.code}」重复`);
      itemByCode.set(item.code, item);
    });
    const categories = ctx.table.categories.map((c) => c.name);
    directory.items.forEach((item, i) => {
      if (!categories.includes(item.category)) report(['items', i, 'category'], 'unknown-category', `职权类别「${item.category}」不在环节划分参照表中；可选：${categories.join('、')}`);
      if (item.parent !== undefined) {
        const parent = itemByCode.get(item.parent);
        if (!parent) report(['items', i, 'parent'], 'unknown-parent', `主项编码「${item.parent}」不在本目录中`);
        else if (parent.parent !== undefined) report(['items', i, 'parent'], 'nested-parent', `「${item.parent}」本身是子项：子项的主项须是主项`);
        else if (parent.category !== item.category) report(['items', i, 'category'], 'parent-category', `子项的职权类别「${item.category}」与主项「${parent.name}」的「${parent.category}」不同`);
      }
      if (directory.code_scheme) {
        const problem = codeSchemeProblem(directory.code_scheme, item.code, item.parent !== undefined);
        if (problem) report(['items', i, 'code'], 'code-scheme', `${problem}（${directory.code_scheme.name}）`);
        else if (item.parent !== undefined && parentCodeOf(directory.code_scheme, item.code) !== item.parent) {
          report(['items', i, 'code'], 'code-parent', `子项编码「${item.code}」应以主项编码「${item.parent}」开头（${directory.code_scheme.name}）`);
        }
      }
      (item.basis ?? []).forEach((citation, j) => {
        const law = ctx.laws.get(citation.law);
        if (!law) {
          report(['items', i, 'basis', j, 'law'], 'directory-unknown-law', `法规库中没有法律「${citation.law}」：对照时无法比较这条依据，请在 content/laws/ 中登记`);
          return;
        }
        const text = citation.article ? law.texts.get(law.latest.date) : undefined;
        const found = text && citation.article ? textAt(text, citation.article) : undefined;
        if (found && !found.ok) report(['items', i, 'basis', j, 'article'], 'unknown-article', `《${law.short}》${found.problem}`);
      });
    });
    if (ctx.findings.slice(start).some((f) => f.severity === 'error')) continue;
    out.set(directory.id, { ...directory, file: source.file, itemByCode });
  }
  return out;
}

/**
 * The links into a directory: a department's `directory` must name one, and a power's
 * `directory_code` must be an item of its department's directory.
 */
export function checkDirectoryLinks(ctx: {
  directories: Map<string, DirectoryModel>;
  departments: Map<string, DepartmentModel>;
  departmentSources: YamlSource[];
  powers: PowerModel[];
  powerSources: YamlSource[];
  unreadableDirectories: Set<string>;
  findings: Finding[];
}): void {
  const departmentSource = new Map(ctx.departmentSources.map((s) => [yamlStem(s.file), s]));
  for (const department of ctx.departments.values()) {
    if (department.directory === undefined || ctx.directories.has(department.directory) || ctx.unreadableDirectories.has(department.directory)) continue;
    const source = departmentSource.get(department.id);
    const at = source?.locate(['directory']) ?? FILE_START;
    ctx.findings.push(finding('unknown-directory', department.file, at, 'directory', `上级目录「${department.directory}」不存在：应为 content/directory/ 中某个文件的 id`));
  }
  const powerSource = new Map(ctx.powerSources.map((s) => [s.file, s]));
  for (const power of ctx.powers) {
    if (power.directoryCode === undefined) continue;
    // Located only for a finding: a source may have to be parsed again to find a place (parse-cache.ts).
    const report = (message: string, rule: RuleId) =>
      ctx.findings.push(finding(rule, power.file, powerSource.get(power.file)?.locate(['directory_code']) ?? FILE_START, 'directory_code', message));
    const directoryId = power.department.directory;
    if (directoryId === undefined) {
      report(`${power.department.name}没有指定上级目录（部门文件的 directory），directory_code 无从对照`, 'no-directory');
      continue;
    }
    const directory = ctx.directories.get(directoryId);
    if (!directory) continue;
    if (!directory.itemByCode.has(power.directoryCode)) {
      report(`目录编码「${power.directoryCode}」不在《${directory.title}》中`, 'unknown-directory-code');
    }
  }
}

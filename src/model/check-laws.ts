import { lawSchema } from '../schema/law.ts';
import { parseStatute } from '../lib/statute.ts';
import { FILE_START, finding, reporter, type Finding } from './findings.ts';
import type { StatuteSource } from './load.ts';
import { parseWithSchema } from './parse-file.ts';
import { yamlStem, type YamlSource } from './source-file.ts';
import type { LawModel } from './types.ts';

/** Validates the law registry and parses the full texts it holds. */
export function checkLaws(sources: YamlSource[], statutes: StatuteSource[], findings: Finding[]): Map<string, LawModel> {
  const laws = new Map<string, LawModel>();
  for (const source of sources) {
    const law = parseWithSchema(lawSchema, source, findings);
    if (!law) continue;
    const report = reporter(source, findings);
    const stem = yamlStem(source.file);
    if (stem !== law.id) report(['id'], 'id-filename', `法律标识「${law.id}」应与文件名「${stem}」一致`);
    if (laws.has(law.id)) {
      report(['id'], 'duplicate-id', `法律标识「${law.id}」重复（另见 ${laws.get(law.id)!.file}）`);
      continue;
    }
    const dates = law.versions.map((v) => v.date);
    dates.forEach((date, i) => {
      if (dates.indexOf(date) !== i) report(['versions', i, 'date'], 'duplicate-version', `版本日期 ${date} 重复`);
      if (i > 0 && date < dates[i - 1]!) report(['versions', i, 'date'], 'version-order', `版本应按日期从早到晚排列：${date} 排在 ${dates[i - 1]} 之后`);
    });
    if (law.status === '已废止' && !law.repealed) report(['repealed'], 'repealed-date', '已废止的法律须填写废止日期 repealed');
    if (law.repealed && law.status !== '已废止') report(['status'], 'repealed-date', `填写了废止日期 ${law.repealed}，时效性应为「已废止」`);
    const latest = [...law.versions].sort((a, b) => a.date.localeCompare(b.date)).at(-1)!;
    laws.set(law.id, { ...law, file: source.file, latest, texts: new Map() });
  }
  for (const statute of statutes) {
    const law = laws.get(statute.law);
    if (!law) {
      findings.push(finding('unknown-law', statute.file, FILE_START, '', `法规库中没有「${statute.law}」：全文目录名须是法律标识`));
      continue;
    }
    if (!law.versions.some((v) => v.date === statute.version)) {
      findings.push(finding('unknown-version', statute.file, FILE_START, '', `${law.short}没有 ${statute.version} 版本：先在 ${law.file} 的 versions 中登记该版本`));
      continue;
    }
    const articles = parseStatute(statute.text);
    if (articles.size === 0) {
      findings.push(finding('statute-format', statute.file, FILE_START, '', '没有识别出任何「第X条」：全文应逐条以「第X条 」开头'));
      continue;
    }
    law.texts.set(statute.version, articles);
  }
  return laws;
}

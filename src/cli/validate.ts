import { resolve, relative, sep } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { formatFinding, type Finding } from '../model/findings.ts';
import { parseCommandArgs, textOrJson } from './args.ts';

export async function runValidate(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    content: { type: 'string', default: 'content' },
    format: { type: 'string', default: 'text' },
  });
  textOrJson(values.format);
  const started = performance.now();
  // On two threads at city scale (parse-pool.ts); no parse cache here, so a check in CI or by hand reads every file afresh.
  const result = checkContentAt(resolve(values.content), { parallel: true });
  const findings = filterByPaths(result.findings, positionals);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (values.format === 'json') {
    console.log(JSON.stringify(findings, null, 2));
  } else {
    for (const f of findings) (f.severity === 'error' ? console.error : console.warn)(formatFinding(f));
    const powers = result.model?.powers.length ?? 0;
    const ms = Math.round(performance.now() - started);
    const quotes = `已逐字核对 ${result.quotesVerified ?? 0} 处引文`;
    const summary = `${errors} 个错误，${warnings} 个警告（已通过 ${powers} 个事项，${quotes}，用时 ${ms} 毫秒）`;
    console.error(errors ? `校验未通过：${summary}` : `校验通过：${summary}`);
  }
  return errors ? 1 : 0;
}

/** Keeps findings in the given files or folders; everything is still checked, so cross-file rules hold. */
function filterByPaths(findings: Finding[], paths: string[]): Finding[] {
  if (paths.length === 0) return findings;
  const prefixes = paths.map((p) => relative(process.cwd(), resolve(p)).split(sep).join('/'));
  return findings.filter((f) => prefixes.some((p) => p === '' || f.file === p || f.file.startsWith(p.endsWith('/') ? p : `${p}/`)));
}

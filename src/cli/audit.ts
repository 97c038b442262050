import { resolve } from 'node:path';
import { checkContentAt } from '../model/check.ts';
import { audit, auditText } from '../generators/audit.ts';
import { parseCommandArgs, textOrJson } from './args.ts';
import { UsageError } from './usage-error.ts';

export async function runAudit(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { content: { type: 'string', default: 'content' }, format: { type: 'string', default: 'text' } });
  textOrJson(values.format);
  const result = checkContentAt(resolve(values.content));
  if (!result.model) throw new UsageError('无法读取内容：请先运行 quanze validate');
  const reports = audit(result.model);
  process.stdout.write(values.format === 'json' ? JSON.stringify(reports, null, 2) + '\n' : auditText(reports));
  return reports.every((r) => r.score === r.total) ? 0 : 1;
}

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.ts';

/** node:util parseArgs, with its English errors turned into a usage error. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    throw new UsageError(unknown ? `未知选项 ${unknown[1]}` : `参数有误（${message}）`);
  }
}

/** The value of a command's --format option: text (for people) or json (for tools). */
export function textOrJson(format: string): 'text' | 'json' {
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format 只能是 text 或 json：${format}`);
  return format;
}

import { existsSync, statSync } from 'node:fs';
import { UnsafePathError } from './safe-path.ts';

/**
 * A file named on the command line (a spreadsheet to import, a statute text) must be a regular
 * file of bounded size: /dev/zero, a pipe or a folder would otherwise hang or exhaust memory.
 */
export function checkInputFile(path: string, maxBytes: number): void {
  if (!existsSync(path)) throw new UnsafePathError(`找不到文件 ${path}`);
  const stat = statSync(path);
  if (!stat.isFile()) throw new UnsafePathError(`${path} 不是普通文件（是文件夹、设备或管道），无法读取`);
  if (stat.size > maxBytes) {
    throw new UnsafePathError(`${path} 过大（${(stat.size / 1024 / 1024).toFixed(1)} MB，上限 ${Math.round(maxBytes / 1024 / 1024)} MB）：请确认选对了文件`);
  }
}

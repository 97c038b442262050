import { existsSync, lstatSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Every file the project writes goes through here, so that a name taken from content or from a
 * spreadsheet (a 事项编码 like `../../../README`, a law id like `../x`) can never place a file
 * outside the folder it belongs to. The helpers throw an UnsafePathError whose message is the
 * Chinese explanation for the user; commands turn it into a usage error.
 */
export class UnsafePathError extends Error {}

/** One path segment taken from user data: a file or folder name, never a path. */
const SAFE_SEGMENT = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,127}$/u;

/**
 * The path of `segments` inside `folder`, refusing names that are paths themselves (separators,
 * `..`, absolute, control characters) and any result that would leave `folder` — also through a
 * symbolic link already on disk below it. `what` names the value for the message, e.g. 事项编码.
 */
export function pathInside(folder: string, segments: string[], what: string): string {
  for (const segment of segments) {
    if (!SAFE_SEGMENT.test(segment) || segment.includes('..')) {
      throw new UnsafePathError(`${what}「${printable(segment)}」不能用作文件名：只能含字母、数字、点、连字符和下划线，且不能含「..」、「/」或「\\」`);
    }
  }
  const root = resolve(folder);
  const target = resolve(root, ...segments);
  if (!isWithin(root, target)) throw new UnsafePathError(`${what}「${printable(segments.join('/'))}」指向 ${root} 之外`);
  // A link on disk (content/powers/x -> /etc, even a dangling one) would still lead elsewhere:
  // no part of the path below the folder may be a symbolic link.
  let path = root;
  for (const segment of relative(root, target).split(sep).filter(Boolean)) {
    path = join(path, segment);
    if (lexists(path) && lstatSync(path).isSymbolicLink()) throw new UnsafePathError(`${path} 是符号链接，已拒绝写入：请换成普通文件或文件夹`);
  }
  return target;
}

/**
 * A file the user named on the command line (export --out, schemas --out): its folder must exist
 * and be a folder, and the path must not be a folder, a device or a link.
 */
export function outputFile(path: string, option: string): string {
  const target = resolve(path);
  if (existsSync(target)) {
    const stat = lstatSync(target);
    if (stat.isSymbolicLink()) throw new UnsafePathError(`${option} ${path} 是符号链接，已拒绝写入`);
    if (!stat.isFile()) throw new UnsafePathError(`${option} ${path} 不是普通文件（是文件夹或设备）：请指定一个文件名，例如 ${option} lists.json`);
  }
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UnsafePathError(`${option} ${path}：文件夹 ${folder} 不存在，请先创建`);
  return target;
}

/**
 * A folder the command empties and fills (build --out): never the file system root, the working
 * folder, a folder holding the content or the project, and never one of their ancestors.
 */
export function outputFolder(path: string, option: string, protect: string[]): string {
  const target = resolve(path);
  if (dirname(target) === target) throw new UnsafePathError(`${option} ${path}：不能输出到根目录`);
  for (const kept of protect) {
    if (isWithin(target, resolve(kept))) throw new UnsafePathError(`${option} ${path}：该文件夹包含 ${kept}，构建会清空它；请指定单独的输出文件夹，例如 ${option} dist`);
  }
  if (existsSync(target)) {
    const stat = lstatSync(target);
    if (stat.isSymbolicLink()) throw new UnsafePathError(`${option} ${path} 是符号链接，已拒绝写入`);
    if (!stat.isDirectory()) throw new UnsafePathError(`${option} ${path} 不是文件夹`);
  }
  return target;
}

/** Like existsSync, but true for a dangling link too. */
function lexists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** True when `path` is `folder` or inside it. */
export function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A value shown in a message with control characters made visible, and cut when long. */
function printable(value: string): string {
  const shown = value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}

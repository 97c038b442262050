import { z } from 'zod';

/** True for a date that exists, written YYYY-MM-DD (2019-02-30 and 2019-13-45 do not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1949 && year <= 2199 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date written as YYYY-MM-DD. YAML parsers that turn dates into Date objects are accepted too. */
export const isoDate = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期应写作 YYYY-MM-DD，例如 2021-01-22' })
    .refine((text) => !/^\d{4}-\d{2}-\d{2}$/.test(text) || isCalendarDate(text), { error: '日期不存在（月份应为 01–12，日不超过当月天数，年份在 1949–2199 之间）' }),
);

/** A law id: also a file name (content/laws/<id>.yaml), so it is checked before any write. */
export const LAW_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

const cn = '[零〇一二三四五六七八九十百千]+';
/** 第X条[之X][第X款][第X项], with the statute's own Chinese numerals. */
export const ARTICLE_PATTERN = new RegExp(`^第${cn}条(之${cn})?(第${cn}款)?(第(${cn}|（${cn}）)项)?$`);

export const article = z
  .string()
  .regex(ARTICLE_PATTERN, { error: '条款应写作「第十九条」「第十九条第一款」或「第十九条第一款第四项」（使用中文数字）' })
  .meta({ title: '条款', description: '引用的条、款、项，使用法律文本中的中文数字，例如 第十九条第一款。' });

export const lawId = z
  .string()
  .regex(LAW_ID_PATTERN, { error: '法律标识应为小写字母、数字和连字符，例如 xzxkf' })
  .meta({ title: '法律', description: '法规库中法律文件的 id（content/laws/<id>.yaml）。' });

/** A reference to a law article without a quote (a stage's or an accountability item's basis). */
export const articleRef = z
  .strictObject({
    law: lawId,
    article,
    version: isoDate.optional().meta({ title: '版本', description: '所引用的法律版本日期；省略时为该法最新版本。' }),
  })
  .meta({ title: '依据条款' });

export const nonEmptyText = (title: string, description: string) =>
  z.string().trim().min(1, { error: `${title}不能为空` }).meta({ title, description });

import { parseArticleReference } from '../../lib/statute.ts';

/**
 * Names compared as a reader would: full-width and half-width brackets alike, no spaces, no
 * 《》. 「烟花爆竹经营(批发)许可证核发」 and 「烟花爆竹经营（批发）许可证核发」 are one name.
 */
export function normalName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000《》〈〉“”"'‘’]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

/** A law by its title, the same in any jurisdiction's registry: without 《》 and 中华人民共和国. */
export function lawKey(title: string): string {
  return normalName(title).replace(/^中华人民共和国/, '');
}

/** The article (条) a reference points into: 第十九条第一款 and 第十九条 share 第十九条. */
export function articleNumberKey(article: string): string {
  return parseArticleReference(article)?.article ?? article;
}

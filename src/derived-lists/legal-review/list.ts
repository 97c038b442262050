import { formatArticleRef } from '../../lib/article-ref-text.ts';
import { defineDerivedList, type LawRef } from '../define.ts';
import { legalReviewField } from './schema.ts';

export interface ResolvedLegalReview {
  circumstances: string[];
  scope?: string;
  basis: LawRef;
}

/** 重大执法决定法制审核目录清单 (行政处罚法第五十八条). */
export const legalReview = defineDerivedList({
  id: 'legal-review',
  key: 'legal_review',
  title: '重大执法决定法制审核目录清单',
  source: '《行政处罚法》第五十八条；许昌市 2020 年通知第二部分',
  field: legalReviewField,
  resolve(value, { cite }): ResolvedLegalReview[] {
    const basis = cite(value.basis, 'legal-review', ['legal_review', 'basis'], '法制审核依据');
    return basis ? [{ circumstances: value.circumstances, scope: value.scope, basis }] : [];
  },
  columns: ['职权类别', '审核情形', '审核范围', '审核依据'],
  rows: (r, power) => [[power.category.name, r.circumstances.join('；'), r.scope ?? '', formatArticleRef(r.basis.law.short, r.basis.article)]],
  entities: (r, { text, ref }) => [{ key: 'legal-review', label: '法制审核', fields: { 情形: r.circumstances.join('；'), 范围: text(r.scope), 依据: ref(r.basis) } }],
  hints: (category) =>
    category === '行政处罚'
      ? ['# legal_review:            # 重大执法决定法制审核目录清单', '#   circumstances: [直接关系当事人或者第三人重大权益，经过听证程序]', '#   basis: { law: xzcff, article: 第五十八条第一款 }']
      : [],
});

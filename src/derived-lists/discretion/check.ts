import { comparable, describeRange, parsePenaltyRanges, rangeWithin } from '../../lib/penalty-range.ts';
import { textAt } from '../../lib/statute.ts';
import type { FieldPath } from '../../model/findings.ts';
import type { CheckContext, LawRef } from '../define.ts';
import type { discretionSchema, PenaltyBand } from './schema.ts';
import type { z } from 'zod';

/** 行政处罚法第五十一条: 简易程序 only for fines up to 200 元 (citizens) or 3,000 元 (organisations). */
const SIMPLE_LIMIT = { 公民: 200, 组织: 3000 };

export interface ResolvedDiscretion {
  violation: string;
  violated: LawRef;
  penaltyBasis: LawRef;
  bands: PenaltyBand[];
}

/**
 * Checks the 行政裁量权基准 of a 行政处罚 power: the penalty bands must lie inside the range the
 * penalty article sets; the article is read from the power's own citation (its quote) or from the
 * registry's full text. A 简易程序 power's fines stay within 行政处罚法第五十一条.
 */
export function resolveDiscretion(value: z.output<typeof discretionSchema>[], { power, basis, cite, report }: CheckContext): ResolvedDiscretion[] {
  const out: ResolvedDiscretion[] = [];
  value.forEach((d, i) => {
    const at = (...p: (string | number)[]): FieldPath => ['discretion', i, ...p];
    if (power.category !== '行政处罚') {
      report(['discretion'], 'discretion-category', `行政裁量权基准只适用于行政处罚事项，本事项是${power.category}`);
      return;
    }
    const violated = cite(d.violated, 'violated', at('violated'), `裁量基准「${d.violation}」违反条款`);
    const penaltyBasis = cite(d.penalty_basis, 'penalty-basis', at('penalty_basis'), `裁量基准「${d.violation}」处罚依据`);
    if (!violated || !penaltyBasis) return;
    const citation = basis?.find((c) => c.law.id === d.penalty_basis.law && c.article === d.penalty_basis.article);
    let statuteText = citation?.quote;
    if (citation) {
      const full = citation.law.texts.get(citation.version);
      const located = full && textAt(full, citation.article);
      if (located && located.ok) statuteText = located.text;
    }
    if (!citation || !statuteText) {
      report(at('penalty_basis'), 'penalty-basis-not-cited', `处罚依据《${penaltyBasis.law.short}》${d.penalty_basis.article}须列入本事项的实施依据 basis 并附引文，才能核对法定处罚幅度`);
      return;
    }
    const statutory = parsePenaltyRanges(statuteText);
    const label = `《${penaltyBasis.law.short}》${d.penalty_basis.article}`;
    if (statutory.length === 0) report(at('penalty_basis'), 'penalty-range-unknown', `未能从${label}的条文中读出罚款幅度，无法自动核对各阶次`);
    d.bands.forEach((band, j) => {
      for (const r of parsePenaltyRanges(band.penalty)) {
        const sameKind = statutory.filter((s) => comparable(r, s));
        if (statutory.length && sameKind.length === 0) {
          report(at('bands', j, 'penalty'), 'penalty-range-unchecked', `「${band.degree}」阶次的${describeRange(r)}与${label}规定的幅度（${statutory.map(describeRange).join('；')}）计量方式不同，无法自动核对`);
        } else if (sameKind.length && !sameKind.some((s) => rangeWithin(r, s))) {
          report(at('bands', j, 'penalty'), 'penalty-out-of-range', `「${band.degree}」阶次的${describeRange(r)}超出${label}规定的幅度（${statutory.map(describeRange).join('；')}）`);
        }
        if (power.procedure === '简易程序' && r.kind === 'amount') {
          const forCitizens = band.applies_to === '公民' || (!band.applies_to && power.target.includes('公民'));
          const limit = forCitizens ? SIMPLE_LIMIT.公民 : SIMPLE_LIMIT.组织;
          if ((r.max ?? Infinity) > limit) {
            report(at('bands', j, 'penalty'), 'simple-procedure-limit', `简易程序只能对${forCitizens ? '公民处二百元' : '法人或者其他组织处三千元'}以下罚款（《行政处罚法》第五十一条），「${band.degree}」阶次为${describeRange(r)}：应改为一般程序或调整阶次`);
          }
        }
      }
    });
    out.push({ violation: d.violation, violated, penaltyBasis, bands: d.bands });
  });
  return out;
}

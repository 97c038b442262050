import { comparable, describeRange, parsePenaltyRanges, rangeWithin } from '../lib/penalty-range.ts';
import { textAt } from '../lib/statute.ts';
import type { Power } from '../schema/power.ts';
import type { FieldPath, Report } from './findings.ts';
import type { Cite } from './check-powers.ts';
import type { DerivedFields, ResolvedCitation } from './types.ts';

/** 行政处罚法第五十一条: 简易程序 only for fines up to 200 元 (citizens) or 3,000 元 (organisations). */
const SIMPLE_LIMIT = { 公民: 200, 组织: 3000 };

/**
 * Checks the optional fields behind the derived lists and resolves their law references. The
 * penalty bands of a 行政裁量权基准 must lie inside the range the penalty article sets; the article
 * is read from the power's own citation (its quote) or from the registry's full text.
 */
export function checkDerived(
  power: Power,
  basis: ResolvedCitation[] | undefined,
  cite: Cite,
  report: Report,
): DerivedFields {
  const stages = power.stages.map((s) => s.stage);
  const ref = (r: { law: string; article: string; version?: string }, path: FieldPath, kind: Parameters<Cite>[1], place: string) => {
    const c = cite(r, kind, path, place);
    return c ? { law: c.law, article: c.article } : undefined;
  };
  const derived: DerivedFields = { avRecording: [], discretion: [], leniency: [], risks: [] };

  if (power.legal_review) {
    const b = ref(power.legal_review.basis, ['legal_review', 'basis'], 'legal-review', '法制审核依据');
    if (b) derived.legalReview = { circumstances: power.legal_review.circumstances, scope: power.legal_review.scope, basis: b };
  }

  power.av_recording?.forEach((r, i) => {
    if (!stages.includes(r.stage)) report(['av_recording', i, 'stage'], 'unknown-stage', `「${r.stage}」不是本事项的环节；本事项的环节：${stages.join('、')}`);
    else derived.avRecording.push(r);
  });

  power.discretion?.forEach((d, i) => {
    const at = (...p: (string | number)[]): FieldPath => ['discretion', i, ...p];
    if (power.category !== '行政处罚') {
      report(['discretion'], 'discretion-category', `行政裁量权基准只适用于行政处罚事项，本事项是${power.category}`);
      return;
    }
    const violated = ref(d.violated, at('violated'), 'violated', `裁量基准「${d.violation}」违反条款`);
    const penaltyBasis = ref(d.penalty_basis, at('penalty_basis'), 'penalty-basis', `裁量基准「${d.violation}」处罚依据`);
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
      const ranges = parsePenaltyRanges(band.penalty);
      for (const r of ranges) {
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
    derived.discretion.push({ violation: d.violation, violated, penaltyBasis, bands: d.bands });
  });

  power.leniency?.forEach((l, i) => {
    const forCoercion = l.list === '不予实施行政强制';
    if (forCoercion !== (power.category === '行政强制') && (forCoercion || power.category !== '行政处罚')) {
      report(['leniency', i, 'list'], 'leniency-category', `${l.list}清单只适用于${forCoercion ? '行政强制' : '行政处罚'}事项，本事项是${power.category}`);
      return;
    }
    const b = ref(l.basis, ['leniency', i, 'basis'], 'leniency', `${l.list}清单依据`);
    if (b) derived.leniency.push({ list: l.list, conditions: l.conditions, basis: b });
  });

  derived.risks = power.risks ?? [];
  return derived;
}

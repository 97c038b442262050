/**
 * A power's 收费情况 as text: the 收费情况 column of the list (the official layout, and the
 * exports), and its parse, which the import uses to read the column back from exported and
 * published lists; beside them the two other ways the site writes it (the 办事要点 card and the
 * diff), so that every fee text is written here. test/fee-text.test.ts holds the pair to each other.
 */
export interface FeeParts {
  charged: boolean;
  /** 收费标准 (required by the schema when charged). */
  standard?: string;
  /** 收费依据 (required by the schema when charged). */
  basis?: string;
}

/** The 收费情况 column: 否, or 是。收费标准：…；收费依据：… */
export function formatFeeCell(fee: FeeParts): string {
  if (!fee.charged) return '否';
  return `是。收费标准：${fee.standard ?? ''}；收费依据：${fee.basis ?? ''}`;
}

const FREE = /^(否|不收费|无|免费|不收取)/;
const CHARGED = /^(是|收费)/;
// Each part runs to the other part's label or to the end, so a standard may itself hold ；.
const STANDARD = /收费标准[：:]\s*([\s\S]*?)\s*(?:[；;。]?\s*收费依据[：:]|$)/;
const BASIS = /收费依据[：:]\s*([\s\S]*?)\s*(?:[；;。]?\s*收费标准[：:]|$)/;

/**
 * Reads a 收费情况 cell: 否/不收费/无/免费/不收取 … is no fee; 是/收费 … is a fee, with the text after
 * 收费标准： and 收费依据： (in either order) as its parts. Any other text is not read (undefined):
 * the import keeps it in the body for a person to place.
 */
export function parseFeeCell(text: string): FeeParts | undefined {
  const t = text.trim();
  if (FREE.test(t)) return { charged: false };
  if (!CHARGED.test(t)) return undefined;
  const standard = STANDARD.exec(t)?.[1]?.trim();
  const basis = BASIS.exec(t)?.[1]?.trim();
  return { charged: true, ...(basis ? { basis } : {}), ...(standard ? { standard } : {}) };
}

/** On the 办事要点 card of a power page: 不收费, or 收费。标准：…；依据：… */
export function formatFeeLine(fee: FeeParts): string {
  if (!fee.charged) return '不收费';
  return `收费。标准：${fee.standard}；依据：${fee.basis}`;
}

/** As the diff compares and shows it: 不收费, or 收费；标准：…；依据：… */
export function formatFeeForDiff(fee: FeeParts): string {
  if (!fee.charged) return '不收费';
  return `收费；标准：${fee.standard ?? ''}；依据：${fee.basis ?? ''}`;
}

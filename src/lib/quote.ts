/**
 * Quote checking: a quote must reproduce the cited text word for word, and every piece it leaves
 * out — at the start, in the middle or at the end — must be marked with an ellipsis (……).
 * Whitespace and the width of punctuation do not count.
 */

const WIDTH_MAP: Record<string, string> = {
  '(': '（', ')': '）', ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '"': '“', '“': '“', '”': '“', '‘': '“', '’': '“', "'": '“',
  '〈': '<', '〉': '>', '《': '<', '》': '>', '[': '【', ']': '】', '、': '、', '.': '。',
};

/** Ellipsis spellings accepted as the omission marker. */
const ELLIPSIS = /……|…|\.\.\.|。。。/;
/** Punctuation a quote may drop or change where it joins an ellipsis or ends. */
const JOINING_PUNCTUATION = /^[，。；：、]+|[，。；：、]+$/g;

/** Normalises text for quote comparison: no whitespace, one width for punctuation and digits. */
export function normalizeForQuote(text: string): string {
  return normalizeWithOffsets(text).text;
}

/**
 * Statute texts are compared with many quotes (every power citing an article): their normalised
 * form is kept for the texts seen last, up to a bound.
 */
const normalized = new Map<string, { text: string; offsets: number[] }>();
const NORMALIZED_KEPT = 4096;

function normalizedStatute(text: string): { text: string; offsets: number[] } {
  let hit = normalized.get(text);
  if (!hit) {
    if (normalized.size >= NORMALIZED_KEPT) normalized.clear();
    hit = normalizeWithOffsets(text);
    normalized.set(text, hit);
  }
  return hit;
}

/** The normalised text and, for each of its characters, the offset of the original character. */
function normalizeWithOffsets(text: string): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  let offset = 0;
  for (const original of text) {
    // CJK unified ideographs (most of any statute) are their own NFKC form and no whitespace.
    const code = original.charCodeAt(0);
    if (code >= 0x4e00 && code <= 0x9fff) {
      out += original;
      offsets.push(offset);
      offset += 1;
      continue;
    }
    for (const ch of original.normalize('NFKC')) {
      if (/\s/.test(ch)) continue;
      const mapped = WIDTH_MAP[ch] ?? ch;
      out += mapped;
      for (let k = 0; k < mapped.length; k++) offsets.push(offset);
    }
    offset += original.length;
  }
  offsets.push(offset);
  return { text: out, offsets };
}

export type QuoteProblem =
  /** Text left out without an ellipsis; `omitted` is the statute text that is missing. */
  | { kind: 'omission'; omitted: string; after: string; where: 'start' | 'middle' | 'end' }
  /** The words differ: what the quote says and what the statute says at that point. */
  | { kind: 'mismatch'; quoted: string; statute: string; after: string }
  | { kind: 'empty' };

export type QuoteResult = { ok: true } | { ok: false; problem: QuoteProblem };

const CONTEXT = 12;

/** Checks a quote against the text of the article, paragraph or item it cites. */
export function compareQuote(quote: string, statuteText: string): QuoteResult {
  const statute = normalizedStatute(statuteText);
  const haystack = statute.text;
  const original = (from: number, to: number) => statuteText.slice(statute.offsets[from], statute.offsets[Math.min(to, haystack.length)]).replace(/\s+/g, '');
  const rawPieces = quote.split(ELLIPSIS);
  const leadingGap = normalizeForQuote(rawPieces[0]!).replace(JOINING_PUNCTUATION, '') === '';
  const trailingGap = rawPieces.length > 1 && normalizeForQuote(rawPieces.at(-1)!).replace(JOINING_PUNCTUATION, '') === '';
  const pieces = rawPieces.map((p) => normalizeForQuote(p).replace(JOINING_PUNCTUATION, '')).filter((p) => p.length > 0);
  if (pieces.length === 0) return { ok: false, problem: { kind: 'empty' } };

  let from = 0;
  for (const [i, piece] of pieces.entries()) {
    const at = haystack.indexOf(piece, from);
    if (at === -1) return { ok: false, problem: explainMismatch(piece, haystack, from, original) };
    if (i === 0 && !leadingGap && !onlyPunctuation(haystack.slice(0, at))) {
      return { ok: false, problem: { kind: 'omission', where: 'start', omitted: original(0, at), after: '' } };
    }
    // The piece could also sit further on; a gap between pieces is marked by the ellipsis.
    from = at + piece.length;
  }
  if (!trailingGap && !onlyPunctuation(haystack.slice(from))) {
    return { ok: false, problem: { kind: 'omission', where: 'end', omitted: original(from, haystack.length), after: original(Math.max(0, from - CONTEXT), from) } };
  }
  return { ok: true };
}

function onlyPunctuation(text: string): boolean {
  return text.replace(/[，。；：、]/g, '') === '';
}

/**
 * Where a piece is not in the statute: find how far it agrees with the statute, then tell an
 * omission (the rest of the piece reappears further on) from a changed word.
 */
function explainMismatch(piece: string, haystack: string, from: number, original: (a: number, b: number) => string): QuoteProblem {
  // The longest start of the piece found in the statute (at least one character).
  let agreed = 0;
  let position = -1;
  let lo = 1;
  let hi = piece.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = haystack.indexOf(piece.slice(0, mid), from);
    if (at === -1) hi = mid - 1;
    else {
      agreed = mid;
      position = at;
      lo = mid + 1;
    }
  }
  if (position === -1) {
    return { kind: 'mismatch', quoted: piece.slice(0, CONTEXT * 2), statute: '', after: '' };
  }
  const split = position + agreed;
  const rest = piece.slice(agreed);
  const after = original(Math.max(position, split - CONTEXT), split);
  // Omission: the quote's continuation (its next few characters) appears later in the statute.
  const probe = rest.slice(0, Math.min(rest.length, 6));
  const resumes = haystack.indexOf(probe, split + 1);
  if (probe.length >= Math.min(rest.length, 2) && resumes !== -1 && haystack.startsWith(rest.slice(0, Math.min(rest.length, 12)), resumes)) {
    return { kind: 'omission', where: 'middle', omitted: original(split, resumes), after };
  }
  return { kind: 'mismatch', quoted: rest.slice(0, CONTEXT * 2), statute: original(split, split + CONTEXT * 2), after };
}

/** The problem in words, for a finding. */
export function describeQuoteProblem(problem: QuoteProblem): string {
  switch (problem.kind) {
    case 'empty':
      return '引文为空';
    case 'omission':
      if (problem.where === 'start') return `引文开头略去了原文「${problem.omitted}」，却没有用「……」标出`;
      if (problem.where === 'end') return `引文在「${problem.after}」之后略去了原文「${problem.omitted}」，却没有用「……」标出`;
      return `引文在「${problem.after}」之后略去了原文「${problem.omitted}」，却没有用「……」标出`;
    case 'mismatch':
      return problem.after
        ? `引文在「${problem.after}」之后写作「${problem.quoted}」，原文为「${problem.statute}」`
        : `引文「${problem.quoted}」在原文中找不到`;
  }
}

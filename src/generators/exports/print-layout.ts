import { displayWidth } from '../../lib/display-width.ts';

/**
 * Paper geometry of the XLSX downloads, worked out ahead of the spreadsheet program so that row
 * heights fit their wrapped text and a power's rows can be kept on one page. Excel and
 * LibreOffice do neither by themselves: a row written without a height shows one clipped line,
 * and a page break falls wherever the page is full.
 */

/** Body text size; the column widths below keep the print at 100 %, so it prints at this size. */
export const BODY_PT = 10;
export const TITLE_PT = 16;
export const HEADING_PT = 12;

/** A4 landscape, in points. */
export const PAGE = { width: 842, height: 595 } as const;
/** Margins in inches (the unit of the XLSX page setup). */
export const MARGINS = { left: 0.4, right: 0.4, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;

/** Excel's column width unit is the width of a digit in the default font (Calibri 11, or Carlito, its metric twin: 7 px, printed as about 5.6 pt with the cell padding). */
const WIDTH_UNIT_PT = 5.6;
/** Cell padding left and right, in points. */
const CELL_PADDING_PT = 5;
/** Line height of CJK fonts (SimSun, Noto Serif/Sans CJK) in ems, rounded up. */
const LINE_EM = 1.4;
/** One display column (a Latin character; CJK counts two) as a share of an em, rounded up. */
const NARROW_EM = 0.55;

/** Printable width, in column width units, at 100 %. */
export const PRINTABLE_WIDTH_UNITS = Math.floor((PAGE.width - (MARGINS.left + MARGINS.right) * 72) / WIDTH_UNIT_PT);
/** Printable height in points (between the top and bottom margins). */
export const PRINTABLE_HEIGHT_PT = PAGE.height - (MARGINS.top + MARGINS.bottom) * 72;

/** The number of lines a text takes in a wrapped cell of the given width (CJK characters count double). */
export function wrappedLineCount(text: string, widthUnits: number, fontPt = BODY_PT): number {
  const usable = widthUnits * WIDTH_UNIT_PT - CELL_PADDING_PT;
  const perLine = Math.max(1, Math.floor(usable / (fontPt * NARROW_EM)));
  return text
    .split('\n')
    .reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(displayWidth(paragraph) / perLine)), 0);
}

/** The row height (points) that shows the text of a wrapped cell in full. */
export function textHeight(text: string, widthUnits: number, fontPt = BODY_PT): number {
  return Math.ceil(wrappedLineCount(text, widthUnits, fontPt) * fontPt * LINE_EM + 4);
}

/**
 * Where to break pages so that no block (a power's rows) is split when it fits on a page: returns
 * the indexes of the blocks that must start a new page. `first` is the space left on the first
 * page, `page` the space on every following one (both after the repeated header rows).
 */
export function keepTogetherBreaks(blockHeights: number[], first: number, page: number): number[] {
  const breaks: number[] = [];
  let left = first;
  blockHeights.forEach((h, i) => {
    if (h > left && h <= page && i > 0) {
      breaks.push(i);
      left = page;
    }
    // A block taller than a page is split by the spreadsheet program; what is left of its last page is approximate.
    left = h <= left ? left - h : page - ((h - left) % page);
  });
  return breaks;
}

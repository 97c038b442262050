import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { formatBasis, parseBasisCell, type ParsedCitation } from '../src/import/citations.ts';
import { decodeText, UndecodableError } from '../src/import/decode.ts';
import { parseDuties, parseTargets } from '../src/import/parse-cells.ts';
import { toChineseNumber } from '../src/lib/chinese-numerals.ts';

const cites = (cell: string) => parseBasisCell(cell).citations.map((c) => `${c.lawName} ${c.article}${c.quote ? `：${c.quote}` : ''}`);

// Each variant below is copied from a published list (sources in test/fixtures/real-lists/README.md)
// or from the list of variants in issue 14.
describe('实施依据 cells', () => {
  it('drops 【法律】/[部门规章] level prefixes and keeps the parenthetical between 》 and 第 as the edition', () => {
    const r = parseBasisCell('【法律】《中华人民共和国消防法》(2019年修正)第十五条 公众聚集场所在投入使用、营业前,建设单位应当申请消防安全检查。');
    expect(r.citations).toEqual([{ lawName: '中华人民共和国消防法', article: '第十五条', quote: '公众聚集场所在投入使用、营业前,建设单位应当申请消防安全检查。', edition: '(2019年修正)' }]);
    expect(cites('[部门规章]《企业名称登记管理规定》(1991年国家工商行政管理总局令第7号,国务院令第734号第二次修订) 第二条县级以上人民政府市场监督管理部门负责企业名称登记管理。')).toEqual([
      '企业名称登记管理规定 第二条：县级以上人民政府市场监督管理部门负责企业名称登记管理。',
    ]);
    expect(cites('行政法规：《公路安全保护条例》（国务院令第593号）第二十七条')).toEqual(['公路安全保护条例 第二十七条']);
  });

  it('reads parentheticals of every kind between the name and the article', () => {
    for (const paren of ['（国务院令第593号）', '（2019年修正）', '（主席令第19号修正）', '（1997年7月3日主席令第86号公布，2011年4月22日修正）']) {
      expect(parseBasisCell(`《中华人民共和国公路法》${paren}第七十六条`).citations).toEqual([{ lawName: '中华人民共和国公路法', article: '第七十六条', edition: paren }]);
    }
  });

  it('reads a law named without 《》 at the start of an item', () => {
    expect(cites('中华人民共和国环境保护法第五十九条企业事业单位违法排放污染物,依照本法第八条规定处罚。')).toEqual([
      '中华人民共和国环境保护法 第五十九条：企业事业单位违法排放污染物,依照本法第八条规定处罚。',
    ]);
  });

  it('splits 「第48、50条」, 「第十八条、第十九条、第二十条」 and 「第四十四条 第七十六条」 into one citation per article, never a quote', () => {
    expect(cites('《行政许可法》第30、32、34条;')).toEqual(['行政许可法 第三十条', '行政许可法 第三十二条', '行政许可法 第三十四条']);
    expect(cites('《烟花爆竹安全管理条例》第十八条、第十九条、第二十条')).toEqual(['烟花爆竹安全管理条例 第十八条', '烟花爆竹安全管理条例 第十九条', '烟花爆竹安全管理条例 第二十条']);
    expect(cites('1.【法律】《中华人民共和国公路法》 \n    第四十四条 第七十六条\n2.【行政法规】《公路安全保护条例》(国务院令第593号)\n    第二十七条')).toEqual([
      '中华人民共和国公路法 第四十四条',
      '中华人民共和国公路法 第七十六条',
      '公路安全保护条例 第二十七条',
    ]);
    expect(cites('《生产安全事故应急预案管理办法》(国家安全生产监督管理总局令第 88号)第二十一条、第二十六条')).toEqual(['生产安全事故应急预案管理办法 第二十一条', '生产安全事故应急预案管理办法 第二十六条']);
  });

  it('splits several laws per cell separated by line breaks, ；, 、 or mid-line numbering', () => {
    expect(cites('《国务院对确需保留的行政审批项目设定行政许可的决定》(中华人民共和国国务院令第412号)第67条;《假肢和矫形器(辅助器具)生产装配企业资格认定办法》(中华人民共和国民政部29号令)第三条')).toEqual([
      '国务院对确需保留的行政审批项目设定行政许可的决定 第六十七条',
      '假肢和矫形器(辅助器具)生产装配企业资格认定办法 第三条',
    ]);
    expect(cites('1.《社会团体登记管理条例》第三条:成立社会团体,应当经其业务主管单位审查同意。 2.《行政许可法》第三十条')).toEqual(['社会团体登记管理条例 第三条：成立社会团体,应当经其业务主管单位审查同意。', '行政许可法 第三十条']);
    expect(cites('《安全生产法》第九十四条、《安全生产许可证条例》第十九条')).toEqual(['安全生产法 第九十四条', '安全生产许可证条例 第十九条']);
  });

  it('gives several articles of one law each its own quote', () => {
    expect(cites('1.《社会团体登记管理条例》第三条:成立社会团体,应当经其业务主管单位审查同意。\n第六条:国务院民政部门是登记管理机关。')).toEqual([
      '社会团体登记管理条例 第三条：成立社会团体,应当经其业务主管单位审查同意。',
      '社会团体登记管理条例 第六条：国务院民政部门是登记管理机关。',
    ]);
  });

  it('does not split at an article number inside the quoted text', () => {
    expect(cites('《中华人民共和国道路运输条例》第十条 申请从事客运经营的,应当提交符合本条例第八条规定条件的相关材料。')).toEqual([
      '中华人民共和国道路运输条例 第十条：申请从事客运经营的,应当提交符合本条例第八条规定条件的相关材料。',
    ]);
    // 西吉县人社局权力清单: a list of articles inside the quote (「本法第三十六条、第三十八条规定的」) stays in the quote.
    expect(cites('【法律】《中华人民共和国劳动法》(2009年修正) 第三十九条 企业因生产特点不能实行本法第三十六条、第三十八条规定的,经劳动行政部门批准,可以实行其他工作和休息办法。')).toEqual([
      '中华人民共和国劳动法 第三十九条：企业因生产特点不能实行本法第三十六条、第三十八条规定的,经劳动行政部门批准,可以实行其他工作和休息办法。',
    ]);
  });

  it('takes no full stop after the last article for a quote (志丹县人防办: 「…第九条、第十条、第十一条。」)', () => {
    expect(cites('《中华人民共和国人民防空法》、《陕西省实施<中华人民共和国人民防空法>办法》第九条、第十条、第十一条。')).toEqual([
      '陕西省实施<中华人民共和国人民防空法>办法 第九条',
      '陕西省实施<中华人民共和国人民防空法>办法 第十条',
      '陕西省实施<中华人民共和国人民防空法>办法 第十一条',
    ]);
  });

  it('reads a parenthetical with a parenthetical inside it between the name and the article', () => {
    const r = parseBasisCell('【规范性文件】《关于企业实行不定时工作制和综合计算工时工作制的审批办法》(劳部发(1994)503号) 第七条 中央直属企业实行不定时工作制的,报国务院劳动行政部门批准。');
    expect(r.unplaced).toEqual([]);
    expect(r.citations).toEqual([
      { lawName: '关于企业实行不定时工作制和综合计算工时工作制的审批办法', article: '第七条', edition: '(劳部发(1994)503号)', quote: '中央直属企业实行不定时工作制的,报国务院劳动行政部门批准。' },
    ]);
  });

  it('returns a law named without an article, and remarks, as unplaced text — never as a citation or a quote', () => {
    expect(parseBasisCell('1.《中华人民共和国安全生产法》\n2.《江西省安全生产条例》')).toEqual({ citations: [], unplaced: ['《中华人民共和国安全生产法》', '《江西省安全生产条例》'] });
    const r = parseBasisCell('《中华人民共和国消防法》第十五条 公众聚集场所应当申请消防安全检查。 根据《关于下放消防救援支队列管单位消防监督管理权限的决定》(辽消〔2020〕87号),实施层级下放至县级消防机构');
    expect(r.citations.map((c) => c.quote)).toEqual(['公众聚集场所应当申请消防安全检查。']);
    expect(r.unplaced).toEqual(['根据《关于下放消防救援支队列管单位消防监督管理权限的决定》(辽消〔2020〕87号),实施层级下放至县级消防机构']);
    expect(parseBasisCell('县应急局“三定”规定')).toEqual({ citations: [], unplaced: ['县应急局“三定”规定'] });
    const semi = parseBasisCell('《矿山安全法》第八条;山西省能源局《关于进一步规范能源领域行政审批事项的通知》(晋能源行审发〔2021〕259号)');
    expect(semi.citations).toEqual([{ lawName: '矿山安全法', article: '第八条' }]);
    expect(semi.unplaced.join('')).toContain('山西省能源局');
  });

  it('reads back its own written form: parse(format(x)) = x', () => {
    const lawName = fc.constantFrom('中华人民共和国行政许可法', '烟花爆竹安全管理条例', '危险化学品安全管理条例', '道路旅客运输及客运站管理规定', '河南省安全生产条例');
    const article = fc
      .tuple(fc.integer({ min: 1, max: 300 }), fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }))
      .map(([a, k, x]) => `第${toChineseNumber(a)}条${k ? `第${toChineseNumber(k)}款` : ''}${k && x ? `第${toChineseNumber(x)}项` : ''}`);
    // Statute text: Chinese with inner punctuation, no line breaks and no closing quotation mark.
    const quote = fc.option(
      fc.array(fc.constantFrom('应当', '经营', '许可', '，', '、', '；', '（一）', '县级以上人民政府', '第八条', '《证书》', '处', '万元', '罚款'), { minLength: 1, maxLength: 12 }).map((parts) => `${parts.join('')}。`),
      { nil: undefined },
    );
    const citation = fc.record({ lawName, article, quote }).map((c): ParsedCitation => (c.quote ? c : { lawName: c.lawName, article: c.article }));
    fc.assert(
      fc.property(fc.array(citation, { minLength: 1, maxLength: 5 }), (list) => {
        const parsed = parseBasisCell(formatBasis(list));
        expect(parsed.unplaced).toEqual([]);
        expect(parsed.citations).toEqual(list);
      }),
      { numRuns: 300 },
    );
  });
});

describe('责任事项 cells', () => {
  it('reads items with and without posts, 「阶段」「阶段责任」 labels, and items run together on one line', () => {
    const stages = (t: string) => parseDuties(t).items.map((d) => `${d.stage ?? '?'}${d.post ? `（${d.post}）` : ''}：${d.duty}`);
    expect(stages('1.受理责任：接收申请材料。\n2、审查阶段责任：审查材料。\n调查取证责任：收集证据。\n（4）决定责任（决定岗）：作出决定。')).toEqual(['受理：接收申请材料。', '审查：审查材料。', '调查取证：收集证据。', '决定（决定岗）：作出决定。']);
    expect(stages('1.受理阶段:公示材料。\n2.审查阶段:审查。')).toEqual(['受理：公示材料。', '审查：审查。']);
    expect(stages('1.受理责任:(1)公示条件;(2)依法受理。 2.送达责任:检查结束后10个工作日送达。 5.其他法律法规规章文件规定应履行的责任。')).toEqual(['受理：(1)公示条件;(2)依法受理。', '送达：检查结束后10个工作日送达。', '其他：其他法律法规规章文件规定应履行的责任。']);
  });

  it('keeps an item that names no stage, and lines before the first item, instead of dropping them', () => {
    const r = parseDuties('一般程序:\n1、发现违法排放噪声的,予以审查,决定是否立案。\n2、调查阶段责任:指定专人负责。');
    expect(r.preamble).toEqual(['一般程序:']);
    expect(r.items.map((d) => [d.stage, d.duty])).toEqual([
      [undefined, '发现违法排放噪声的,予以审查,决定是否立案。'],
      ['调查', '指定专人负责。'],
    ]);
  });
});

describe('实施对象 cells', () => {
  it('reads 「公民、法人或其他组织」 as three targets and keeps what is not one', () => {
    expect(parseTargets('公民、法人或其他组织', ['公民', '法人', '其他组织'])).toEqual({ targets: ['公民', '法人', '其他组织'], unknown: [] });
    expect(parseTargets('法人和其他组织', ['公民', '法人', '其他组织'])).toEqual({ targets: ['法人', '其他组织'], unknown: [] });
    expect(parseTargets('生产经营单位', ['公民', '法人', '其他组织'])).toEqual({ targets: [], unknown: ['生产经营单位'] });
  });
});

describe('CSV encodings', () => {
  const text = '序号,职权名称,职权类别\r\n1,烟花爆竹经营（零售）许可,行政许可\r\n';
  it('detects UTF-8 with and without BOM, GB18030 (Excel/WPS on Chinese Windows) and UTF-16 with BOM', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'UTF-8（带 BOM）' });
    // iconv-lite is the independent encoder here; the decoder under test is the platform's TextDecoder.
    expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'GB18030' });
    expect(decodeText(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'GB18030' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'UTF-16LE' });
    expect(decodeText(iconv.encode(text, 'utf16-be', { addBOM: true }))).toEqual({ text, encoding: 'UTF-16BE' });
    expect(decodeText(Buffer.from(text, 'utf16le'))).toEqual({ text, encoding: 'UTF-16LE' });
  });

  it('refuses bytes that are text in none of them instead of producing mojibake', () => {
    expect(() => decodeText(Buffer.from([0x81, 0x20, 0xff, 0xfe, 0x00, 0x41, 0x00]))).toThrow(UndecodableError);
    expect(() => decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode('职权名称', 'gbk')]))).toThrow('无法按该编码解读');
  });
});

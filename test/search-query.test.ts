import { describe, expect, it } from 'vitest';
import { readSearchData } from '../src/search/search-data.ts';
import { folding, matchKey, matchTier, parseQuery, relaxQuery, titleBase, wordParts } from '../src/search/query.ts';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The query side of search, on the data officials keep under content/search/. */
const fold = folding(readSearchData('content'));
const tier = (q: string, title: string, text = '', code = '') => matchTier(parseQuery(q, fold), matchKey(title, fold), matchKey(text, fold), matchKey(code, fold));

describe('search queries', () => {
  it('folds traditional characters, article numbers, 《》, 中华人民共和国 and full-width forms', () => {
    expect(matchKey('處罰', fold)).toBe('处罚');
    expect(matchKey('《中华人民共和国安全生产法》第97条', fold)).toBe('安全生产法第九十七条');
    expect(matchKey('第１０３条第2款', fold)).toBe('第一百零三条第二款');
    expect(matchKey('410100-ZR-CJ-001', fold)).toBe('410100zrcj001');
  });

  it('expands a synonym to the official terms (content/search/synonyms.yaml), longest first', () => {
    expect(parseQuery('违建', fold).forms).toEqual([['违建', '违法建设', '违法建筑']]);
    expect(parseQuery('安监局', fold).forms).toEqual([['安监局', '应急管理局']]);
    expect(parseQuery('违建 拆除', fold).engineQueries).toEqual(['违建 拆除', '违法建设 拆除', '违法建筑 拆除']);
    // An article reference is asked for apart from the law's name, as the pages write it.
    expect(parseQuery('安全生产法第97条', fold).engineQueries).toEqual(['安全生产法 第九十七条']);
    expect(parseQuery('《安全生产法》第九十七条第一款', fold).engineQueries).toEqual(['安全生产法 第九十七条 第一款']);
  });

  it('matches a phrase or all words, never single characters of a longer query', () => {
    expect(tier('驾驶证', '特种设备使用登记', '发放使用登记证')).toBeUndefined();
    expect(tier('个人所得税', '对社会救助事项有关单位、个人的监督检查')).toBeUndefined();
    expect(tier('食品许可', '食品经营许可')).toBe(4);
    expect(tier('食品 许可', '食品经营许可')).toBe(2);
    expect(tier('许可 驾驶', '食品经营许可')).toBeUndefined();
  });

  it('takes a run of single characters (words the segmenter does not know) as two-character words, never one character alone', () => {
    // Node's segmenter: 事故|瞒|报, 乱|扔|烟|头|罚款, 驾驶|证, 危险|化学|品|…
    expect(wordParts('事故瞒报')).toEqual(['事故', '瞒报']);
    expect(wordParts('乱扔烟头罚款')).toEqual(['乱扔', '烟头', '罚款']);
    expect(wordParts('驾驶证')).toBeUndefined();
    expect(wordParts('危险化学品经营许可证核发')).toBeUndefined();
    expect(wordParts('食品')).toBeUndefined();
    expect(tier('事故瞒报', '对生产经营单位谎报或者瞒报事故的行政处罚')).toBe(4);
    expect(tier('乱扔烟头罚款', '对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的行政处罚', '处二十元以上五十元以下罚款')).toBe(4);
  });

  it('ranks the exact title, then the title prefix, then the title, then the text', () => {
    expect(tier('食品经营许可', '食品经营许可')).toBe(0);
    expect(tier('410100-zr-cj-001', '土地所有权和使用权争议裁决', '', '410100-ZR-CJ-001')).toBe(0);
    expect(tier('安全生产法', '中华人民共和国安全生产法')).toBe(0);
    expect(tier('污水处理费', '污水处理费征收')).toBe(1);
    expect(tier('污水处理费', '对排水单位或者个人不缴纳污水处理费的行政处罚')).toBe(2);
    expect(tier('安全生产法第97条', '对生产经营单位未按照规定设置安全生产管理机构的行政处罚', '安全生产法第九十七条第一项')).toBe(3);
    expect(tier('违建', '对违法建筑物、构筑物、设施的强制拆除')).toBe(2);
    // A bracketed qualifier at the end of a name does not make it less exact.
    const q = parseQuery('市场主体登记', fold);
    expect(matchTier(q, matchKey('市场主体登记（设立登记、变更登记、注销登记）', fold), '', '', matchKey(titleBase('市场主体登记（设立登记、变更登记、注销登记）'), fold))).toBe(0);
    expect(titleBase('烟花爆竹经营（批发）许可证核发')).toBe('烟花爆竹经营（批发）许可证核发');
  });

  it('leaves out the question words of a question typed whole (content/search/question-words.txt), longest first', () => {
    expect(relaxQuery('食品经营许可怎么办理', fold)).toEqual({ rest: '食品经营许可', dropped: ['怎么办理'] });
    expect(relaxQuery('办理烟花爆竹许可证要多久？', fold)).toEqual({ rest: '烟花爆竹许可证', dropped: ['要多久', '办理'] });
    expect(relaxQuery('食品 许可 多少钱', fold)).toEqual({ rest: '食品 许可', dropped: ['多少钱'] });
    // Nothing to leave out, or nothing left: no second search.
    expect(relaxQuery('食品经营许可', fold)).toBeUndefined();
    expect(relaxQuery('怎么办理', fold)).toBeUndefined();
  });

  it('refuses bad search data with the file and what is expected, in Chinese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quanze-search-'));
    try {
      mkdirSync(join(dir, 'search'));
      writeFileSync(join(dir, 'search', 'synonyms.yaml'), '违建: 违法建设\n');
      expect(() => readSearchData(dir)).toThrow('content/search/synonyms.yaml：「违建」：右边应为规范用语的列表，例如 违建: [违法建设, 违法建筑]');
      writeFileSync(join(dir, 'search', 'synonyms.yaml'), '违建: [违法建设]\n');
      writeFileSync(join(dir, 'search', 'traditional.txt'), '# 注释\n處处\n罰\n');
      expect(() => readSearchData(dir)).toThrow('content/search/traditional.txt:3：每行应为两个字（繁体字在前，简体字在后），实际为「罰」');
      writeFileSync(join(dir, 'search', 'traditional.txt'), '處处\n');
      writeFileSync(join(dir, 'search', 'question-words.txt'), '# 注释\n怎么办理\n吗\n');
      expect(() => readSearchData(dir)).toThrow('content/search/question-words.txt:3：每行应为一个两个字以上、不含空格的提问用语，实际为「吗」');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

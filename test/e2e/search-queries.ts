/**
 * Questions the public and auditors ask the search box, with the answers expected from the sample
 * content (written by reading content/, not by running the search). Each row names:
 *   first     the page that must come first;
 *   includes  pages that must be among the first ten results;
 *   only      the complete result set;
 *   excludes  pages that must not be found;
 *   none      nothing may be found (the words are in no page: checked with grep over content/).
 */
export interface SearchCase {
  q: string;
  why: string;
  first?: string;
  firstType?: string;
  includes?: string[];
  only?: string[];
  excludes?: string[];
  none?: true;
}

const p = (code: string) => `/powers/${code}/`;

export const SEARCH_CASES: SearchCase[] = [
  // The exact name of a power ranks the power itself first, its sub-items after it.
  { q: '危险化学品经营许可证核发', why: 'exact name', first: p('410100-YJ-XK-001'), only: [p('410100-YJ-XK-001'), p('410100-YJ-XK-001-01'), p('410100-YJ-XK-001-02')] },
  { q: '食品经营许可', why: 'exact name', first: p('410100-SJ-XK-001'), includes: [p('410100-SJ-CF-001')] },
  { q: '食品生产许可', why: 'exact name', first: p('410100-SJ-XK-002') },
  { q: '特困人员认定', why: 'exact name', first: p('410100-MZ-QR-001') },
  { q: '临时救助金给付', why: 'exact name', first: p('410100-MZ-JF-003') },
  { q: '特种设备使用登记', why: 'exact name', first: p('410100-SJ-XK-003') },
  // The start of a name.
  { q: '临时用地', why: 'name prefix', first: p('410100-ZR-XK-003') },
  { q: '耕地开垦费', why: 'name prefix', first: p('410100-ZR-ZS-001') },
  { q: '土地复垦费', why: 'name prefix', first: p('410100-ZR-ZS-002') },
  { q: '污水处理费', why: 'prefix before mention', first: p('410100-CG-ZS-001'), includes: [p('410100-CG-CF-005')] },
  { q: '建设工程规划许可证', why: 'prefix before mention', first: p('410100-ZR-XK-002'), includes: [p('410100-ZR-CF-004')] },
  { q: '市场主体登记', why: 'prefix before mention', first: p('410100-SJ-QR-001'), includes: [p('410100-SJ-QT-002'), '/laws/sczt-djtl/'] },
  // Words inside names, as people say them.
  { q: '户外广告', why: 'part of a name', first: p('410100-CG-XK-002') },
  { q: '虚假广告', why: 'part of a name', first: p('410100-SJ-CF-003') },
  { q: '随地吐痰', why: 'part of a name', first: p('410100-CG-CF-006') },
  { q: '临时救助', why: 'part of a name', first: p('410100-MZ-JF-003') },
  { q: '责任约谈', why: 'part of a name', first: p('410100-SJ-QT-001') },
  { q: '计量器具', why: 'part of names', includes: [p('410100-SJ-CF-006'), p('410100-SJ-JC-002')] },
  { q: '烟花爆竹', why: 'part of names and a law', includes: [p('410100-YJ-XK-002'), p('410100-YJ-XK-003'), p('410100-YJ-CF-004'), '/laws/yhbz-aqgltl/'] },
  { q: '最低生活保障', why: 'part of names and a law', includes: [p('410100-MZ-JF-001'), p('410100-MZ-JF-001-01'), '/laws/zdshbz-tl/'] },
  // All words, not as one phrase.
  { q: '食品许可', why: 'all words of the query', includes: [p('410100-SJ-XK-001'), p('410100-SJ-XK-002')] },
  { q: '食品 许可', why: 'two words typed', includes: [p('410100-SJ-XK-001'), p('410100-SJ-XK-002')], excludes: [p('410100-CG-XK-001')] },
  { q: '排水许可', why: 'all words of the query', includes: [p('410100-CG-XK-001')] },
  { q: '  食品经营许可  ', why: 'spaces around the query', first: p('410100-SJ-XK-001') },
  // Codes.
  { q: '410100-ZR-CJ-001', why: 'a code finds its power alone', only: [p('410100-ZR-CJ-001')] },
  { q: '410100-zr-cj-001', why: 'a code in lower case', first: p('410100-ZR-CJ-001') },
  // Laws and articles, as auditors cite them.
  { q: '安全生产法', why: 'a law by its short name', first: '/laws/aqscf/', firstType: '法律法规' },
  { q: '中华人民共和国安全生产法', why: 'a law by its full name', first: '/laws/aqscf/', firstType: '法律法规', includes: [p('410100-YJ-CF-001')] },
  { q: '《安全生产法》', why: 'book-title marks are optional', first: '/laws/aqscf/' },
  { q: '土地管理法', why: 'a law by its short name', first: '/laws/tdglf/' },
  { q: '安全生产法第九十七条', why: 'article in Chinese numerals', first: p('410100-YJ-CF-001'), only: [p('410100-YJ-CF-001'), '/laws/aqscf/'] },
  { q: '安全生产法第97条', why: 'article in Arabic numerals', first: p('410100-YJ-CF-001'), only: [p('410100-YJ-CF-001'), '/laws/aqscf/'] },
  { q: '《中华人民共和国安全生产法》第97条', why: 'full citation as written', first: p('410100-YJ-CF-001'), only: [p('410100-YJ-CF-001'), '/laws/aqscf/'] },
  // Departments, post systems and categories have results of their own.
  { q: '应急管理局', why: 'a department', first: '/departments/zz-yjglj/', firstType: '部门' },
  { q: '郑州市市场监督管理局', why: 'a department by its full name', first: '/departments/zz-scjgj/' },
  { q: '自然资源和规划局岗责体系', why: 'a post system', first: '/departments/zz-zrzyghj/posts/', firstType: '岗责体系' },
  { q: '受理岗', why: 'a post', includes: ['/departments/zz-yjglj/posts/'] },
  { q: '行政强制', why: 'a category', first: '/categories/qz/', firstType: '职权类别' },
  { q: '行政检查', why: 'a category', first: '/categories/jc/' },
  // Synonyms (content/search/synonyms.yaml).
  { q: '违建', why: 'synonym: 违法建筑', first: p('410100-CG-QZ-001') },
  { q: '危化品', why: 'synonym: 危险化学品', includes: [p('410100-YJ-XK-001'), '/laws/whp-aqgltl/'] },
  { q: '城管', why: 'synonym: 城市管理', includes: ['/departments/zz-cgj/', '/departments/zz-cgj/posts/'] },
  { q: '低保', why: 'synonym: 最低生活保障', includes: [p('410100-MZ-JF-001'), p('410100-MZ-JF-001-01')] },
  { q: '鞭炮', why: 'synonym: 烟花爆竹', includes: [p('410100-YJ-XK-003')] },
  { q: '营业执照', why: 'synonym: 市场主体登记', first: p('410100-SJ-QR-001') },
  { q: '市监局', why: 'synonym: 市场监督管理局', first: '/departments/zz-scjgj/' },
  // Traditional characters.
  { q: '食品經營許可', why: 'traditional characters', first: p('410100-SJ-XK-001') },
  { q: '處罰', why: 'traditional characters', includes: ['/categories/cf/', '/laws/xzcff/'] },
  { q: '價格', why: 'traditional characters', includes: [p('410100-SJ-CF-004'), '/laws/jgf/'] },
  // Questions the sample cannot answer: nothing, not pages sharing one character.
  { q: '驾驶证', why: 'not in the sample (every page with 证 must not come up)', none: true },
  { q: '护照办理', why: 'not in the sample', none: true },
  { q: '个人所得税', why: 'not in the sample (个人 alone must not come up)', none: true },
  { q: '结婚登记', why: 'not in the sample (登记 alone must not come up)', none: true },
  { q: '房产证', why: 'not in the sample', none: true },
  { q: '网约车', why: 'not in the sample', none: true },
  { q: '社保卡', why: 'not in the sample', none: true },
  // Questions typed whole: nothing matches them as they are, so the search leaves out the
  // question words (content/search/question-words.txt) and says so.
  { q: '食品经营许可怎么办理', why: 'a question: 怎么办理 left out', first: p('410100-SJ-XK-001') },
  { q: '办理烟花爆竹经营许可要多久', why: 'a question: 办理, 要多久 left out; the rest as words', includes: [p('410100-YJ-XK-002'), p('410100-YJ-XK-003')] },
  { q: '低保需要什么材料', why: 'a question with a synonym: 需要, 什么, 材料 left out', includes: [p('410100-MZ-JF-001')] },
  { q: '临时救助找谁', why: 'a question: 找谁 left out', first: p('410100-MZ-JF-003') },
  { q: '驾驶证怎么办理', why: 'a question about what the list does not hold', none: true },
  { q: '怎么办理', why: 'question words only', none: true },
  // Written by a tester who had read the content but not the search (session 14): words the
  // segmenter does not know, everyday names, department short names.
  { q: '事故瞒报', why: 'a word the segmenter cuts into characters (瞒报)', first: p('410100-YJ-CF-005') },
  { q: '乱扔烟头罚款', why: 'three words run together, two of them unknown to the segmenter', includes: [p('410100-CG-CF-006')] },
  { q: '开饭店要办什么证', why: 'a question in everyday words: 开饭店 → 食品经营', includes: [p('410100-SJ-XK-001')] },
  { q: '电梯登记', why: 'everyday name: 电梯 → 特种设备', first: p('410100-SJ-XK-003') },
  { q: '注销公司', why: 'everyday name: 公司 → 市场主体', includes: [p('410100-SJ-QR-001')] },
  { q: '市场监管局', why: 'department short name', first: '/departments/zz-scjgj/' },
  { q: '应急局', why: 'department short name', first: '/departments/zz-yjglj/' },
  { q: '短斤少两', why: 'everyday name: 计量', includes: [p('410100-SJ-CF-006')] },
  { q: '假冒伪劣', why: 'everyday name: 以假充真、以次充好', includes: [p('410100-SJ-CF-002')] },
  { q: '价格欺诈', why: 'everyday name: 价格手段', includes: [p('410100-SJ-CF-004')] },
  { q: '私搭乱建', why: 'everyday name: 违法建设', includes: [p('410100-CG-CF-001')] },
  { q: '土地纠纷', why: 'everyday name: 纠纷 → 争议', first: p('410100-ZR-CJ-001') },
  { q: '行政许可法第42条', why: 'a law and one of its articles: the law page (at that article) and the powers citing it', includes: ['/laws/xzxkf/'] },
];

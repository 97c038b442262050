import { escapeHtml } from '../generators/diff/render-html.ts';
import type { PublicRevision } from '../history/public-record.ts';

/**
 * An Atom feed of the 变更记录 (RFC 4287): one entry per commit that changed powers, newest first,
 * titled and described in the department's own words (change notes, adjustment records), never
 * the commit message. Ids are stable (the commit hash); timestamps are the commit's own; links are
 * absolute when the site's address is known (site.yaml `url`), as feed readers need.
 */
export interface FeedOptions {
  title: string;
  /** The feed's own path, e.g. /changes.xml. */
  path: string;
  /** The page the feed stands for, e.g. /departments/x/changes/. */
  page: string;
  /** Entry link for a commit (a page listing that commit's changes). */
  entryUrl: (commit: { hash: string; date: string }) => string;
  entries: PublicRevision[];
  powerUrl: (code: string) => string;
  siteUrl?: string;
}

const ITEMS_PER_ENTRY = 50;

export function changesFeed(options: FeedOptions): string {
  const abs = (path: string) => (options.siteUrl ? new URL(path, options.siteUrl).href : path);
  const byCommit = new Map<string, PublicRevision[]>();
  for (const e of options.entries) byCommit.set(e.revision.hash, [...(byCommit.get(e.revision.hash) ?? []), e]);
  const commits = [...byCommit.values()].slice(0, 100);
  const entries = commits.map((group) => {
    const first = group[0]!.revision;
    // A first import can touch thousands of powers at once: the entry names the first 50.
    const items = group
      .slice(0, ITEMS_PER_ENTRY)
      .map((e) => `<li>${escapeHtml(e.kind)}：<a href="${escapeHtml(abs(options.powerUrl(e.revision.code)))}">${escapeHtml(e.revision.name)}</a>——${escapeHtml(e.note)}${e.adjustment ? `（依据 ${escapeHtml(e.adjustment.document)}）` : ''}${e.revision.changes.length ? `，${e.revision.changes.length} 处变化` : ''}</li>`)
      .join('') + (group.length > ITEMS_PER_ENTRY ? `<li>等，共 ${group.length} 个事项</li>` : '');
    const title = group.length === 1 ? `${group[0]!.kind}：${first.name}——${group[0]!.note}` : `${group.length} 个事项调整：${group.slice(0, 3).map((e) => e.revision.name).join('、')}${group.length > 3 ? '等' : ''}`;
    return `  <entry>
    <id>urn:quanze:commit:${first.hash}</id>
    <title>${escapeHtml(title)}</title>
    <updated>${first.time}</updated>
    <link rel="alternate" type="text/html" href="${escapeHtml(abs(options.entryUrl(first)))}"/>
    <content type="html">${escapeHtml(`<ul>${items}</ul>`)}</content>
  </entry>`;
  });
  const updated = options.entries[0]?.revision.time ?? '1970-01-01T00:00:00Z';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>urn:quanze:feed:${escapeHtml(options.path)}</id>
  <title>${escapeHtml(options.title)}</title>
  <updated>${updated}</updated>
  <author><name>${escapeHtml(options.title)}</name></author>
  <link rel="self" href="${escapeHtml(abs(options.path))}"/>
  <link rel="alternate" type="text/html" href="${escapeHtml(abs(options.page))}"/>
${entries.join('\n')}
</feed>
`;
}

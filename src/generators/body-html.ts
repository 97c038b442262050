import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/**
 * Renders a power's body (办事指南, remarks) to HTML: GitHub-flavoured Markdown (tables, lists,
 * links), with raw HTML dropped (only Markdown makes markup) and the result sanitised. Bodies come from many departments' pull requests, so
 * they are never compiled as code: an .mdx body has been checked to hold no imports, expressions
 * or components, and is rendered as Markdown here.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // Footnote ids and their links get the prefix together here; the sanitiser would prefix only
  // the ids (its clobberPrefix), leaving every footnote link pointing nowhere.
  .use(remarkRehype, { footnoteLabel: '脚注', footnoteBackLabel: '返回正文', clobberPrefix: 'body-' })
  .use(rehypeSanitize, { ...defaultSchema, clobberPrefix: '' })
  .use(rehypeStringify);

export function bodyToHtml(markdown: string): string {
  if (!markdown.trim()) return '';
  return String(processor.processSync(markdown));
}

import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { powerSchema } from './schema/power.ts';
import { contentDir } from './site/content-dir.ts';

/**
 * The power entries as an Astro collection, validated with the same zod schema as the CLI. Ids come
 * from `code`, because the glob loader lowercases ASCII file names.
 */
const powers = defineCollection({
  loader: glob({
    base: `${contentDir()}/powers`,
    pattern: '**/*.{md,mdx}',
    generateId: ({ data }) => String(data.code),
  }),
  schema: powerSchema,
});

export const collections = { powers };

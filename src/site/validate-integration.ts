import type { AstroIntegration } from 'astro';
import { contentDir } from './content-dir.ts';
import { checkContentAt } from '../model/check.ts';
import { formatFinding } from '../model/findings.ts';
import { shareModel, takePrevalidatedModel } from './shared-model.ts';

/**
 * Runs the project's validator before Astro reads any content. Astro's own content errors name the
 * file but not the line and stop at the first entry; this reports every finding with its line and
 * refuses to build, so a list is never published with entries missing.
 */
export function validateContentIntegration(): AstroIntegration {
  return {
    name: 'quanze-validate',
    hooks: {
      'astro:config:setup': ({ logger }) => {
        const prevalidated = takePrevalidatedModel(contentDir());
        if (prevalidated) {
          shareModel(prevalidated.model, prevalidated.history);
          return;
        }
        const result = checkContentAt(contentDir());
        const errors = result.findings.filter((f) => f.severity === 'error');
        const warnings = result.findings.length - errors.length;
        if (errors.length) {
          const report = result.findings.map(formatFinding).join('\n');
          throw new Error(`内容校验未通过（${errors.length} 个错误，${warnings} 个警告），已停止构建：\n${report}`);
        }
        shareModel(result.model!);
        logger.info(`内容校验通过：${result.model?.powers.length ?? 0} 个事项，${warnings} 个警告`);
      },
    },
  };
}

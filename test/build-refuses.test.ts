import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { BASE_FIXTURE } from './helpers/content.ts';

/** A list is never published with entries missing: one bad entry stops the site build, with the report. */
it('the site build refuses to start on invalid content and prints every finding with its line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quanze-refuse-'));
  try {
    cpSync(join(BASE_FIXTURE, 'content'), join(dir, 'content'), { recursive: true });
    const file = join(dir, 'content/powers/test-dept/410100-CS-XK-001.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('category: 行政许可', 'category: 行政许可类'));
    const r = spawnSync(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'build'], {
      encoding: 'utf8',
      env: { ...process.env, QUANZE_CONTENT: join(dir, 'content'), QUANZE_OUT_DIR: join(dir, 'dist'), ASTRO_TELEMETRY_DISABLED: '1' },
    });
    expect(r.status).not.toBe(0);
    const output = r.stdout + r.stderr;
    expect(output).toContain('内容校验未通过（1 个错误，0 个警告），已停止构建');
    expect(output).toMatch(/410100-CS-XK-001\.md:4:11: error: category: 职权类别「行政许可类」不在 stages\.yaml 中/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

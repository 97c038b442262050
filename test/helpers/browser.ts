import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, as installed by .ci/run (`apt-get install chromium fonts-noto-cjk`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests need a real Chromium. Locally without one they are skipped with a notice; in CI
 * (CI=true) a missing browser is a failure, so the tests can never silently not run there.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`浏览器测试需要 Chromium：${CHROMIUM} 不存在（apt-get install chromium fonts-noto-cjk）`);
  console.warn(`跳过浏览器测试：未找到 ${CHROMIUM}。安装：apt-get install chromium fonts-noto-cjk`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

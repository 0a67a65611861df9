import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * Debian's chromium, headless, no sandbox (CI runs as root), nothing that phones home, and a
 * fresh profile per launch, removed by `close()`.
 */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'loadrig-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did while loading: console errors, uncaught errors, dialogs, requests. */
export interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  /** Every request other than the report file itself. */
  requests: string[];
}

/** Opens a report file, recording what it does; dialogs are dismissed (and recorded). */
export async function openReport(
  context: BrowserContext,
  file: string,
): Promise<{ page: Page; log: PageLog }> {
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const log: PageLog = { consoleErrors: [], pageErrors: [], dialogs: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url) log.requests.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, log };
}

/** For each chart canvas: how many of its pixels are not fully transparent. */
export async function inkedPixels(page: Page): Promise<number[]> {
  // A string, evaluated in the page: the tests compile without the DOM typings.
  return page.evaluate<number[]>(`[...document.querySelectorAll('.chart canvas')].map((canvas) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) inked++;
    return inked;
  })`);
}

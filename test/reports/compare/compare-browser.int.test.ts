import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareRuns,
  DEFAULT_COMPARE_SETTINGS,
} from '../../../reports/analysis/compare/compare-runs.js';
import { renderCompareHtml } from '../../../reports/render/compare/compare-html.js';
import { componentGate } from '../../helpers/require-component.js';
import { chromiumAvailable, inkedPixels, launchChromium, openReport } from '../browser.js';
import { readRun } from '../../../core/run-dir/read-run.js';
import { rounds } from './synthetic-runs.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/run-dirs/v1');

const gate = componentGate(
  'LOADRIG_REQUIRE_BROWSER',
  chromiumAvailable(),
  'Chromium (/usr/bin/chromium)',
);

describe.skipIf(gate.skip)('compare.html in a real browser', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'loadrig-compare-html-'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no console error, no request, and draws every chart of both sides', async () => {
    const base = rounds(3, { latencyMs: 20 }, 1);
    const candidate = rounds(3, { latencyMs: 24 }, 11);
    const c = compareRuns(base, candidate, { ...DEFAULT_COMPARE_SETTINGS, resamples: 400 });
    const file = join(dir, 'compare.html');
    writeFileSync(file, renderCompareHtml(c, base, candidate));
    const { page, log } = await openReport(browser.context, file);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [], requests: [] });
    const charts = await page.locator('.chart').count();
    expect(charts).toBe(6); // p50, p99, throughput, distribution, CPU, memory
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe(String(charts));
    for (const pixels of await inkedPixels(page)) expect(pixels).toBeGreaterThan(500);
    expect(await page.locator('.banner__verdict').textContent()).toBe('REGRESSION');
    expect(await page.locator('tr[data-verdict="regression"]').count()).toBeGreaterThanOrEqual(3);
    // Six rounds on each timeline: three base, three candidate.
    expect(await page.locator('#chart-p50 .u-legend .u-series').count()).toBe(7);
  });

  it('draws recorded runs too (the demo run against itself, with its Node server series)', async () => {
    const run = readRun(join(FIXTURES, '20261203T131733Z-demo'));
    const c = compareRuns([run], [run], DEFAULT_COMPARE_SETTINGS);
    const file = join(dir, 'demo.html');
    writeFileSync(file, renderCompareHtml(c, [run], [run]));
    const { page, log } = await openReport(browser.context, file);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [], requests: [] });
    const charts = await page.locator('.chart').count();
    expect(charts).toBeGreaterThanOrEqual(6);
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe(String(charts));
  });
});

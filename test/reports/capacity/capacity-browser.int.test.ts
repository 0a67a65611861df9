import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseCapacity } from '../../../reports/analysis/capacity/analyse-capacity.js';
import { parseSlo } from '../../../reports/analysis/capacity/slo.js';
import { DEFAULT_STEADINESS } from '../../../reports/analysis/capacity/steadiness.js';
import { DEFAULT_FIT_RULES } from '../../../reports/analysis/capacity/usl-summary.js';
import { renderCapacityHtml } from '../../../reports/render/capacity/capacity-html.js';
import { componentGate } from '../../helpers/require-component.js';
import { chromiumAvailable, inkedPixels, launchChromium, openReport } from '../browser.js';
import { uslRun } from './stepped-run.js';

const gate = componentGate(
  'LOADRIG_REQUIRE_BROWSER',
  chromiumAvailable(),
  'Chromium (/usr/bin/chromium)',
);

describe.skipIf(gate.skip)('capacity.html in a real browser', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'loadrig-capacity-html-'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws every chart (fit with band, SLO curve, sweep) offline, without errors', async () => {
    const analysis = analyseCapacity({
      groups: [1, 2].map((k) => ({
        label: `replicas = ${k}`,
        instances: k,
        runs: [uslRun(k * 0.9, `r${k}`)],
      })),
      sweepSetting: 'replicas',
      slo: parseSlo('p(99)<100'),
      targetRatePerSec: 500,
      headroom: 0.3,
      steadiness: DEFAULT_STEADINESS,
      fit: { ...DEFAULT_FIT_RULES, resamples: 30 },
    });
    const file = join(dir, 'capacity.html');
    writeFileSync(file, renderCapacityHtml(analysis));
    const { page, log } = await openReport(browser.context, file);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [], requests: [] });
    const drawn = await page
      .locator('[data-chart]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-drawn')));
    expect(drawn).toEqual(['4', '3', '4', '3', '2']);
    const ink = await inkedPixels(page);
    expect(ink).toHaveLength(5);
    for (const pixels of ink) expect(pixels).toBeGreaterThan(500);
    await expect(page.locator('.answer').textContent()).resolves.toBe(analysis.answer.sentence);
  }, 60_000);
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseHistory } from '../../../reports/analysis/history/history-analysis.js';
import { renderHistoryHtml } from '../../../reports/render/history/history-html.js';
import { componentGate } from '../../helpers/require-component.js';
import { chromiumAvailable, inkedPixels, launchChromium, openReport } from '../browser.js';
import { syntheticHistory } from './synthetic-history.js';

const gate = componentGate(
  'LOADRIG_REQUIRE_BROWSER',
  chromiumAvailable(),
  'Chromium (/usr/bin/chromium)',
);

describe.skipIf(gate.skip)('history.html in a real browser', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let dir: string;
  const runs = syntheticHistory({ runs: 40, seed: 7, p99Step: { at: 25, factor: 1.15 } });

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'loadrig-history-html-'));
    for (const run of runs) {
      run.report = `runs/${run.id}/report.html`;
      mkdirSync(join(dir, 'runs', run.id), { recursive: true });
      writeFileSync(join(dir, run.report), `<!doctype html><title>${run.id}</title>`);
    }
    writeFileSync(
      join(dir, 'history.html'),
      renderHistoryHtml(analyseHistory(runs), { kind: 'runs', location: 'runs' }),
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no errors or requests and draws a chart per figure', async () => {
    const { page, log } = await openReport(browser.context, join(dir, 'history.html'));
    const charts = await page.locator('.history-chart').count();
    expect(charts).toBe(6);
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe(String(charts));
    for (const pixels of await inkedPixels(page)) expect(pixels).toBeGreaterThan(500);
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [], requests: [] });
    await page.close();
  });

  it('opens the report of the run a click lands on', async () => {
    const { page } = await openReport(browser.context, join(dir, 'history.html'));
    const over = page.locator('[data-group-index="0"][data-chart-index="2"] .u-over');
    await over.scrollIntoViewIfNeeded();
    const box = (await over.boundingBox())!;
    // x runs from half a run before the first (index 0) to half a run after the last (39).
    const x = box.x + ((25 + 0.5) / 40) * box.width;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForURL(/report\.html$/, { timeout: 10_000 });
    expect(page.url()).toBe(pathToFileURL(join(dir, runs[25]!.report!)).href);
    await page.close();
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseRun } from '../../reports/analysis/analyse.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { renderHtml } from '../../reports/render/html.js';
import { componentGate } from '../helpers/require-component.js';
import { sampleFindings } from '../fixtures/runs/findings.js';
import { HOSTILE_ATTR, HOSTILE_SCRIPT, hostileRun } from '../fixtures/runs/hostile-run.js';
import { chromiumAvailable, inkedPixels, launchChromium, openReport } from './browser.js';
import { sampleRun } from './fixtures/sample-run.js';

const gate = componentGate(
  'LOADRIG_REQUIRE_BROWSER',
  chromiumAvailable(),
  'Chromium (/usr/bin/chromium)',
);
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

describe.skipIf(gate.skip)('the HTML report in a real browser', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'loadrig-report-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, run: RunData, findings = sampleFindings()): string {
    const file = join(dir, name);
    writeFileSync(file, renderHtml(run, { ...analyseRun(run), findings }));
    return file;
  }

  it('loads with no errors or requests, draws every chart and lists the findings', async () => {
    const { page, log } = await openReport(browser.context, write('report.html', sampleRun()));
    const charts = await page.locator('.chart').count();
    expect(charts).toBe(6); // latency, throughput, load, CPU, memory, distribution
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe(String(charts));
    const inked = await inkedPixels(page);
    expect(inked).toHaveLength(charts);
    for (const pixels of inked) expect(pixels).toBeGreaterThan(500);
    // Findings: most severe first, each linking to its chart.
    const severities = await page.locator('.finding .badge').allTextContents();
    expect(severities).toEqual(['critical', 'warning', 'info']);
    expect(await page.locator('.finding__title').first().textContent()).toBe(
      'RSS grows linearly: 1 MB/s',
    );
    expect(await page.locator('.finding__chart').first().getAttribute('href')).toBe(
      '#chart-server-0',
    );
    expect(await page.locator('#chart-server-0 canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('.banner__verdict').textContent()).toBe(
      'FAILED: 1 threshold failed; 1 critical finding and 1 warning',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    expect(log).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [], requests: [] });
  });

  it('zooms every time chart to the evidence when a finding is clicked', async () => {
    const { page } = await openReport(browser.context, write('zoom.html', sampleRun()));
    const t0 = 1_735_689_600;
    const ranges = async () =>
      (await page
        .locator('.chart[data-chart-kind="time"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-x-range')))) as (
        string | null
      )[];
    expect(await ranges()).toEqual(Array(5).fill(`${t0},${t0 + 29}`));
    // The warning's evidence runs t0+5..t0+25: padded by 5 s, every time chart follows.
    await page.locator('.finding__chart').nth(1).click();
    expect(await ranges()).toEqual(Array(5).fill(`${t0},${t0 + 30}`));
  });

  it('time axes: exactly the client seconds, UTC ISO-like 24 h labels, the last second drawn', async () => {
    const run = sampleRun();
    const t0 = 1_735_689_600; // 2025-01-01T00:00:00Z
    // Server samples from before the load and after it, which used to stretch the axis; a heap
    // limit of 4 GB beside 50-80 MB of memory; a count present only in the last second.
    run.meta.serverSeries.push(
      { id: 'node.heap_limit_bytes', label: 'heap limit', unit: 'bytes', source: 'agent' },
      { id: 'process.open_fds', label: 'fds', unit: 'count', source: 'process' },
    );
    run.server = [
      { t: t0 - 1, values: { 'process.rss_bytes': 40e6 } },
      ...run.server.map((sample, i) => ({
        ...sample,
        values: {
          ...sample.values,
          'node.heap_limit_bytes': 4.345e9,
          ...(i === 29 ? { 'process.open_fds': 42 } : {}),
        },
      })),
      { t: t0 + 30, values: { 'process.rss_bytes': 90e6 } },
      { t: t0 + 31, values: { 'process.rss_bytes': 90e6 } },
    ];
    const { page, log } = await openReport(browser.context, write('axes.html', run, []));
    expect(log.pageErrors).toEqual([]);
    const attr = (name: string) =>
      page
        .locator('.chart[data-chart-kind="time"]')
        .evaluateAll((els, a) => els.map((el) => el.getAttribute(a as string)), name) as Promise<
        (string | null)[]
      >;
    // Every time chart runs from the first to the last client second, no padding either side.
    expect(new Set(await attr('data-x-range'))).toEqual(new Set([`${t0},${t0 + 29}`]));
    // Labels: 24 h UTC clock, the ISO date under the first; whole seconds only.
    for (const labels of await attr('data-x-labels')) {
      const ticks = labels!.split('|');
      expect(ticks[0]).toMatch(/^00:00:\d\d\n2025-01-01$/);
      for (const tick of ticks.slice(1)) expect(tick).toMatch(/^00:00:\d\d$/);
    }
    // Hover: the legend names the second as date and clock, whatever the browser's locale.
    const over = page.locator('#chart-latency .u-over');
    const box = (await over.boundingBox())!;
    await over.hover({ position: { x: box.width / 2, y: box.height / 2 } });
    await over.hover({ position: { x: box.width - 1, y: box.height / 2 } });
    const legend = page.locator('#chart-latency .u-legend .u-series').first();
    await expect.poll(() => legend.textContent()).toContain('2025-01-01 00:00:29');
    // The memory chart is scaled to the memory, not to the 4 GB limit, which its title names.
    const memory = page.locator('.chart-block', { hasText: 'Server memory' });
    expect(await memory.locator('h3').textContent()).toContain(
      'not drawn, far above: heap limit 4.3 GB',
    );
    const [, top] = (await memory.locator('.chart').getAttribute('data-left-range'))!.split(',');
    expect(Number(top)).toBeLessThan(200e6);
    expect(Number(top)).toBeGreaterThanOrEqual(79e6);
    // The last second is drawn: the latency lines reach the right edge of the plot, and the
    // count present in the last second alone shows as a point there.
    const inkAtRightEdge = (chart: string, rgb: [number, number, number] | null) =>
      page.evaluate<number>(`(() => {
        const block = document.querySelector(${JSON.stringify(chart)});
        const canvas = block.querySelector('canvas');
        const over = block.querySelector('.u-over').getBoundingClientRect();
        const c = canvas.getBoundingClientRect();
        const scale = canvas.width / c.width;
        const x = Math.floor((over.right - c.left) * scale) - 4;
        const y = Math.floor((over.top - c.top) * scale);
        const h = Math.floor(over.height * scale);
        const px = canvas.getContext('2d').getImageData(x, y, 4, h).data;
        const want = ${JSON.stringify(rgb)};
        let n = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (px[i + 3] === 0) continue;
          if (!want || (Math.abs(px[i] - want[0]) < 40 && Math.abs(px[i + 1] - want[1]) < 40 && Math.abs(px[i + 2] - want[2]) < 40)) n++;
        }
        return n;
      })()`);
    expect(await inkAtRightEdge('#chart-latency', null)).toBeGreaterThan(10);
    const counts = await page
      .locator('.chart-block', { hasText: 'Server counts' })
      .getAttribute('id');
    expect(await inkAtRightEdge(`#${counts!}`, [37, 99, 235])).toBeGreaterThan(3);
    await page.screenshot({ path: join(ARTIFACTS, 'report-axes.png'), fullPage: true });
  });

  it('renders hostile scenario names and tags as text: no script runs, no dialog opens', async () => {
    const { page, log } = await openReport(
      browser.context,
      write('hostile.html', hostileRun(), []),
    );
    expect(log.dialogs).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.requests).toEqual([]);
    expect(await page.locator('h1').textContent()).toBe(HOSTILE_SCRIPT);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(3);
    const endpoints = await page.locator('#endpoints code').allTextContents();
    expect(endpoints.sort()).toEqual([HOSTILE_ATTR, HOSTILE_SCRIPT].sort());
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe('5');
    await page.screenshot({ path: join(ARTIFACTS, 'report-hostile.png'), fullPage: true });
  });

  it('draws a day of seconds, downsampled, with a one-second spike still on the chart', async () => {
    const run = sampleRun();
    const base = analyseRun(run);
    const n = 86_400;
    const t0 = 1_767_225_600;
    const wave = (i: number, mid: number) => mid * (1 + 0.2 * Math.sin(i / 900));
    const series = (f: (i: number) => number | null) => Array.from({ length: n }, (_, i) => f(i));
    const spikeAt = 13 * 3600;
    const timeline = {
      ...base.timeline,
      t: series((i) => t0 + i) as number[],
      vus: series(() => 50),
      reqPerSec: series((i) => wave(i, 900)),
      errorsPerSec: series(() => 0),
      droppedPerSec: series(() => 0),
      iterationsPerSec: series((i) => wave(i, 900)),
      p50: series((i) => wave(i, 10)),
      p90: series((i) => wave(i, 20)),
      p95: series((i) => wave(i, 25)),
      p99: series((i) => (i === spikeAt ? 2000 : wave(i, 40))),
      max: series((i) => (i === spikeAt ? 2500 : wave(i, 60))),
      server: Array.from({ length: 10 }, (_, k) => ({
        id: `s${k}`,
        label: `series ${k}`,
        unit: (['percent', 'bytes', 'count', 'ms'] as const)[k % 4]!,
        source: 'bench',
        values: series((i) => wave(i, 100 * (k + 1)) + i),
      })),
    };
    const spikeFinding = {
      ...sampleFindings()[0]!,
      title: 'p99 spike',
      chart: 'latency' as const,
      evidence: {
        text: 'one second at 2 s',
        figures: {},
        fromT: t0 + spikeAt - 60,
        toT: t0 + spikeAt + 60,
      },
    };
    const html = renderHtml(run, { ...base, timeline, findings: [spikeFinding] });
    expect(Buffer.byteLength(html)).toBeLessThan(15e6);
    const file = join(dir, 'day.html');
    writeFileSync(file, html);
    const { page, log } = await openReport(browser.context, file);
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    const charts = await page.locator('.chart').count();
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe(String(charts));
    for (const pixels of await inkedPixels(page)) expect(pixels).toBeGreaterThan(500);
    // The y axis of the latency chart reaches the spike: the 2000 ms p99 second was kept.
    const spikeKept = await page.evaluate<boolean>(`(() => {
      const data = JSON.parse(document.getElementById('run-data').textContent);
      const latency = data.charts.find((c) => c.id === 'chart-latency');
      return Math.max(...latency.series.find((s) => s.label === 'p99').values) === 2000;
    })()`);
    expect(spikeKept).toBe(true);
    const bucketSec = () =>
      page
        .locator('.chart[data-chart-kind="time"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-bucket-sec')));
    expect(new Set(await bucketSec())).toEqual(new Set(['22']));
    // Zoomed to the finding's two minutes, every time chart redraws every second from the detail.
    await page.locator('.finding__chart').first().click();
    await page.waitForFunction(
      `document.querySelector('#chart-latency .chart').getAttribute('data-bucket-sec') === '1'`,
    );
    expect(new Set(await bucketSec())).toEqual(new Set(['1']));
    expect(log.pageErrors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'report-day-zoomed.png'), fullPage: false });
    await page.screenshot({ path: join(ARTIFACTS, 'report-day.png'), fullPage: false });
  });
});

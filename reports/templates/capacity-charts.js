/* global uPlot, document, window */
// Draws the capacity report's charts from the inline JSON (reports/render/capacity/capacity-charts.ts).
// Runs in the browser, inlined into the report: no imports, no network.
(function () {
  'use strict';
  var dataEl = document.getElementById('capacity-data');
  if (!dataEl || typeof uPlot === 'undefined') return;
  var data = JSON.parse(dataEl.textContent);
  var HEIGHT = 300;

  function num(v) {
    if (v == null) return '–';
    var a = Math.abs(v);
    return String(Number(v.toPrecision(a >= 100 ? 5 : 3)));
  }

  function seriesOf(s) {
    var base = {
      label: s.label,
      stroke: s.color,
      value: function (u, v) {
        return num(v);
      },
    };
    if (s.style === 'points') {
      base.paths = function () {
        return null;
      };
      base.points = { show: true, size: 8, fill: s.color };
    } else if (s.style === 'band') {
      base.stroke = 'transparent';
      base.points = { show: false };
      base.spanGaps = true;
    } else {
      base.width = s.style === 'dash' ? 1.5 : 2;
      if (s.style === 'dash') base.dash = [6, 4];
      base.points = { show: false };
      base.spanGaps = true;
    }
    return base;
  }

  data.charts.forEach(function (c) {
    var el = document.querySelector('[data-chart="' + c.id + '"]');
    if (!el) return;
    var opts = {
      width: Math.max(320, el.clientWidth),
      height: HEIGHT,
      scales: { x: { time: false } },
      axes: [
        {
          label: c.xLabel,
          values: function (u, splits) {
            return splits.map(num);
          },
        },
        {
          label: c.yLabel,
          size: 64,
          values: function (u, splits) {
            return splits.map(num);
          },
        },
      ],
      series: [
        {
          label: c.xLabel,
          value: function (u, v) {
            return num(v);
          },
        },
      ].concat(c.series.map(seriesOf)),
    };
    if (c.band) opts.bands = [{ series: c.band, fill: 'rgba(100,116,139,0.18)' }];
    var plot = new uPlot(
      opts,
      [c.x].concat(
        c.series.map(function (s) {
          return s.values;
        }),
      ),
      el,
    );
    el.setAttribute('data-drawn', String(c.series.length));
    window.addEventListener('resize', function () {
      plot.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT });
    });
  });
})();

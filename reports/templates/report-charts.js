/* global uPlot, document, window */
// Draws the report's charts from the inline JSON (see reports/render/chart-data.ts).
// Runs in the browser, inlined into the report: no imports, no network.
(function () {
  'use strict';
  var dataEl = document.getElementById('run-data');
  if (!dataEl || typeof uPlot === 'undefined') return;
  var data = JSON.parse(dataEl.textContent);
  var HEIGHT = 280;
  var syncKey = uPlot.sync('loadrig').key;

  function trim(v, digits) {
    return String(Number(v.toFixed(digits)));
  }
  function bytes(v) {
    var units = ['B', 'kB', 'MB', 'GB', 'TB'];
    var i = 0;
    while (Math.abs(v) >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    return trim(v, Math.abs(v) >= 10 || i === 0 ? 0 : 1) + ' ' + units[i];
  }
  function ms(v) {
    if (Math.abs(v) >= 1000) return trim(v / 1000, 2) + ' s';
    if (Math.abs(v) > 0 && Math.abs(v) < 1) return trim(v * 1000, 0) + ' µs';
    return trim(v, 2) + ' ms';
  }
  var FORMATS = {
    ms: ms,
    bytes: bytes,
    percent: function (v) {
      return trim(v, 1) + '%';
    },
    reqPerSec: function (v) {
      return trim(v, 1) + '/s';
    },
    count: function (v) {
      return trim(v, 2);
    },
  };
  function format(unit) {
    var f = FORMATS[unit] || FORMATS.count;
    return function (v) {
      return v == null ? '–' : f(v);
    };
  }

  function options(spec, width) {
    var left = format(spec.unit);
    var right = spec.rightUnit ? format(spec.rightUnit) : null;
    var axes = [
      {},
      {
        scale: 'left',
        size: 72,
        values: function (u, splits) {
          return splits.map(left);
        },
      },
    ];
    if (right) {
      axes.push({
        scale: 'right',
        side: 1,
        size: 56,
        grid: { show: false },
        values: function (u, splits) {
          return splits.map(right);
        },
      });
    }
    return {
      width: width,
      height: HEIGHT,
      cursor: { sync: { key: syncKey, setSeries: true } },
      scales: { x: { time: true }, left: { auto: true }, right: { auto: true } },
      axes: axes,
      series: [{}].concat(
        spec.series.map(function (s) {
          var isRight = s.axis === 'right';
          return {
            label: s.label,
            stroke: s.color,
            width: isRight ? 1 : 1.5,
            dash: isRight ? [6, 4] : undefined,
            scale: isRight ? 'right' : 'left',
            spanGaps: false,
            value: function (u, v) {
              return (isRight ? right : left)(v);
            },
          };
        }),
      ),
    };
  }

  var charts = [];
  document.querySelectorAll('[data-chart-index]').forEach(function (el) {
    var spec = data.charts[Number(el.getAttribute('data-chart-index'))];
    if (!spec) return;
    var series = [data.t].concat(
      spec.series.map(function (s) {
        return s.values;
      }),
    );
    charts.push({ el: el, plot: new uPlot(options(spec, el.clientWidth), series, el) });
  });

  var pending = 0;
  window.addEventListener('resize', function () {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(function () {
      charts.forEach(function (c) {
        c.plot.setSize({ width: c.el.clientWidth, height: HEIGHT });
      });
    });
  });
})();

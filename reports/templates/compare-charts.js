/* global uPlot, document, window */
// Draws compare.html's charts from the inline JSON (reports/render/compare/compare-chart-data.ts).
// Runs in the browser, inlined into the page: no imports, no network.
(function () {
  'use strict';
  var dataEl = document.getElementById('compare-data');
  if (!dataEl || typeof uPlot === 'undefined') return;
  var data = JSON.parse(dataEl.textContent);
  var HEIGHT = 260;

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
  function percentileLabel(x) {
    var p = 100 * (1 - 1 / x);
    return (p >= 99 ? String(Number(p.toFixed(4))) : String(Math.round(p))) + '%';
  }

  function options(spec, width) {
    var f = format(spec.unit);
    var percentile = spec.kind === 'percentile';
    return {
      width: width,
      height: HEIGHT,
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: percentile ? { time: false, distr: 3, log: 10 } : { time: false },
        y: { auto: true },
      },
      axes: [
        percentile
          ? {
              splits: function (u, axisIdx, min, max) {
                var out = [];
                for (var x = 1; x <= max * 1.0001; x *= 10) if (x >= min / 1.0001) out.push(x);
                return out;
              },
              values: function (u, splits) {
                return splits.map(percentileLabel);
              },
            }
          : {
              // Whole seconds: a short round would otherwise get ticks at 0.2 s.
              incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200],
              values: function (u, splits) {
                return splits.map(function (s) {
                  return s + ' s';
                });
              },
            },
        {
          size: 72,
          values: function (u, splits) {
            return splits.map(f);
          },
        },
      ],
      series: [
        {
          label: percentile ? 'percentile' : 'second',
          value: function (u, v) {
            if (v == null) return '–';
            return percentile ? percentileLabel(v) : v + ' s';
          },
        },
      ].concat(
        spec.series.map(function (s) {
          return {
            label: s.label,
            stroke: s.color,
            width: 1.5,
            dash: s.side === 'candidate' ? undefined : [5, 3],
            spanGaps: false,
            points: { show: false },
            value: function (u, v) {
              return f(v);
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
    var series = [spec.x].concat(
      spec.series.map(function (s) {
        return s.values;
      }),
    );
    charts.push({ el: el, plot: new uPlot(options(spec, el.clientWidth), series, el) });
  });
  document.body.setAttribute('data-charts-drawn', String(charts.length));

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

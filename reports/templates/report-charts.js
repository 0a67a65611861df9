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

  // Times are UTC and ISO-like, 24 h, whatever the reader's locale: 15:56:52, and the date
  // (2026-12-03) under the first tick and wherever the day changes.
  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }
  function utcDate(t) {
    var d = new Date(t * 1000);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  }
  function utcClock(t) {
    var d = new Date(t * 1000);
    return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
  }
  function timeLabels(u, splits) {
    var day = null;
    var labels = splits.map(function (t) {
      var date = utcDate(t);
      var label = date !== day ? utcClock(t) + '\n' + date : utcClock(t);
      day = date;
      return label;
    });
    // Exposed like data-x-range: the labels drawn on the canvas, for tests and DOM readers.
    u.root.parentNode.setAttribute('data-x-labels', labels.join('|'));
    return labels;
  }
  // The left axis' range, exposed the same way.
  function recordLeft(u, key) {
    if (key !== 'left') return;
    u.root.parentNode.setAttribute('data-left-range', u.scales.left.min + ',' + u.scales.left.max);
  }
  // Whole seconds only: the data has one point per second.
  var TIME_INCRS = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    172800, 604800,
  ];
  // Points are drawn only where a value stands alone between gaps (the first or last second,
  // a lone sample): a line needs two points, and such a value would not show at all.
  function isolatedPoints(u, seriesIdx) {
    var values = u.data[seriesIdx];
    var out = [];
    for (var i = 0; i < values.length; i++) {
      if (values[i] == null) continue;
      if ((i === 0 || values[i - 1] == null) && (i === values.length - 1 || values[i + 1] == null))
        out.push(i);
    }
    return out;
  }

  function axis(scale, unit, side) {
    var f = format(unit);
    var a = {
      scale: scale,
      size: 72,
      values: function (u, splits) {
        return splits.map(f);
      },
    };
    if (side) {
      a.side = 1;
      a.grid = { show: false };
    }
    return a;
  }

  // Every time chart follows the others' x range: zoom one, all zoom.
  var timeCharts = [];
  var syncing = false;
  function syncX(u, key) {
    if (key !== 'x') return;
    // Exposed for tests and for anyone reading the DOM: the x range each chart shows.
    u.root.parentNode.setAttribute('data-x-range', u.scales.x.min + ',' + u.scales.x.max);
    if (syncing) return;
    syncing = true;
    var min = u.scales.x.min;
    var max = u.scales.x.max;
    timeCharts.forEach(function (c) {
      if (c.plot !== u) c.plot.setScale('x', { min: min, max: max });
    });
    syncing = false;
    if (data.detail) {
      window.cancelAnimationFrame(rebinPending);
      rebinPending = window.requestAnimationFrame(function () {
        rebin(min, max);
      });
    }
  }

  // A downsampled run carries every second in `data.detail`: after a zoom, each time chart is
  // redrawn from the visible seconds, again keeping each bucket's min and max, so zooming in
  // far enough shows every single second.
  var MAX_POINTS = 8000;
  var rebinPending = 0;
  var decoded = {};
  function detailValues(key) {
    if (!decoded[key]) {
      var d = data.detail.series[key];
      decoded[key] = d.q.map(function (v) {
        return v == null ? null : v * d.step;
      });
    }
    return decoded[key];
  }
  function binned(values, from, to, width) {
    var out = [];
    for (var start = from; start <= to; start += width) {
      var end = Math.min(start + width - 1, to);
      var lo = null;
      var hi = null;
      var loAt = 0;
      var hiAt = 0;
      for (var i = start; i <= end; i++) {
        var v = values[i];
        if (v == null) continue;
        if (lo == null || v < lo) {
          lo = v;
          loAt = i;
        }
        if (hi == null || v > hi) {
          hi = v;
          hiAt = i;
        }
      }
      if (width === 1) out.push(lo);
      else if (end > start) out.push(loAt <= hiAt ? lo : hi, loAt <= hiAt ? hi : lo);
      else out.push(lo);
    }
    return out;
  }
  function rebin(min, max) {
    var d = data.detail;
    var from = Math.max(0, Math.floor(min - d.t0));
    var to = Math.min(d.length - 1, Math.ceil(max - d.t0));
    if (to < from) return;
    var width = Math.max(1, Math.ceil((2 * (to - from + 1)) / MAX_POINTS));
    // Zoomed out to (nearly) everything: the overview the report was rendered with.
    var overview = width >= data.bucketSec;
    var x = [];
    for (var start = from; start <= to; start += width) {
      var end = Math.min(start + width - 1, to);
      x.push(d.t0 + start);
      if (width > 1 && end > start) x.push(d.t0 + start + Math.floor((end - start + 1) / 2));
    }
    syncing = true;
    timeCharts.forEach(function (c) {
      var shown = overview ? data.bucketSec : width;
      if (overview && c.el.getAttribute('data-bucket-sec') === String(shown)) return;
      var series = overview
        ? c.overview
        : [x].concat(
            c.spec.series.map(function (s) {
              return binned(detailValues(s.key), from, to, width);
            }),
          );
      c.plot.setData(series, false);
      c.plot.setScale('x', { min: min, max: max });
      c.el.setAttribute('data-bucket-sec', String(shown));
    });
    syncing = false;
  }

  function percentileLabel(x) {
    var p = 100 * (1 - 1 / x);
    return (p >= 99 ? String(Number(p.toFixed(4))) : String(Math.round(p))) + '%';
  }

  function options(spec, width) {
    var leftF = format(spec.unit);
    var rightF = spec.rightUnit ? format(spec.rightUnit) : null;
    var percentile = spec.kind === 'percentile';
    var axes = [
      percentile
        ? {
            // One tick per decade of 1/(1-p): 0%, 90%, 99%, 99.9%...
            splits: function (u, axisIdx, min, max) {
              var out = [];
              for (var x = 1; x <= max * 1.0001; x *= 10) if (x >= min / 1.0001) out.push(x);
              return out;
            },
            values: function (u, splits) {
              return splits.map(percentileLabel);
            },
          }
        : { values: timeLabels, incrs: TIME_INCRS, label: 'UTC', labelSize: 16 },
      axis('left', spec.unit, false),
    ];
    if (rightF) axes.push(axis('right', spec.rightUnit, true));
    return {
      width: width,
      height: HEIGHT,
      cursor: percentile
        ? { drag: { x: true, y: false } }
        : { sync: { key: syncKey, setSeries: true }, drag: { x: true, y: false } },
      // Splits on UTC boundaries, as the labels are; the x range is the data's, no padding.
      tzDate: function (ts) {
        return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
      },
      scales: {
        x: percentile
          ? { time: false, distr: 3, log: 10 }
          : {
              time: true,
              range: function (u, min, max) {
                return min === max ? [min - 1, max + 1] : [min, max];
              },
            },
        left: { auto: true },
        right: { auto: true },
      },
      axes: axes,
      hooks: { setScale: percentile ? [recordLeft] : [syncX, recordLeft] },
      series: [
        percentile
          ? {
              label: 'percentile',
              value: function (u, v) {
                return v == null ? '–' : percentileLabel(v);
              },
            }
          : {
              label: 'time (UTC)',
              value: function (u, v) {
                return v == null ? '–' : utcDate(v) + ' ' + utcClock(v);
              },
            },
      ].concat(
        spec.series.map(function (s) {
          var isRight = s.axis === 'right';
          return {
            label: s.label,
            stroke: s.color,
            width: isRight ? 1 : 1.5,
            dash: isRight ? [6, 4] : undefined,
            scale: isRight ? 'right' : 'left',
            spanGaps: false,
            points: percentile
              ? { show: false }
              : { show: true, size: 5, fill: s.color, filter: isolatedPoints },
            value: function (u, v) {
              return (isRight ? rightF : leftF)(v);
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
    var x = spec.kind === 'percentile' ? spec.x : data.t;
    var series = [x].concat(
      spec.series.map(function (s) {
        return s.values;
      }),
    );
    var chart = {
      el: el,
      spec: spec,
      overview: series,
      plot: new uPlot(options(spec, el.clientWidth), series, el),
    };
    if (spec.kind !== 'percentile') el.setAttribute('data-bucket-sec', String(data.bucketSec));
    charts.push(chart);
    if (spec.kind !== 'percentile') timeCharts.push(chart);
  });
  document.body.setAttribute('data-charts-drawn', String(charts.length));

  // "show on chart" on a finding: zoom every time chart to its evidence, with some context.
  document.querySelectorAll('a[data-from-t]').forEach(function (a) {
    a.addEventListener('click', function () {
      var from = Number(a.getAttribute('data-from-t'));
      var to = Number(a.getAttribute('data-to-t') || from);
      if (!a.getAttribute('data-from-t') || !timeCharts.length) return;
      var pad = Math.max(5, (to - from) * 0.25);
      timeCharts[0].plot.setScale('x', { min: from - pad, max: to + pad });
    });
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

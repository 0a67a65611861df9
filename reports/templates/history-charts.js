/* global uPlot, document, window */
// Draws the history charts from the inline JSON (see reports/render/history/history-view.ts):
// one point per run, the mean of each level dashed, change points as labelled vertical lines,
// the newest run ringed. A click on a point opens that run's report (a relative link).
// Runs in the browser, inlined into the page: no imports, no network.
(function () {
  'use strict';
  var dataEl = document.getElementById('history-data');
  if (!dataEl || typeof uPlot === 'undefined') return;
  var data = JSON.parse(dataEl.textContent);
  var HEIGHT = 260;
  var REGRESSION = '#b91c1c';
  var IMPROVEMENT = '#15803d';

  function trim(v, digits) {
    return String(Number(v.toFixed(digits)));
  }
  var FORMATS = {
    ms: function (v) {
      return Math.abs(v) >= 1000 ? trim(v / 1000, 2) + ' s' : trim(v, 2) + ' ms';
    },
    reqPerSec: function (v) {
      return trim(v, 1) + '/s';
    },
    ratio: function (v) {
      return trim(v * 100, 2) + '%';
    },
    msPerRequest: function (v) {
      return trim(v, 3) + ' ms/req';
    },
    mbPerMin: function (v) {
      return trim(v, 2) + ' MB/min';
    },
  };
  function format(unit) {
    var f = FORMATS[unit] || FORMATS.reqPerSec;
    return function (v) {
      return v == null ? '–' : f(v);
    };
  }

  function drawMarks(group, spec) {
    return function (u) {
      var ctx = u.ctx;
      var top = u.bbox.top;
      var height = u.bbox.height;
      var pr = window.devicePixelRatio || 1;
      ctx.save();
      spec.changePoints.forEach(function (c) {
        var x = u.valToPos(c.at - 0.5, 'x', true);
        ctx.strokeStyle = c.regression ? REGRESSION : IMPROVEMENT;
        ctx.lineWidth = 1.5 * pr;
        ctx.setLineDash([4 * pr, 3 * pr]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + height);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = ctx.strokeStyle;
        ctx.font = 11 * pr + 'px system-ui, sans-serif';
        ctx.fillText(c.label, x + 4 * pr, top + 12 * pr);
      });
      var last = spec.values.length - 1;
      if (last >= 0 && spec.values[last] != null) {
        ctx.strokeStyle = '#d97706';
        ctx.lineWidth = 2.5 * pr;
        ctx.beginPath();
        ctx.arc(
          u.valToPos(last, 'x', true),
          u.valToPos(spec.values[last], 'y', true),
          7 * pr,
          0,
          2 * Math.PI,
        );
        ctx.stroke();
      }
      ctx.restore();
    };
  }

  function options(group, spec, width) {
    var f = format(spec.unit);
    var runLabel = function (i) {
      var run = group.runs[i];
      return run ? run.date + ' ' + run.commit : '';
    };
    return {
      width: width,
      height: HEIGHT,
      cursor: { drag: { x: true, y: false }, points: { size: 9 } },
      // Half a run of margin each side, so the first and the ringed newest point are not clipped.
      scales: {
        x: {
          time: false,
          range: function (u, min, max) {
            return [min - 0.5, max + 0.5];
          },
        },
        y: { auto: true },
      },
      axes: [
        {
          values: function (u, splits) {
            return splits.map(function (i) {
              var run = group.runs[Math.round(i)];
              return Number.isInteger(i) && run ? run.day : '';
            });
          },
        },
        {
          size: 80,
          values: function (u, splits) {
            return splits.map(f);
          },
        },
      ],
      series: [
        {
          label: 'run',
          value: function (u, i) {
            return i == null ? '–' : runLabel(i);
          },
        },
        {
          label: spec.label,
          stroke: '#2563eb',
          width: 1.5,
          spanGaps: true,
          points: { show: true, size: 5, fill: '#2563eb' },
          value: function (u, v) {
            return f(v);
          },
        },
        {
          label: 'level mean',
          stroke: '#64748b',
          width: 1,
          dash: [6, 4],
          points: { show: false },
          // A level holds until the next run: it steps at the change, never slopes into it.
          paths: uPlot.paths.stepped({ align: 1 }),
          value: function (u, v) {
            return f(v);
          },
        },
      ],
      hooks: { draw: [drawMarks(group, spec)] },
    };
  }

  var charts = [];
  document.querySelectorAll('[data-group-index][data-chart-index]').forEach(function (el) {
    var group = data.groups[Number(el.getAttribute('data-group-index'))];
    var spec = group && group.charts[Number(el.getAttribute('data-chart-index'))];
    if (!spec) return;
    var x = spec.values.map(function (_, i) {
      return i;
    });
    var plot = new uPlot(options(group, spec, el.clientWidth), [x, spec.values, spec.levels], el);
    // A click (not a drag) on a run opens its report, relative to this page.
    var downAt = null;
    plot.over.addEventListener('mousedown', function (e) {
      downAt = e.clientX;
    });
    plot.over.addEventListener('mouseup', function (e) {
      var moved = downAt == null ? 0 : Math.abs(e.clientX - downAt);
      downAt = null;
      var i = plot.cursor.idx;
      var run = i == null ? null : group.runs[i];
      if (moved < 4 && run && run.report) window.location.href = run.report;
    });
    plot.over.setAttribute('title', 'click a point to open that run’s report');
    charts.push({ el: el, plot: plot });
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

// Trend charts of the shared-record view: the data comes as JSON from data-trends-url (no inline script: the CSP
// forbids it); each chart draws its lines with the reference range shaded, or says there is nothing to draw.
(function () {
  'use strict';

  var COLOURS = ['#0f6e8c', '#c0392b', '#7a4a00'];

  function draw(container, data) {
    var charts = [];
    data.charts.forEach(function (chart) {
      var box = container.querySelector('[data-chart="' + chart.key + '"]');
      if (!box) {
        return;
      }
      var points = chart.lines.reduce(function (n, line) { return n + line.points.length; }, 0);
      if (points === 0) {
        var empty = document.createElement('div');
        empty.className = 'yw-chart-empty';
        empty.setAttribute('data-testid', 'chart-empty');
        empty.textContent = container.getAttribute('data-empty');
        box.appendChild(empty);
        return;
      }
      // a line without results (random glucose when only fasting was measured) stays out of the legend
      var drawn = { key: chart.key, title: chart.title, unit: chart.unit,
        lines: chart.lines.filter(function (line) { return line.points.length > 0; }) };
      var instance = window.echarts.init(box, null, { renderer: 'canvas' });
      instance.setOption(option(drawn, container.getAttribute('data-range')));
      box.setAttribute('data-drawn', String(points));
      charts.push(instance);
    });
    var pending = null;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
    });
  }

  function bound(chart, which, pick) {
    var values = chart.lines.filter(function (l) { return l[which] != null; })
      .map(function (l) { return Number(l[which]); });
    return values.length ? pick.apply(null, values) : (which === 'low' ? Infinity : -Infinity);
  }

  function nice(value, round) {
    var step = Math.abs(value) >= 20 ? 10 : 1;
    return round(value / step) * step;
  }

  function option(chart, rangeLabel) {
    return {
      animation: false,
      color: COLOURS,
      grid: { left: 44, right: 16, top: 34, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v + ' ' + chart.unit; } },
      legend: { top: 0, left: 'center', itemWidth: 14, data: chart.lines.map(function (l) { return l.name; }) },
      xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
      // the axis always takes in the reference range, so a clinician sees how far out the results lie
      yAxis: { type: 'value', scale: true, name: chart.unit, nameGap: 8, nameTextStyle: { align: 'left' },
        min: function (extent) { return nice(Math.min(extent.min, bound(chart, 'low', Math.min)), Math.floor); },
        max: function (extent) { return nice(Math.max(extent.max, bound(chart, 'high', Math.max)), Math.ceil); } },
      series: chart.lines.map(function (line, i) {
        var series = {
          name: line.name,
          type: 'line',
          showSymbol: true,
          symbolSize: 5,
          connectNulls: true,
          data: line.points.map(function (p) {
            var point = { value: [p.t, Number(p.v)] };
            if (p.flag && p.flag !== 'N') {
              point.itemStyle = { color: (p.flag === 'HH' || p.flag === 'LL' || p.flag === 'AA') ? '#b3261e' : '#e07b00' };
              point.symbolSize = 8;
            }
            return point;
          })
        };
        if (line.low != null || line.high != null) {
          var low = line.low != null ? Number(line.low) : 0;
          var high = line.high != null ? Number(line.high) : low;
          series.markArea = {
            silent: true,
            itemStyle: { color: i === 0 ? 'rgba(15,110,140,0.09)' : 'rgba(192,57,43,0.07)' },
            label: { show: false },
            data: [[{ name: rangeLabel, yAxis: low }, { yAxis: high }]]
          };
        }
        return series;
      })
    };
  }

  function start() {
    var container = document.getElementById('trend-charts');
    if (!container || !window.echarts) {
      return;
    }
    fetch(container.getAttribute('data-trends-url'), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('trends: HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (data) { draw(container, data); })
      .catch(function (error) { container.setAttribute('data-error', String(error)); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

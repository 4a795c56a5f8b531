// Draws the report's charts from the JSON in #chart-data with uPlot, and lends its helpers to the dashboard's script
// (window.trainyard). Every text goes through textContent, never innerHTML, so that no recorded string can become
// markup.
(function () {
  'use strict';
  const holder = document.getElementById('chart-data');
  const data = holder == null ? null : JSON.parse(holder.textContent);
  const WIDTH = 420;
  const HEIGHT = 260;

  // The spelling of Numbers.metric and Numbers.percent on the Java side: four significant digits, scientific
  // notation below 0.001 and from a million on, accuracy in percent with two decimals.
  function format(value, percent) {
    if (value == null || !isFinite(value)) {
      return '-';
    }
    if (percent) {
      return (100 * value).toFixed(2) + '%';
    }
    const magnitude = Math.abs(value);
    if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) {
      return Number(value.toPrecision(4)).toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
    }
    return String(Number(value.toPrecision(4)));
  }

  function title(metric) {
    const words = metric.replace(/_/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function translucent(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text != null) {
      node.textContent = text;
    }
    return node;
  }

  // A chart in a figure with its title and a line under it that names the values under the cursor; the uPlot.
  function figure(container, name, options, columns, describe) {
    const box = element('figure', 'chart');
    box.appendChild(element('figcaption', null, name));
    container.appendChild(box);
    const readout = element('div', 'readout', 'Hover for values.');
    options.width = WIDTH;
    options.height = HEIGHT;
    options.legend = {show: false};
    options.cursor = {drag: {x: true, y: false}};
    options.hooks = {setCursor: [function (u) {
      const index = u.cursor.idx;
      readout.textContent = '';
      if (index == null) {
        readout.textContent = 'Hover for values.';
        return;
      }
      describe(index).forEach(function (part) {
        const span = element('span', null, part.text);
        if (part.color) {
          span.style.color = part.color;
        }
        readout.appendChild(span);
      });
    }]};
    const plot = new uPlot(options, columns, box);
    box.appendChild(readout);
    return plot;
  }

  // Axis ticks: as format() spells values, but percentages without trailing zeros (80%, 82.5%).
  function ticks(percent) {
    return function (u, values) {
      return values.map(function (value) {
        return percent ? String(Number((100 * value).toPrecision(4))) + '%' : format(value, false);
      });
    };
  }

  function yAxis(percent) {
    return {size: 64, values: ticks(percent)};
  }

  // Whole numbers only, for epochs, steps and trials.
  const COUNTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

  function curves() {
    const container = document.getElementById('curves');
    data.curves.forEach(function (curve) {
      const percent = curve.metric.indexOf('accuracy') >= 0;
      const epochs = curve.configs[0].mean.length;
      if (epochs === 0) {
        return;
      }
      const columns = [Array.from({length: epochs}, function (_, i) { return i + 1; })];
      const series = [{label: 'epoch'}];
      const bands = [];
      curve.configs.forEach(function (config, c) {
        const color = data.configs[c].color;
        const upper = config.mean.map(function (m, i) { return m == null ? null : m + config.sd[i]; });
        const lower = config.mean.map(function (m, i) { return m == null ? null : m - config.sd[i]; });
        columns.push(upper, lower);
        series.push({label: 'mean + sd', stroke: 'transparent', points: {show: false}},
          {label: 'mean - sd', stroke: 'transparent', points: {show: false}});
        bands.push({series: [series.length - 2, series.length - 1], fill: translucent(color, 0.18)});
        config.runs.forEach(function (run) {
          columns.push(run.values);
          series.push({label: run.id, stroke: translucent(color, 0.8), width: 1, dash: [4, 4],
            points: {show: false}});
        });
        columns.push(config.mean);
        series.push({label: data.configs[c].label, stroke: color, width: 2.5});
      });
      figure(container, title(curve.metric), {series: series, bands: bands, scales: {x: {time: false}},
        axes: [{label: 'epoch', incrs: COUNTS}, yAxis(percent)]}, columns, function (index) {
        const parts = [{text: 'epoch ' + (index + 1) + ': '}];
        curve.configs.forEach(function (config, c) {
          parts.push({text: data.configs[c].label + ' ' + format(config.mean[index], percent)
            + (config.runs.length > 1 ? ' ± ' + format(config.sd[index], percent) : '') + '  ',
          color: data.configs[c].color});
        });
        return parts;
      });
    });
  }

  function steps() {
    if (data.steps == null) {
      return;
    }
    document.getElementById('steps-section').hidden = false;
    const columns = [data.steps.x];
    const series = [{label: 'step'}];
    data.steps.runs.forEach(function (run) {
      columns.push(run.values);
      series.push({label: run.id, stroke: data.configs[run.config].color, width: 1, spanGaps: true,
        points: {show: false}});
    });
    const name = 'Train loss' + (data.steps.window > 1 ? ' (mean of every ' + data.steps.window + ' steps)' : '');
    figure(document.getElementById('steps'), name, {series: series, scales: {x: {time: false}},
      axes: [{label: 'step', incrs: COUNTS}, yAxis(false)]}, columns, function (index) {
      const parts = [{text: 'step ' + data.steps.x[index] + ': '}];
      data.steps.runs.forEach(function (run) {
        parts.push({text: run.id + ' ' + format(run.values[index], false) + '  ',
          color: data.configs[run.config].color});
      });
      return parts;
    });
  }

  function scatter() {
    const container = document.getElementById('scatter');
    if (container == null) {
      return;
    }
    data.scatter.forEach(function (chart) {
      const columns = [chart.x];
      const series = [{label: chart.param}];
      chart.configs.forEach(function (values, c) {
        columns.push(values);
        series.push({label: data.configs[c].label, stroke: data.configs[c].color, paths: function () { return null; },
          points: {show: true, size: 9, fill: data.configs[c].color}});
      });
      const categories = chart.categories;
      const x = categories
        ? {time: false, range: function () { return [-0.5, categories.length - 0.5]; }}
        : {time: false, distr: chart.log ? 3 : 1};
      const xAxis = {label: chart.param + (chart.log ? ' (log)' : ''), values: ticks(false)};
      if (chart.log) {
        // Powers of ten only: uPlot's log axis also marks 2..9 times each, too many to read.
        xAxis.filter = function (u, splits) {
          return splits.map(function (v) { return Math.abs(Math.log10(v) % 1) < 1e-9 ? v : null; });
        };
      }
      if (categories) {
        xAxis.splits = function () { return categories.map(function (_, i) { return i; }); };
        xAxis.values = function () { return categories; };
      }
      figure(container, 'Final test accuracy by ' + chart.param, {series: series, scales: {x: x},
        axes: [xAxis, yAxis(true)]}, columns, function (index) {
        const c = chart.configs.findIndex(function (values) { return values[index] != null; });
        return [{text: data.configs[c].label + ': ' + format(chart.configs[c][index], true),
          color: data.configs[c].color}];
      });
    });
  }

  function history() {
    if (data.history == null || document.getElementById('history') == null) {
      return;
    }
    document.getElementById('history-section').hidden = false;
    const h = data.history;
    figure(document.getElementById('history'), 'Final test accuracy by trial, best so far', {
      series: [{label: 'trial'},
        {label: 'trial', stroke: '#888', paths: function () { return null; }, points: {show: true, size: 7}},
        {label: 'best so far', stroke: data.configs[0].color, width: 2, paths: uPlot.paths.stepped({align: 1})}],
      scales: {x: {time: false}}, axes: [{label: 'trial', incrs: COUNTS}, yAxis(true)]}, [h.x, h.values, h.best],
    function (index) {
      return [{text: 'trial ' + h.x[index] + ': ' + format(h.values[index], true) + ', best so far '
        + format(h.best[index], true)}];
    });
  }

  window.trainyard = {format: format, figure: figure, yAxis: yAxis, counts: COUNTS};
  if (data != null) {
    curves();
    steps();
    scatter();
    history();
    document.body.dataset.charts = String(document.querySelectorAll('.uplot').length);
  }
})();

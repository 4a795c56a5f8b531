// The dashboard's pages come to life here: the runs table follows the filter, a run's curves grow while it trains,
// and, when the dashboard allows it, tags and notes are edited. Text from the store is only ever set through
// textContent; charts are drawn with the report's helpers (window.trainyard, from report.js).
(function () {
  'use strict';
  const charts = window.trainyard;

  function cell(row, text, className) {
    const td = document.createElement('td');
    if (className) {
      td.className = className;
    }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function getJson(url) {
    return fetch(url, {credentials: 'same-origin'}).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error(body.error || response.statusText);
        }
        return body;
      });
    });
  }

  function runsPage() {
    const form = document.getElementById('runs-form');
    const filter = document.getElementById('runs-filter');
    const order = document.getElementById('runs-order');
    const rows = document.querySelector('#runs-table tbody');
    const message = document.getElementById('runs-message');
    const compare = document.getElementById('compare-button');
    const selected = new Set();
    const asked = new URLSearchParams(location.search);
    filter.value = asked.get('filter') || '';
    order.value = asked.get('order') || '';

    function query() {
      const params = new URLSearchParams();
      if (filter.value.trim()) {
        params.set('filter', filter.value);
      }
      if (order.value.trim()) {
        params.set('order', order.value);
      }
      return params.toString();
    }

    function render(runs) {
      rows.textContent = '';
      runs.forEach(function (run) {
        const row = document.createElement('tr');
        row.dataset.run = run.run_id;
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = selected.has(run.run_id);
        box.setAttribute('aria-label', 'select ' + run.run_id);
        box.addEventListener('change', function () {
          if (box.checked) {
            selected.add(run.run_id);
          } else {
            selected.delete(run.run_id);
          }
          compare.disabled = selected.size === 0;
        });
        cell(row, '').appendChild(box);
        const link = document.createElement('a');
        link.href = '/runs/' + encodeURIComponent(run.run_id);
        link.textContent = run.run_id;
        cell(row, '').appendChild(link);
        cell(row, run.experiment);
        cell(row, run.status, 'status-' + String(run.status).toLowerCase());
        cell(row, run.start == null ? '-' : run.start.slice(0, 19).replace('T', ' ') + 'Z');
        cell(row, String(run.epochs), 'number');
        cell(row, charts.format(run.final_test_accuracy, true), 'number');
        rows.appendChild(row);
      });
      document.body.dataset.rows = String(runs.length);
    }

    function load() {
      return getJson('/api/runs?' + query()).then(function (runs) {
        render(runs);
        message.className = 'note';
        message.textContent = runs.length + (runs.length === 1 ? ' run' : ' runs')
          + (runs.length >= 500 ? ' (the first 500: narrow the filter)' : '');
      }).catch(function (error) {
        message.className = 'error';
        message.textContent = error.message;
      });
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      history.replaceState(null, '', '/?' + query());
      load();
    });
    compare.addEventListener('click', function () {
      location.href = '/compare?runs=' + encodeURIComponent(Array.from(selected).join(','));
    });
    load();
    // Statuses and accuracies change while runs train.
    setInterval(load, 5000);
  }

  function runPage() {
    const live = document.getElementById('live');
    const id = live.dataset.run;
    const status = document.getElementById('status');
    const steps = {x: [], y: []};
    const plots = {};
    let since = -1;

    // One chart per name: lines per series, drawn once and then given new data.
    function show(name, x, series, percent) {
      const columns = [x].concat(series.map(function (s) { return s.values; }));
      if (plots[name]) {
        plots[name].setData(columns);
        return;
      }
      const options = {series: [{label: 'x'}].concat(series.map(function (s) {
        return {label: s.label, stroke: s.color, width: 2};
      })), scales: {x: {time: false}}, axes: [{label: x === steps.x ? 'step' : 'epoch', incrs: charts.counts},
        charts.yAxis(percent)]};
      plots[name] = charts.figure(live, name, options, columns, function (index) {
        return [{text: (x === steps.x ? 'step ' : 'epoch ') + x[index] + ': '}].concat(series.map(function (s) {
          return {text: s.label + ' ' + charts.format(plots[name].data[series.indexOf(s) + 1][index], percent)
            + '  ', color: s.color};
        }));
      });
    }

    function poll() {
      getJson('/api/runs/' + encodeURIComponent(id) + '/live?since=' + since).then(function (run) {
        run.steps.step.forEach(function (step, i) {
          steps.x.push(step);
          steps.y.push(run.steps.train_loss[i]);
        });
        if (steps.x.length > 0) {
          since = steps.x[steps.x.length - 1];
        }
        const epochs = run.epochs.map(function (e) { return e.epoch; });
        function metric(name) {
          return run.epochs.map(function (e) { return e[name] === undefined ? null : e[name]; });
        }
        show('Train loss by step', steps.x, [{label: 'train loss', color: '#4e79a7', values: steps.y}], false);
        show('Loss: train (blue), test (orange)', epochs, [{label: 'train', color: '#4e79a7', values: metric('train_loss')},
          {label: 'test', color: '#f28e2b', values: metric('test_loss')}], false);
        show('Accuracy: train (blue), test (orange)', epochs, [{label: 'train', color: '#4e79a7', values: metric('train_accuracy')},
          {label: 'test', color: '#f28e2b', values: metric('test_accuracy')}], true);
        const builtIn = ['epoch', 'train_loss', 'train_accuracy', 'test_loss', 'test_accuracy', 'epoch_seconds'];
        const logged = new Set();
        run.epochs.forEach(function (e) {
          Object.keys(e).filter(function (k) { return builtIn.indexOf(k) < 0; }).forEach(function (k) {
            logged.add(k);
          });
        });
        Array.from(logged).sort().forEach(function (name) {
          show(name, epochs, [{label: name, color: '#59a14f', values: metric(name)}], name.indexOf('accuracy') >= 0);
        });
        status.textContent = run.status;
        document.body.dataset.epochs = String(epochs.length);
        document.body.dataset.steps = String(steps.x.length);
        if (run.status === 'RUNNING') {
          setTimeout(poll, 2000);
        }
      }).catch(function (error) {
        status.textContent = status.textContent + ' (' + error.message + ')';
        setTimeout(poll, 5000);
      });
    }

    ['tag-form', 'note-form'].forEach(function (formId) {
      const form = document.getElementById(formId);
      if (form == null) {
        return;
      }
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        fetch('/api/runs/' + encodeURIComponent(id) + '/edit', {method: 'POST', credentials: 'same-origin',
          headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-Trainyard-Edit': '1'},
          body: new URLSearchParams(new FormData(form))}).then(function (response) {
          if (response.ok) {
            location.reload();
          } else {
            response.text().then(function (text) {
              document.getElementById('edit-message').textContent = text;
            });
          }
        });
      });
    });
    poll();
  }

  if (document.body.dataset.page === 'runs') {
    runsPage();
  } else if (document.body.dataset.page === 'run') {
    runPage();
  }
})();

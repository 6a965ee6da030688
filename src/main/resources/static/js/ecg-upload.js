// ECG intake page: sends the chosen files through the resumable upload protocol (/ecg/uploads/...), chunk by chunk,
// retrying with backoff on network errors and resuming after a reload when the same files are chosen again.
(function () {
  'use strict';

  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var h = {};
    if (token && header) { h[header.content] = token.content; }
    return h;
  }

  function format(template, args) {
    return template.replace(/\{(\d+)\}/g, function (m, i) { return args[i] !== undefined ? args[i] : m; });
  }

  function fnv(text) { // 2 × 32-bit FNV-1a: a stable idempotency key for the same resident, kind and files
    var h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
      h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
    }
    return h1.toString(16) + h2.toString(16);
  }

  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  class ProblemError extends Error {
    constructor(problem) { super(problem.detail || problem.title || 'error'); this.problem = problem; }
  }

  function setupUpload(form) {
    var base = form.dataset.base;
    var chunkSize = parseInt(form.dataset.chunkSize, 10) || 262144;
    var input = form.querySelector('input[type=file]');
    var drop = form.querySelector('.yw-ecg-drop');
    var chosenList = form.querySelector('[data-chosen]');
    var progress = form.querySelector('progress');
    var status = form.querySelector('[data-status]');
    var button = form.querySelector('button[type=submit]');
    var files = [];

    function showChosen() {
      chosenList.textContent = '';
      files.forEach(function (f) {
        var li = document.createElement('li');
        li.textContent = f.name + ' (' + Math.max(1, Math.round(f.size / 1024)) + ' KB)';
        chosenList.appendChild(li);
      });
    }
    input.addEventListener('change', function () { files = Array.from(input.files); showChosen(); clearErrors(); });
    ['dragenter', 'dragover'].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('yw-dragover'); });
    });
    ['dragleave', 'drop'].forEach(function (t) {
      drop.addEventListener(t, function () { drop.classList.remove('yw-dragover'); });
    });
    drop.addEventListener('drop', function (e) {
      e.preventDefault();
      files = Array.from(e.dataTransfer.files);
      showChosen();
      clearErrors();
    });

    function clearErrors() {
      form.querySelectorAll('[data-error-for]').forEach(function (el) { el.textContent = ''; });
      form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    }

    function showProblem(problem) {
      var shown = false;
      (problem.errors || []).forEach(function (e) {
        var field = e.field === 'residentId' || e.field === 'idNumber' ? 'form' : e.field;
        var el = form.querySelector('[data-error-for="' + field + '"]');
        if (el) {
          el.textContent = e.message;
          var control = form.querySelector('[name="' + field + '"]');
          if (control) { control.setAttribute('aria-invalid', 'true'); }
          shown = true;
        }
      });
      if (!shown) {
        form.querySelector('[data-error-for="form"]').textContent = format(form.dataset.msgFailed, [problem.detail || problem.title]);
      }
      status.textContent = '';
      progress.hidden = true; // the files arrived or not: the message says what to fix
    }

    // One request, retried with exponential backoff while the network fails or the server answers 5xx/429.
    async function request(method, url, body, headers) {
      for (var attempt = 1; ; attempt++) {
        var response = null;
        try {
          response = await fetch(url, {
            method: method, body: body, credentials: 'same-origin',
            headers: Object.assign({'Accept': 'application/json'}, csrfHeaders(), headers || {})
          });
        } catch (networkError) {
          response = null;
        }
        if (response && response.status < 500 && response.status !== 429) {
          if (response.ok) { return response; }
          var problem = {};
          try { problem = await response.json(); } catch (e) { problem = {title: response.status + ''}; }
          throw new ProblemError(problem);
        }
        if (attempt >= 12) {
          throw new ProblemError({detail: response ? 'HTTP ' + response.status : 'network'});
        }
        var wait = Math.min(30, Math.pow(2, attempt - 1));
        status.textContent = format(form.dataset.msgRetrying, [wait, attempt]);
        await sleep(wait * 1000);
      }
    }

    function covered(ranges, first, last) {
      return ranges.some(function (r) { return r[0] <= first && r[1] >= last; });
    }

    async function upload() {
      clearErrors();
      if (files.length === 0) {
        form.querySelector('[data-error-for="files"]').textContent = form.dataset.msgNoFiles;
        return;
      }
      var kind = form.elements.kind.value;
      var acquiredAt = form.elements.acquiredAt.value;
      var indication = form.elements.indication.value;
      var metadata = {
        residentId: parseInt(form.dataset.residentId, 10), kind: kind,
        acquiredAt: acquiredAt || null, indication: indication || null,
        files: files.map(function (f) { return {name: f.name, size: f.size}; })
      };
      var key = 'web-' + fnv([metadata.residentId, kind, acquiredAt, indication].concat(files.map(function (f) {
        return f.name + ':' + f.size + ':' + f.lastModified;
      })).join('|'));
      button.setAttribute('aria-busy', 'true');
      button.disabled = true;
      progress.hidden = false;
      try {
        var opened = await request('POST', base, JSON.stringify(metadata),
          {'Content-Type': 'application/json', 'Idempotency-Key': key});
        var state = await opened.json();
        if (state.recordingId) { window.location.assign(state.recordingUrl); return; }
        var total = files.reduce(function (s, f) { return s + f.size; }, 0);
        var done = state.files.reduce(function (s, f) { return s + f.receivedBytes; }, 0);
        if (done > 0) { status.textContent = form.dataset.msgResuming; }
        progress.value = Math.floor(100 * done / total);
        var step = state.chunkSize || chunkSize;
        for (var i = 0; i < state.files.length; i++) {
          var remote = state.files[i];
          var file = files.find(function (f) { return f.name === remote.name; });
          for (var offset = 0; offset < remote.size; offset += step) {
            var last = Math.min(offset + step, remote.size) - 1;
            if (covered(remote.received, offset, last)) { continue; }
            var chunk = file.slice(offset, last + 1);
            await request('PUT', remote.url, chunk, {
              'Content-Type': 'application/octet-stream',
              'Content-Range': 'bytes ' + offset + '-' + last + '/' + remote.size
            });
            done += last - offset + 1;
            progress.value = Math.floor(100 * done / total);
          }
        }
        status.textContent = form.dataset.msgCompleting;
        var completed = await request('POST', state.completeUrl, null, {});
        var result = await completed.json();
        progress.value = 100;
        window.location.assign(result.recordingUrl);
      } catch (e) {
        if (e instanceof ProblemError) { showProblem(e.problem); } else { showProblem({detail: String(e)}); }
      } finally {
        button.removeAttribute('aria-busy');
        button.disabled = false;
      }
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); upload(); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('ecg-upload-form');
    if (form) { setupUpload(form); }
  });
})();

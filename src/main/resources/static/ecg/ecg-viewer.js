// ECG viewer: stored ECGs on standard ECG paper (1 mm / 5 mm grid, 25 mm/s, 10 mm/mV by default), 12-lead 3×4 plus a
// lead II rhythm strip or one strip per lead, zoom (buttons, ctrl+wheel, pinch), calipers (Δt, rate, Δ amplitude) and
// a window navigator for long recordings. No inline script (the CSP forbids it): every viewer on the page is a
// [data-ecg-viewer] element rendered by templates/ecg/viewer.html, which carries the signal URL and the UI strings.
//
// Drawing: the scroll area holds a "sizer" as large as the whole paper; the two canvases (paper, overlay) stay
// pinned to the visible part and only that part is drawn, so any zoom keeps the canvases at screen size. Traces are
// decimated to min/max per device pixel when there are more samples than pixels.
(function () {
  'use strict';

  if (window.YiwangEcgViewer) {
    window.YiwangEcgViewer.initAll(document);
    return;
  }

  var PX_PER_MM = 96 / 25.4; // CSS pixels per millimetre (CSS defines 96 px per inch)
  var WINDOW_SECONDS = 10;
  var COLUMNS = [['I', 'II', 'III'], ['aVR', 'aVL', 'aVF'], ['V1', 'V2', 'V3'], ['V4', 'V5', 'V6']];
  var STANDARD_12 = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
  var MIN_ZOOM = 0.25;
  var MAX_ZOOM = 8;
  var COLOURS = {
    paper: '#fffdfd',
    minor: '#f5c6c6',
    major: '#e07a7a',
    trace: '#000000',
    calibration: '#000000',
    beat: '#1a56c4',
    label: '#1e1e1e',
    axis: '#5a5a5a',
    caliper: '#087a3c'
  };

  function clamp(v, lo, hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  function format(template, args) {
    return String(template).replace(/\{(\d+)\}/g, function (m, i) {
      return args[Number(i)] === undefined ? m : args[Number(i)];
    });
  }

  /** 0 → "00:00", 3725.5 → "1:02:05" */
  function clock(seconds) {
    var s = Math.floor(seconds + 1e-6);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var sec = s % 60;
    var mm = (m < 10 ? '0' : '') + m;
    var ss = (sec < 10 ? '0' : '') + sec;
    return h > 0 ? h + ':' + mm + ':' + ss : mm + ':' + ss;
  }

  /** "75", "1:15", "0:01:15", "1:02:05.5" → seconds; NaN when it is not a time. */
  function parseClock(text) {
    var t = String(text).trim();
    if (!/^\d+(:\d{1,2}){0,2}(\.\d+)?$/.test(t)) {
      return NaN;
    }
    var parts = t.split(':');
    var seconds = 0;
    for (var i = 0; i < parts.length; i++) {
      var v = Number(parts[i]);
      if (i > 0 && v >= 60) {
        return NaN;
      }
      seconds = seconds * 60 + v;
    }
    return seconds;
  }

  /** The median of a lead between two samples (every k-th sample when long): the row's baseline. */
  function median(values, from, to) {
    var n = to - from;
    if (n <= 0) {
      return 0;
    }
    var step = Math.max(1, Math.floor(n / 512));
    var picked = [];
    for (var i = from; i < to; i += step) {
      picked.push(values[i]);
    }
    picked.sort(function (a, b) { return a - b; });
    return picked[picked.length >> 1];
  }

  function Viewer(root) {
    this.root = root;
    this.signalUrl = root.getAttribute('data-signal-url');
    this.speed = 25;
    this.gain = 10;
    this.zoom = 1;
    this.fit = true; // zoom follows the width of the viewer until the user zooms
    this.layoutMode = null;
    this.data = null;
    this.layout = null;
    this.caliper = null; // {panel: index, a: sample, b: sample|null, active: 'a'|'b'}
    this.pointers = {};
    this.gesture = null;
    this.pendingFrame = 0;
    this.requestSeq = 0;
    this.windowSamples = 0;
    this.bind();
    var from = Number(root.getAttribute('data-from') || 0);
    this.load(isFinite(from) && from > 0 ? Math.floor(from) : 0, null);
  }

  Viewer.prototype.msg = function (key) {
    var v = this.root.getAttribute('data-msg-' + key);
    return v == null ? key : v;
  };

  Viewer.prototype.el = function (name) {
    return this.root.querySelector('[data-ecg="' + name + '"]');
  };

  Viewer.prototype.bind = function () {
    var self = this;
    this.scroller = this.el('scroller');
    this.sizer = this.el('sizer');
    this.stage = this.el('stage');
    this.paper = this.el('paper');
    this.overlay = this.el('overlay');
    this.status = this.el('status');
    this.readout = this.el('readout');

    this.el('layout').addEventListener('change', function (e) {
      self.layoutMode = e.target.value;
      self.caliper = null;
      self.relayout(true);
    });
    this.el('speed').addEventListener('change', function (e) {
      self.speed = Number(e.target.value);
      self.fit = false; // a faster paper is a longer paper, not a smaller zoom
      self.relayout(false);
    });
    this.el('gain').addEventListener('change', function (e) {
      self.gain = Number(e.target.value);
      self.relayout(false);
    });
    this.el('zoom-in').addEventListener('click', function () { self.zoomBy(1.25); });
    this.el('zoom-out').addEventListener('click', function () { self.zoomBy(1 / 1.25); });
    this.el('zoom-fit').addEventListener('click', function () {
      self.fit = true;
      self.relayout(false);
    });
    this.el('zoom-actual').addEventListener('click', function () { self.setZoom(1); });
    this.el('caliper-clear').addEventListener('click', function () {
      self.caliper = null;
      self.drawOverlay();
    });
    this.el('prev').addEventListener('click', function () { self.step(-1); });
    this.el('next').addEventListener('click', function () { self.step(1); });
    this.el('jump-form').addEventListener('submit', function (e) {
      e.preventDefault();
      self.jump(self.el('jump-time').value);
    });

    this.scroller.addEventListener('scroll', function () { self.schedule(); }, { passive: true });
    this.scroller.addEventListener('wheel', function (e) {
      if (!e.ctrlKey || !self.layout) {
        return;
      }
      e.preventDefault();
      var factor = Math.exp(-clamp(e.deltaY, -100, 100) * 0.004);
      self.setZoom(self.zoom * factor, e.clientX, e.clientY);
    }, { passive: false });

    var o = this.overlay;
    o.addEventListener('pointerdown', function (e) { self.pointerDown(e); });
    o.addEventListener('pointermove', function (e) { self.pointerMove(e); });
    o.addEventListener('pointerup', function (e) { self.pointerUp(e, false); });
    o.addEventListener('pointercancel', function (e) { self.pointerUp(e, true); });
    o.addEventListener('keydown', function (e) { self.key(e); });

    if (window.ResizeObserver) {
      var width = 0;
      var height = 0;
      new ResizeObserver(function () {
        var w = self.scroller.clientWidth;
        var h = self.scroller.clientHeight;
        if (w !== width) {
          self.relayout(false);
        } else if (h !== height) {
          self.renderNow();
        }
        width = w;
        height = h;
      }).observe(this.scroller);
    } else {
      window.addEventListener('resize', function () { self.relayout(false); });
    }
  };

  // ---- data ---------------------------------------------------------------------------------------------------

  Viewer.prototype.load = function (from, count) {
    var self = this;
    var seq = ++this.requestSeq;
    var url = this.signalUrl + (this.signalUrl.indexOf('?') < 0 ? '?' : '&') + 'from=' + from
      + (count ? '&count=' + count : '');
    this.root.setAttribute('data-state', 'loading');
    this.setStatus(this.msg('loading'), false);
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          var key = response.status === 403 ? 'error-forbidden'
            : response.status === 404 ? 'error-not-found' : 'error-load';
          return response.json().catch(function () { return {}; }).then(function (problem) {
            throw { message: self.msg(key), detail: problem && problem.detail };
          });
        }
        return response.json();
      })
      .then(function (data) {
        if (seq !== self.requestSeq) {
          return;
        }
        self.accept(data);
      })
      .catch(function (error) {
        if (seq !== self.requestSeq) {
          return;
        }
        self.root.setAttribute('data-state', 'error');
        self.setStatus(error && error.message ? error.message : self.msg('error-load'), true);
      });
  };

  Viewer.prototype.accept = function (data) {
    var first = this.data == null;
    this.data = data;
    this.leadIndex = {};
    for (var i = 0; i < data.leadNames.length; i++) {
      this.leadIndex[data.leadNames[i]] = i;
    }
    this.has12 = STANDARD_12.every(function (name) { return this.leadIndex[name] !== undefined; }, this);
    if (first) {
      this.windowSamples = Math.max(1, Math.round(WINDOW_SECONDS * data.samplingRateHz));
      var select = this.el('layout');
      select.querySelector('option[value="12"]').disabled = !this.has12;
      this.layoutMode = this.has12 ? '12' : 'strips';
      select.value = this.layoutMode;
    }
    this.caliper = null;
    this.updateNavigator();
    this.setStatus('', false);
    this.relayout(first);
    this.root.setAttribute('data-state', 'ready');
    this.root.setAttribute('data-from-sample', String(data.fromSample));
  };

  Viewer.prototype.windowLength = function () {
    return this.data ? this.data.microvolts.length ? this.data.microvolts[0].length : 0 : 0;
  };

  Viewer.prototype.step = function (direction) {
    if (!this.data) {
      return;
    }
    var total = this.data.totalSamples;
    var from = clamp(this.data.fromSample + direction * this.windowSamples, 0, Math.max(0, total - this.windowSamples));
    if (from !== this.data.fromSample) {
      this.load(from, this.windowSamples);
    }
  };

  Viewer.prototype.jump = function (text) {
    if (!this.data) {
      return;
    }
    var seconds = parseClock(text);
    var fs = this.data.samplingRateHz;
    var total = this.data.totalSamples;
    var input = this.el('jump-time');
    if (!isFinite(seconds) || seconds * fs >= total) {
      input.setAttribute('aria-invalid', 'true');
      this.setStatus(format(this.msg('bad-time'), [clock(total / fs)]), true);
      return;
    }
    input.removeAttribute('aria-invalid');
    var from = clamp(Math.round(seconds * fs), 0, Math.max(0, total - this.windowSamples));
    this.load(from, this.windowSamples);
  };

  Viewer.prototype.updateNavigator = function () {
    var d = this.data;
    var fs = d.samplingRateHz;
    var n = this.windowLength();
    var nav = this.el('navigator');
    var long = d.totalSamples > this.windowSamples;
    nav.hidden = !long;
    this.el('prev').disabled = d.fromSample <= 0;
    this.el('next').disabled = d.fromSample + n >= d.totalSamples;
    this.el('position').textContent = format(this.msg('position'),
      [clock(d.fromSample / fs), clock((d.fromSample + n) / fs), clock(d.totalSamples / fs)]);
  };

  Viewer.prototype.setStatus = function (text, isError) {
    this.status.textContent = text;
    this.status.hidden = !text;
    this.status.classList.toggle('ecg-error', !!isError);
  };

  // ---- layout ---------------------------------------------------------------------------------------------------

  /** Paper geometry in millimetres: rows, panels (one lead over a span of samples), the time axis. */
  Viewer.prototype.computeLayout = function () {
    var d = this.data;
    var fs = d.samplingRateHz;
    var n = this.windowLength();
    var speed = this.speed;
    var gain = this.gain;
    var calMm = Math.ceil(2 + 0.2 * speed + 2);
    var rowMm = Math.ceil((3 * gain + 8) / 5) * 5;
    var baseline = 0.58;
    var mmPerSample = speed / fs;
    var panels = [];
    var rows = [];
    var self = this;

    function row() {
      var top = rows.length * rowMm;
      var r = { top: top, height: rowMm, baseline: top + rowMm * baseline };
      rows.push(r);
      return r;
    }

    function panel(r, lead, from, to, x, column) {
      var li = self.leadIndex[lead];
      panels.push({
        index: panels.length, key: lead + (column == null ? '' : '@' + column), lead: lead, leadIndex: li,
        from: from, to: to, x: x, width: (to - from) * mmPerSample, row: r,
        offset: median(d.microvolts[li], from - d.fromSample, to - d.fromSample)
      });
    }

    var start = d.fromSample;
    if (this.layoutMode === '12' && this.has12) {
      var columnSamples = Math.floor(n / 4);
      for (var ri = 0; ri < 3; ri++) {
        var r = row();
        for (var c = 0; c < 4; c++) {
          var from = start + c * columnSamples;
          var to = c === 3 ? start + n : from + columnSamples;
          panel(r, COLUMNS[c][ri], from, to, calMm + c * columnSamples * mmPerSample, c);
        }
      }
      var rhythm = this.leadIndex.II !== undefined ? 'II' : this.data.leadNames[0];
      panel(row(), rhythm, start, start + n, calMm, 'rhythm');
    } else {
      for (var l = 0; l < d.leadNames.length; l++) {
        panel(row(), d.leadNames[l], start, start + n, calMm, null);
      }
    }
    var axisMm = 11;
    var height = rows.length * rowMm + axisMm;
    return {
      calMm: calMm, rowMm: rowMm, mmPerSample: mmPerSample, rows: rows, panels: panels,
      width: calMm + n * mmPerSample + 3, height: height,
      axis: { top: rows.length * rowMm, from: start, to: start + n, x: calMm }
    };
  };

  Viewer.prototype.scale = function () {
    return PX_PER_MM * this.zoom;
  };

  Viewer.prototype.relayout = function (resetScroll) {
    if (!this.data) {
      return;
    }
    this.layout = this.computeLayout();
    if (this.fit) {
      var available = this.scroller.clientWidth || this.root.clientWidth;
      if (available > 0) {
        this.zoom = clamp((available - 1) / (this.layout.width * PX_PER_MM), MIN_ZOOM, MAX_ZOOM);
      }
    }
    this.sizeSizer();
    if (resetScroll) {
      this.scroller.scrollLeft = 0;
      this.scroller.scrollTop = 0;
    }
    this.updateControls();
    this.renderNow();
  };

  Viewer.prototype.sizeSizer = function () {
    var s = this.scale();
    this.sizer.style.width = Math.ceil(this.layout.width * s) + 'px';
    this.sizer.style.height = Math.ceil(this.layout.height * s) + 'px';
  };

  Viewer.prototype.updateControls = function () {
    this.el('zoom-level').textContent = Math.round(this.zoom * 100) + '%';
    this.el('speed').value = String(this.speed);
    this.el('gain').value = String(this.gain);
    this.root.setAttribute('data-layout', this.layoutMode);
    this.root.setAttribute('data-speed', String(this.speed));
    this.root.setAttribute('data-gain', String(this.gain));
    this.root.setAttribute('data-zoom', this.zoom.toFixed(3));
  };

  Viewer.prototype.zoomBy = function (factor) {
    var rect = this.scroller.getBoundingClientRect();
    this.setZoom(this.zoom * factor, rect.left + rect.width / 2, rect.top + Math.min(rect.height, 200) / 2);
  };

  /** The paper point (mm) under a point of the screen. */
  Viewer.prototype.paperMm = function (clientX, clientY) {
    var rect = this.scroller.getBoundingClientRect();
    var s = this.scale();
    return { x: (this.scroller.scrollLeft + clientX - rect.left) / s, y: (this.scroller.scrollTop + clientY - rect.top) / s };
  };

  /**
   * Zooms keeping the paper point under (clientX, clientY) where it is, or bringing the paper point anchorMm there (a
   * pinch keeps the point it started on under the fingers even while the scroll area grows).
   */
  Viewer.prototype.setZoom = function (zoom, clientX, clientY, anchorMm) {
    if (!this.layout) {
      return;
    }
    var z = clamp(zoom, MIN_ZOOM, MAX_ZOOM);
    var rect = this.scroller.getBoundingClientRect();
    var ax = clientX == null ? 0 : clientX - rect.left;
    var ay = clientY == null ? 0 : clientY - rect.top;
    var old = this.scale();
    var px = anchorMm ? anchorMm.x : (this.scroller.scrollLeft + ax) / old;
    var py = anchorMm ? anchorMm.y : (this.scroller.scrollTop + ay) / old;
    this.fit = false;
    this.zoom = z;
    this.sizeSizer();
    var s = this.scale();
    this.scroller.scrollLeft = Math.max(0, px * s - ax);
    this.scroller.scrollTop = Math.max(0, py * s - ay);
    this.updateControls();
    this.renderNow();
  };

  // ---- drawing ----------------------------------------------------------------------------------------------------

  Viewer.prototype.schedule = function () {
    var self = this;
    if (!this.pendingFrame) {
      this.pendingFrame = requestAnimationFrame(function () {
        self.pendingFrame = 0;
        self.renderNow();
      });
    }
  };

  Viewer.prototype.renderNow = function () {
    if (!this.layout) {
      return;
    }
    var s = this.scale();
    var paperW = Math.ceil(this.layout.width * s);
    var paperH = Math.ceil(this.layout.height * s);
    var vw = Math.max(1, Math.min(this.scroller.clientWidth, paperW));
    var vh = Math.max(1, Math.min(this.scroller.clientHeight || paperH, paperH));
    var dpr = window.devicePixelRatio || 1;
    this.stage.style.width = vw + 'px';
    this.stage.style.height = vh + 'px';
    [this.paper, this.overlay].forEach(function (canvas) {
      var w = Math.round(vw * dpr);
      var h = Math.round(vh * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      canvas.style.width = vw + 'px';
      canvas.style.height = vh + 'px';
    });
    this.view = { x: this.scroller.scrollLeft, y: this.scroller.scrollTop, w: vw, h: vh, dpr: dpr, s: s };
    var started = performance.now();
    var points = this.drawPaper();
    this.drawOverlay();
    this.root.setAttribute('data-drawn-points', String(points));
    this.root.setAttribute('data-draw-ms', (performance.now() - started).toFixed(1));
  };

  Viewer.prototype.drawPaper = function () {
    var v = this.view;
    var L = this.layout;
    var ctx = this.paper.getContext('2d', { alpha: false });
    ctx.setTransform(v.dpr, 0, 0, v.dpr, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, v.w, v.h);
    ctx.translate(-v.x, -v.y);
    ctx.fillStyle = COLOURS.paper;
    ctx.fillRect(0, 0, L.width * v.s, L.height * v.s);
    this.drawGrid(ctx);
    var points = 0;
    for (var i = 0; i < L.panels.length; i++) {
      points += this.drawPanel(ctx, L.panels[i]);
    }
    for (var r = 0; r < L.rows.length; r++) {
      this.drawCalibration(ctx, L.rows[r]);
    }
    this.drawAxis(ctx);
    return points;
  };

  /** Lines at every millimetre (minor) and every 5 mm (major), pixel-aligned, only in view. */
  Viewer.prototype.drawGrid = function (ctx) {
    var v = this.view;
    var L = this.layout;
    var s = v.s;
    var px = 1 / v.dpr;
    var x0 = Math.max(0, Math.floor(v.x / s));
    var x1 = Math.min(Math.floor(L.width), Math.ceil((v.x + v.w) / s));
    var y0 = Math.max(0, Math.floor(v.y / s));
    var y1 = Math.min(Math.floor(L.height), Math.ceil((v.y + v.h) / s));
    var wPx = L.width * s;
    var hPx = L.height * s;
    function snap(value) {
      return (Math.round(value * v.dpr) + 0.5) / v.dpr;
    }
    function lines(major) {
      ctx.beginPath();
      for (var x = x0; x <= x1; x++) {
        if ((x % 5 === 0) === major) {
          var sx = snap(x * s);
          ctx.moveTo(sx, Math.max(0, v.y));
          ctx.lineTo(sx, Math.min(hPx, v.y + v.h));
        }
      }
      for (var y = y0; y <= y1; y++) {
        if ((y % 5 === 0) === major) {
          var sy = snap(y * s);
          ctx.moveTo(Math.max(0, v.x), sy);
          ctx.lineTo(Math.min(wPx, v.x + v.w), sy);
        }
      }
      ctx.stroke();
    }
    if (s * v.dpr >= 3) { // minor lines closer than 3 device pixels would only tint the paper
      ctx.strokeStyle = COLOURS.minor;
      ctx.lineWidth = px;
      lines(false);
    }
    ctx.strokeStyle = COLOURS.major;
    ctx.lineWidth = s >= 4 ? Math.max(px, Math.round(1.2 * v.dpr) / v.dpr) : px;
    lines(true);
  };

  Viewer.prototype.yOf = function (panel, microvolts) {
    return (panel.row.baseline - (microvolts - panel.offset) / 1000 * this.gain) * this.view.s;
  };

  Viewer.prototype.xOf = function (panel, sample) {
    return (panel.x + (sample - panel.from) * this.layout.mmPerSample) * this.view.s;
  };

  /** One lead over its span: the trace, its label and the detected beats as ticks above it. */
  Viewer.prototype.drawPanel = function (ctx, p) {
    var v = this.view;
    var s = v.s;
    var top = p.row.top * s;
    var bottom = (p.row.top + p.row.height) * s;
    var left = p.x * s;
    var right = (p.x + p.width) * s;
    if (right < v.x || left > v.x + v.w || bottom < v.y || top > v.y + v.h) {
      return 0;
    }
    var d = this.data;
    var values = d.microvolts[p.leadIndex];
    var base = d.fromSample;
    var pxPerSample = this.layout.mmPerSample * s;
    var first = clamp(p.from + Math.floor((v.x - left) / pxPerSample) - 1, p.from, p.to - 1);
    var last = clamp(p.from + Math.ceil((v.x + v.w - left) / pxPerSample) + 1, p.from, p.to - 1);
    var points = 0;

    ctx.save();
    ctx.beginPath();
    ctx.rect(left, (p.row.top - p.row.height * 0.5) * s, right - left, p.row.height * 2 * s);
    ctx.clip();
    ctx.strokeStyle = COLOURS.trace;
    ctx.lineWidth = Math.max(1 / v.dpr, Math.min(1.6, 0.25 * s));
    ctx.lineJoin = 'bevel';
    ctx.beginPath();
    var samplesPerDevicePx = 1 / (pxPerSample * v.dpr);
    if (samplesPerDevicePx <= 1.5) {
      ctx.moveTo(this.xOf(p, first), this.yOf(p, values[first - base]));
      for (var i = first + 1; i <= last; i++) {
        ctx.lineTo(this.xOf(p, i), this.yOf(p, values[i - base]));
      }
      points = last - first + 1;
    } else {
      // min/max of the samples under each device pixel, in the order they occur
      var devPx = 1 / v.dpr;
      var i0 = first;
      ctx.moveTo(this.xOf(p, i0), this.yOf(p, values[i0 - base]));
      while (i0 <= last) {
        var x = this.xOf(p, i0);
        var column = Math.floor(x / devPx);
        var lo = values[i0 - base];
        var hi = lo;
        var loAt = i0;
        var hiAt = i0;
        var j = i0 + 1;
        while (j <= last && Math.floor(this.xOf(p, j) / devPx) === column) {
          var val = values[j - base];
          if (val < lo) { lo = val; loAt = j; }
          if (val > hi) { hi = val; hiAt = j; }
          j++;
        }
        var cx = (column + 0.5) * devPx;
        if (loAt <= hiAt) {
          ctx.lineTo(cx, this.yOf(p, lo));
          ctx.lineTo(cx, this.yOf(p, hi));
        } else {
          ctx.lineTo(cx, this.yOf(p, hi));
          ctx.lineTo(cx, this.yOf(p, lo));
        }
        points += j - i0;
        i0 = j;
      }
    }
    ctx.stroke();
    ctx.restore();

    // detected beats: small ticks near the top of the row
    var beats = d.beats || [];
    ctx.strokeStyle = COLOURS.beat;
    ctx.lineWidth = Math.max(1, Math.min(2, 0.3 * s));
    ctx.beginPath();
    var tickTop = top + 1.2 * s;
    var tickBottom = top + Math.max(3 * s, 6);
    for (var b = 0; b < beats.length; b++) {
      if (beats[b] >= p.from && beats[b] < p.to) {
        var bx = this.xOf(p, beats[b]);
        ctx.moveTo(bx, tickTop);
        ctx.lineTo(bx, tickBottom);
      }
    }
    ctx.stroke();

    // a short separator where a column starts, as on printed 12-lead ECGs
    if (p.key.indexOf('@') > 0 && p.key.slice(-2) !== '@0' && p.key.indexOf('@rhythm') < 0) {
      ctx.strokeStyle = COLOURS.trace;
      ctx.lineWidth = Math.max(1, 0.25 * s);
      ctx.beginPath();
      ctx.moveTo(left, (p.row.baseline - 2.5) * s);
      ctx.lineTo(left, (p.row.baseline + 2.5) * s);
      ctx.stroke();
    }

    var fontPx = clamp(3.2 * s, 10, 18);
    ctx.font = '600 ' + fontPx + 'px system-ui, sans-serif';
    ctx.fillStyle = COLOURS.label;
    ctx.textBaseline = 'top';
    // the label stays in sight while the paper is scrolled sideways
    var labelWidth = ctx.measureText(p.lead).width;
    var labelX = Math.max(left + 1.5 * s, Math.min(v.x + 6, right - labelWidth - 1.5 * s));
    ctx.fillStyle = 'rgba(255,253,253,0.85)';
    ctx.fillRect(labelX - 2, top + 4.2 * s - 1, labelWidth + 4, fontPx + 2);
    ctx.fillStyle = COLOURS.label;
    ctx.fillText(p.lead, labelX, top + 4.2 * s);
    return points;
  };

  /** A 1 mV, 200 ms rectangular pulse at the start of every row. */
  Viewer.prototype.drawCalibration = function (ctx, row) {
    var s = this.view.s;
    var y = row.baseline * s;
    var up = (row.baseline - this.gain) * s;
    var x0 = 2 * s;
    var x1 = x0 + 0.2 * this.speed * s;
    ctx.strokeStyle = COLOURS.calibration;
    ctx.lineWidth = Math.max(1 / this.view.dpr, Math.min(1.6, 0.25 * s));
    ctx.beginPath();
    ctx.moveTo(0.5 * s, y);
    ctx.lineTo(x0, y);
    ctx.lineTo(x0, up);
    ctx.lineTo(x1, up);
    ctx.lineTo(x1, y);
    ctx.lineTo((this.layout.calMm - 0.5) * s, y);
    ctx.stroke();
  };

  /** Seconds from the start of the recording under the last row. */
  Viewer.prototype.drawAxis = function (ctx) {
    var L = this.layout;
    var s = this.view.s;
    var fs = this.data.samplingRateHz;
    var y = L.axis.top * s;
    var fontPx = clamp(2.8 * s, 10, 14);
    ctx.font = fontPx + 'px system-ui, sans-serif';
    ctx.fillStyle = COLOURS.axis;
    ctx.strokeStyle = COLOURS.axis;
    ctx.lineWidth = 1;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'center';
    var startSeconds = L.axis.from / fs;
    var endSeconds = L.axis.to / fs;
    var stepSeconds = this.speed * s < 40 ? 2 : 1;
    var first = Math.ceil(startSeconds / stepSeconds - 1e-9) * stepSeconds;
    ctx.beginPath();
    for (var t = first; t <= endSeconds + 1e-9; t += stepSeconds) {
      var x = (L.axis.x + (t - startSeconds) * this.speed) * s;
      ctx.moveTo(Math.round(x) + 0.5, y);
      ctx.lineTo(Math.round(x) + 0.5, y + 1.5 * s);
      // the first label starts at its tick, the last one ends at it, so neither leaves the paper
      ctx.textAlign = t === first ? 'left' : t + stepSeconds > endSeconds + 1e-9 ? 'right' : 'center';
      ctx.fillText(clock(t), x, y + 1.8 * s);
    }
    ctx.stroke();
    ctx.textAlign = 'left';
    if (4.4 * s >= fontPx + 1) { // a second line only where it fits under the times (the toolbar says it anyway)
      ctx.fillText(this.speed + ' mm/s · ' + this.gain + ' mm/mV', 1 * s, y + 6.2 * s);
    }
  };

  // ---- calipers -----------------------------------------------------------------------------------------------

  Viewer.prototype.paperPoint = function (e) {
    var rect = this.overlay.getBoundingClientRect();
    return { x: e.clientX - rect.left + this.scroller.scrollLeft, y: e.clientY - rect.top + this.scroller.scrollTop };
  };

  Viewer.prototype.panelAt = function (pt) {
    var s = this.view.s;
    var panels = this.layout.panels;
    for (var i = 0; i < panels.length; i++) {
      var p = panels[i];
      if (pt.x >= p.x * s && pt.x <= (p.x + p.width) * s && pt.y >= p.row.top * s
        && pt.y < (p.row.top + p.row.height) * s) {
        return p;
      }
    }
    return null;
  };

  Viewer.prototype.sampleAt = function (p, x) {
    var pxPerSample = this.layout.mmPerSample * this.view.s;
    return clamp(Math.round(p.from + (x - p.x * this.view.s) / pxPerSample), p.from, p.to - 1);
  };

  /**
   * A point near a detected beat (within radiusPx) lands on that beat's R peak in this lead: the largest deflection
   * from the baseline within 60 ms of the detected beat. Fingertips are wider than a QRS complex, and the detector's
   * fiducial point need not be the peak of the lead being measured.
   */
  Viewer.prototype.snapToBeat = function (p, sample, radiusPx) {
    var beats = this.data.beats || [];
    var pxPerSample = this.layout.mmPerSample * this.view.s;
    var beat = -1;
    var bestDistance = radiusPx / pxPerSample;
    for (var i = 0; i < beats.length; i++) {
      var distance = Math.abs(beats[i] - sample);
      if (beats[i] >= p.from && beats[i] < p.to && distance <= bestDistance) {
        beat = beats[i];
        bestDistance = distance;
      }
    }
    if (beat < 0) {
      return sample;
    }
    var reach = Math.round(0.06 * this.data.samplingRateHz);
    var peak = beat;
    var largest = -1;
    for (var j = Math.max(p.from, beat - reach); j <= Math.min(p.to - 1, beat + reach); j++) {
      var deflection = Math.abs(this.value(p, j) - p.offset);
      if (deflection > largest) {
        largest = deflection;
        peak = j;
      }
    }
    return peak;
  };

  Viewer.prototype.handleAt = function (pt, radius) {
    var c = this.caliper;
    if (!c) {
      return null;
    }
    var p = this.layout.panels[c.panel];
    var found = null;
    var best = radius;
    ['a', 'b'].forEach(function (h) {
      if (c[h] == null) {
        return;
      }
      var hx = this.xOf(p, c[h]);
      var hy = this.yOf(p, this.value(p, c[h]));
      var dx = Math.abs(pt.x - hx);
      var inBand = pt.y >= p.row.top * this.view.s && pt.y <= (p.row.top + p.row.height) * this.view.s;
      var distance = Math.min(Math.hypot(pt.x - hx, pt.y - hy), inBand ? dx : Infinity);
      if (distance <= best) {
        best = distance;
        found = h;
      }
    }, this);
    return found;
  };

  Viewer.prototype.value = function (p, sample) {
    return this.data.microvolts[p.leadIndex][sample - this.data.fromSample];
  };

  Viewer.prototype.tap = function (pt, pointerType) {
    var p = this.panelAt(pt);
    if (!p) {
      return;
    }
    var radius = pointerType === 'touch' ? 14 : 6;
    var sample = this.snapToBeat(p, this.sampleAt(p, pt.x), radius);
    var c = this.caliper;
    if (!c || c.b != null || c.panel !== p.index) {
      this.caliper = { panel: p.index, a: sample, b: null, active: 'a' };
    } else {
      c.b = sample;
      c.active = 'b';
    }
    this.drawOverlay();
  };

  Viewer.prototype.drawOverlay = function () {
    var v = this.view;
    if (!v) {
      return;
    }
    var ctx = this.overlay.getContext('2d');
    ctx.setTransform(v.dpr, 0, 0, v.dpr, 0, 0);
    ctx.clearRect(0, 0, v.w, v.h);
    ctx.translate(-v.x, -v.y);
    var c = this.caliper;
    this.updateReadout();
    if (!c) {
      return;
    }
    var p = this.layout.panels[c.panel];
    var s = v.s;
    var top = p.row.top * s;
    var bottom = (p.row.top + p.row.height) * s;
    ctx.strokeStyle = COLOURS.caliper;
    ctx.fillStyle = COLOURS.caliper;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 4]);
    var xs = [];
    ['a', 'b'].forEach(function (h) {
      if (c[h] == null) {
        return;
      }
      var x = this.xOf(p, c[h]);
      xs.push(x);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
    }, this);
    ctx.setLineDash([]);
    var r = 6;
    ['a', 'b'].forEach(function (h) {
      if (c[h] == null) {
        return;
      }
      var x = this.xOf(p, c[h]);
      var y = this.yOf(p, this.value(p, c[h]));
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.globalAlpha = 0.25;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.stroke();
      // a grip at the bottom of the row, easy to reach with a finger
      ctx.beginPath();
      ctx.arc(x, bottom - 8, 7, 0, 2 * Math.PI);
      ctx.fill();
    }, this);
    if (xs.length === 2) {
      var y = top + Math.max(14, 2.5 * s);
      ctx.beginPath();
      ctx.moveTo(xs[0], y);
      ctx.lineTo(xs[1], y);
      ctx.stroke();
      var m = this.measure();
      var text = format(this.msg('caliper-short'), [m.intervalMs, m.rateBpm == null ? '–' : m.rateBpm]);
      ctx.font = '600 13px system-ui, sans-serif';
      var tw = ctx.measureText(text).width;
      var tx = clamp((xs[0] + xs[1]) / 2 - tw / 2, v.x + 4, v.x + v.w - tw - 4); // kept in sight when zoomed
      ctx.fillStyle = 'rgba(255,255,255,0.9)';
      ctx.fillRect(tx - 4, y - 18, tw + 8, 16);
      ctx.fillStyle = COLOURS.caliper;
      ctx.textBaseline = 'bottom';
      ctx.fillText(text, tx, y - 3);
    }
  };

  Viewer.prototype.measure = function () {
    var c = this.caliper;
    var p = this.layout.panels[c.panel];
    var samples = Math.abs(c.b - c.a);
    var intervalMs = Math.round(samples * 1000 / this.data.samplingRateHz);
    var left = Math.min(c.a, c.b);
    var right = Math.max(c.a, c.b);
    return {
      lead: p.lead,
      samples: samples,
      intervalMs: intervalMs,
      rateBpm: samples > 0 ? Math.round(60 * this.data.samplingRateHz / samples) : null,
      deltaMicrovolts: this.value(p, right) - this.value(p, left)
    };
  };

  Viewer.prototype.updateReadout = function () {
    var out = this.readout;
    var c = this.caliper;
    if (!c) {
      out.textContent = this.msg('caliper-hint');
      out.removeAttribute('data-interval-ms');
      out.removeAttribute('data-interval-samples');
      out.removeAttribute('data-rate-bpm');
      out.removeAttribute('data-delta-microvolts');
      return;
    }
    if (c.b == null) {
      out.textContent = format(this.msg('caliper-second'), [this.layout.panels[c.panel].lead]);
      out.removeAttribute('data-interval-ms');
      return;
    }
    var m = this.measure();
    out.textContent = format(this.msg('caliper-result'),
      [m.lead, m.intervalMs, m.rateBpm == null ? '–' : m.rateBpm, (m.deltaMicrovolts > 0 ? '+' : '') + m.deltaMicrovolts]);
    out.setAttribute('data-interval-ms', String(m.intervalMs));
    out.setAttribute('data-interval-samples', String(m.samples));
    out.setAttribute('data-rate-bpm', String(m.rateBpm));
    out.setAttribute('data-delta-microvolts', String(m.deltaMicrovolts));
  };

  // ---- pointer, touch and keyboard --------------------------------------------------------------------------------

  Viewer.prototype.pointerDown = function (e) {
    if (!this.layout || (e.pointerType === 'mouse' && e.button !== 0)) {
      return;
    }
    try {
      this.overlay.setPointerCapture(e.pointerId);
    } catch (ignored) {
      // a synthetic event has no active pointer to capture
    }
    this.pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
    var ids = Object.keys(this.pointers);
    if (ids.length === 2) {
      var a = this.pointers[ids[0]];
      var b = this.pointers[ids[1]];
      this.gesture = { kind: 'pinch', distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, zoom: this.zoom,
        anchor: this.paperMm((a.x + b.x) / 2, (a.y + b.y) / 2) };
      return;
    }
    if (ids.length > 2) {
      return;
    }
    var pt = this.paperPoint(e);
    var handle = this.handleAt(pt, e.pointerType === 'touch' ? 22 : 9);
    if (handle) {
      this.caliper.active = handle;
      this.gesture = { kind: 'drag', handle: handle };
    } else {
      this.gesture = { kind: 'tap', x: e.clientX, y: e.clientY, left: this.scroller.scrollLeft,
        top: this.scroller.scrollTop, moved: false };
    }
  };

  Viewer.prototype.pointerMove = function (e) {
    var g = this.gesture;
    if (!this.pointers[e.pointerId]) {
      if (this.layout && e.pointerType === 'mouse') {
        this.overlay.style.cursor = this.handleAt(this.paperPoint(e), 9) ? 'ew-resize' : 'crosshair';
      }
      return;
    }
    this.pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
    if (!g) {
      return;
    }
    if (g.kind === 'pinch') {
      var ids = Object.keys(this.pointers);
      if (ids.length < 2) {
        return;
      }
      var a = this.pointers[ids[0]];
      var b = this.pointers[ids[1]];
      var distance = Math.hypot(a.x - b.x, a.y - b.y);
      this.setZoom(g.zoom * distance / g.distance, (a.x + b.x) / 2, (a.y + b.y) / 2, g.anchor);
    } else if (g.kind === 'drag') {
      var p = this.layout.panels[this.caliper.panel];
      var pt = this.paperPoint(e);
      var radius = e.pointerType === 'touch' ? 10 : 4;
      this.caliper[g.handle] = this.snapToBeat(p, this.sampleAt(p, pt.x), radius);
      this.drawOverlay();
    } else if (g.kind === 'tap' || g.kind === 'pan') {
      var dx = e.clientX - g.x;
      var dy = e.clientY - g.y;
      if (g.kind === 'tap' && Math.hypot(dx, dy) > 6) {
        g.kind = 'pan';
      }
      if (g.kind === 'pan') {
        this.scroller.scrollLeft = g.left - dx;
        this.scroller.scrollTop = g.top - dy;
      }
    }
  };

  Viewer.prototype.pointerUp = function (e, cancelled) {
    if (!this.pointers[e.pointerId]) {
      return;
    }
    delete this.pointers[e.pointerId];
    var g = this.gesture;
    var left = Object.keys(this.pointers).length;
    if (g && g.kind === 'tap' && !cancelled && left === 0) {
      this.tap(this.paperPoint(e), e.pointerType);
    }
    if (left === 0 || (g && g.kind === 'pinch')) {
      this.gesture = left === 0 ? null : { kind: 'none' };
    }
  };

  /** Arrow keys move the active caliper handle by one sample (Shift: ten), Escape removes the calipers. */
  Viewer.prototype.key = function (e) {
    var c = this.caliper;
    if (e.key === 'Escape' && c) {
      this.caliper = null;
      this.drawOverlay();
      e.preventDefault();
      return;
    }
    if (!c || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) {
      return;
    }
    var h = c.b != null && c.active === 'b' ? 'b' : 'a';
    var p = this.layout.panels[c.panel];
    var delta = (e.key === 'ArrowLeft' ? -1 : 1) * (e.shiftKey ? 10 : 1);
    c[h] = clamp(c[h] + delta, p.from, p.to - 1);
    this.drawOverlay();
    e.preventDefault();
  };

  // ---- public API (used by pages that embed the viewer, and by the browser tests) ------------------------------

  function api(viewer) {
    return {
      /** Shows the window from a time (seconds from the start of the recording). */
      goTo: function (seconds) {
        viewer.jump(clock(seconds));
      },
      /** The panels now drawn: key (lead, or lead@column / lead@rhythm), lead, first and end sample. */
      panels: function () {
        return viewer.layout ? viewer.layout.panels.map(function (p) {
          return { key: p.key, lead: p.lead, from: p.from, to: p.to };
        }) : [];
      },
      beats: function () {
        return viewer.data ? viewer.data.beats.slice() : [];
      },
      /** Where a sample of a panel's trace is on the screen (client coordinates), scrolled into view first. */
      clientPoint: function (panelKey, sample) {
        var p = viewer.layout.panels.filter(function (q) { return q.key === panelKey; })[0];
        if (!p || sample < p.from || sample >= p.to) {
          return null;
        }
        var s = viewer.view.s;
        var x = viewer.xOf(p, sample);
        var y = viewer.yOf(p, viewer.value(p, sample));
        var sc = viewer.scroller;
        if (x < sc.scrollLeft || x > sc.scrollLeft + viewer.view.w - 20) {
          sc.scrollLeft = Math.max(0, x - viewer.view.w / 2);
        }
        var rowTop = p.row.top * s;
        if (rowTop < sc.scrollTop || (p.row.top + p.row.height) * s > sc.scrollTop + viewer.view.h) {
          sc.scrollTop = Math.max(0, rowTop - 10);
        }
        viewer.renderNow();
        var rect = viewer.overlay.getBoundingClientRect();
        return { x: rect.left + x - sc.scrollLeft, y: rect.top + y - sc.scrollTop };
      },
      /** The key of the panel under a point of the screen, or null. */
      panelAt: function (clientX, clientY) {
        var rect = viewer.overlay.getBoundingClientRect();
        var p = viewer.layout ? viewer.panelAt({ x: clientX - rect.left + viewer.scroller.scrollLeft,
          y: clientY - rect.top + viewer.scroller.scrollTop }) : null;
        return p ? p.key : null;
      },
      zoom: function (z) {
        if (z != null) {
          viewer.setZoom(z);
        }
        return viewer.zoom;
      },
      load: function (fromSample) {
        viewer.load(Math.max(0, Math.floor(fromSample)), viewer.windowSamples || null);
      }
    };
  }

  function initAll(scope) {
    var from = scope || document;
    var roots = Array.prototype.slice.call(from.querySelectorAll('[data-ecg-viewer]'));
    if (from.matches && from.matches('[data-ecg-viewer]')) {
      roots.push(from);
    }
    for (var i = 0; i < roots.length; i++) {
      if (!roots[i].ecgViewer) {
        roots[i].ecgViewer = api(new Viewer(roots[i]));
      }
    }
  }

  window.YiwangEcgViewer = { initAll: initAll, parseClock: parseClock, clock: clock };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { initAll(document); });
  } else {
    initAll(document);
  }
  document.addEventListener('htmx:load', function (e) { initAll(e.target); });
  // A time elsewhere on the page (the Holter summary's minutes and pauses) takes the page's viewer there.
  document.addEventListener('click', function (e) {
    var link = e.target.closest ? e.target.closest('[data-ecg-goto]') : null;
    var root = link ? document.querySelector('[data-ecg-viewer]') : null;
    if (!root || !root.ecgViewer) {
      return;
    }
    e.preventDefault();
    root.ecgViewer.goTo(Number(link.getAttribute('data-ecg-goto')));
    root.scrollIntoView({ block: 'start' });
  });
}());

// Live ECG pages (worklist, clinic inbox, recording). htmx polls the server, which answers 204 while nothing changed
// (the database decides, so any node answers alike). While the tab is hidden, a poller marked data-live-poll asks
// only every HIDDEN_BACKOFF-th time (and at once when the tab shows again), so background tabs cost the server
// little while a critical alarm still arrives within a few ticks. This script also sounds the alarm of a critical
// report: a beep
// (Web Audio) and a vibration where the browser allows, repeating until a clinician acknowledges the report, and
// a title that blinks. Browsers allow sound only after the user touched the page: until then a hint says so.
(function () {
  var context = null;
  var timer = null;
  var unlocked = false;
  var originalTitle = document.title;

  function alarmElement() {
    return document.querySelector('[data-ecg-alarm]');
  }

  function beep() {
    try {
      if (!context) {
        var Ctx = window.AudioContext || window.webkitAudioContext;
        if (!Ctx) { return false; }
        context = new Ctx();
      }
      if (context.state === 'suspended') { context.resume(); }
      if (context.state !== 'running') { return false; }
      [0, 0.35].forEach(function (offset) {
        var osc = context.createOscillator();
        var gain = context.createGain();
        osc.type = 'square';
        osc.frequency.value = 880;
        gain.gain.value = 0.15;
        osc.connect(gain);
        gain.connect(context.destination);
        osc.start(context.currentTime + offset);
        osc.stop(context.currentTime + offset + 0.2);
      });
      return true;
    } catch (e) {
      return false;
    }
  }

  function ring() {
    var alarm = alarmElement();
    if (!alarm) { stop(); return; }
    var sounded = beep();
    if (navigator.vibrate) { try { navigator.vibrate([400, 200, 400]); } catch (e) { /* not allowed */ } }
    alarm.setAttribute('data-alarm-state', sounded ? 'sounding' : 'silent');
    var hint = alarm.querySelector('[data-ecg-sound-blocked]');
    if (hint) { hint.hidden = sounded || unlocked; }
    document.title = (document.title.indexOf('⚠') === 0 ? originalTitle : '⚠ ' + originalTitle);
  }

  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
    document.title = originalTitle;
  }

  function update() {
    if (alarmElement()) {
      if (!timer) { ring(); timer = setInterval(ring, 2500); }
    } else {
      stop();
    }
  }

  function unlock() {
    unlocked = true;
    if (context && context.state === 'suspended') { context.resume(); }
  }

  var HIDDEN_BACKOFF = 5;
  document.addEventListener('htmx:beforeRequest', function (e) {
    var elt = e.detail && e.detail.elt;
    if (!elt || !elt.hasAttribute || !elt.hasAttribute('data-live-poll')) { return; }
    if (document.visibilityState === 'hidden') {
      elt.__ywSkipped = (elt.__ywSkipped || 0) + 1;
      if (elt.__ywSkipped % HIDDEN_BACKOFF !== 0) { e.preventDefault(); }
    } else {
      elt.__ywSkipped = 0;
    }
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState !== 'visible' || !window.htmx) { return; }
    document.querySelectorAll('[data-live-poll][hx-get]').forEach(function (elt) {
      window.htmx.ajax('GET', elt.getAttribute('hx-get'), { source: elt, target: elt, swap: 'outerHTML',
        headers: { 'X-Yiwang-Poll': '1' } });
    });
  });

  document.addEventListener('click', unlock, { capture: true });
  document.addEventListener('keydown', unlock, { capture: true });
  document.addEventListener('htmx:afterSettle', update);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', update);
  } else {
    update();
  }
})();

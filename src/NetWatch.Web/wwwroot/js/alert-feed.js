// The DSL's live alert feed: follows the API's Server-Sent Events (/api/alerts/feed) and, on each notification,
// redraws the alert rows from the page's Rows handler (no reload), announces the alert to screen readers, plays a
// short tone and shows a desktop notification when the browser allows. The notification never carries the
// evidence: theme, severity and who, as the feed does.
(function () {
  "use strict";
  var table = document.getElementById("alerts");
  var state = document.getElementById("feed-state");
  var announce = document.getElementById("feed-announce");
  var notify = document.getElementById("notify");
  if (!table || !window.EventSource) { if (state) state.textContent = "This browser cannot follow live updates: reload to see new alerts."; return; }

  if (window.Notification && Notification.permission === "default") {
    notify.hidden = false;
    notify.addEventListener("click", function () { Notification.requestPermission().then(function () { notify.hidden = true; }); });
  }

  function tone() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      var ctx = new Ctx(), osc = ctx.createOscillator(), gain = ctx.createGain();
      osc.frequency.value = 880; gain.gain.value = 0.08;
      osc.connect(gain); gain.connect(ctx.destination);
      osc.start(); osc.stop(ctx.currentTime + 0.25);
    } catch (e) { /* no sound allowed: the announcement and the row are enough */ }
  }

  function redraw(item) {
    return fetch(table.getAttribute("data-rows"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        table.tBodies[0].innerHTML = html;
        var row = table.querySelector('tr[data-alert="' + item.alert_id + '"]');
        if (row) row.classList.add("fresh");
        var empty = document.getElementById("no-alerts");
        if (empty && table.tBodies[0].rows.length > 0) empty.hidden = true;
      });
  }

  var source = new EventSource("/api/alerts/feed");
  source.onopen = function () { state.textContent = "Live: new alerts appear here as they are raised."; };
  source.onerror = function () { state.textContent = "Live updates are interrupted; trying again…"; };
  source.addEventListener("alert", function (message) {
    var item = JSON.parse(message.data);
    var text = "New alert: " + item.theme + ", severity " + item.severity + ", " + item.subject;
    redraw(item).then(function () {
      announce.textContent = text;
      tone();
      if (window.Notification && Notification.permission === "granted") new Notification("NetWatch alert", { body: item.theme + ", severity " + item.severity });
    }).catch(function () { state.textContent = "A new alert arrived; reload to see it."; });
  });
})();

/* Progressive enhancement: show an event's time in the visitor's own time zone.
   The page already states the time in the event's zone; this only adds a line. */
(function () {
  "use strict";
  var nodes = document.querySelectorAll("[data-local-time]");
  if (!nodes.length || !window.Intl || !Intl.DateTimeFormat) { return; }
  var lang = document.documentElement.lang || undefined;
  var visitorZone;
  try { visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  nodes.forEach(function (node) {
    var start = new Date(node.getAttribute("data-start"));
    var end = new Date(node.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end) || node.getAttribute("data-zone") === visitorZone) { return; }
    var format = new Intl.DateTimeFormat(lang, {
      dateStyle: "full", timeStyle: "short", timeZone: visitorZone, timeZoneName: undefined
    });
    var zoneName = new Intl.DateTimeFormat(lang, { timeZone: visitorZone, timeZoneName: "short" })
      .formatToParts(start).filter(function (p) { return p.type === "timeZoneName"; })
      .map(function (p) { return p.value; }).join("");
    var output = node.querySelector("[data-local-time-output]");
    output.textContent = format.format(start) + " – " + format.format(end) + " (" + zoneName + ")";
    node.hidden = false;
  });
})();

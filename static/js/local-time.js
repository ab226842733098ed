/* Progressive enhancement: show an event's time in the visitor's own time zone.
   The page already states the time in the event's zone; this only adds a line.
   Its zone reads as the page's do: the server gives the words (data-beijing-label,
   data-zone-pattern "%(place)s (%(offset)s)"), the browser's CLDR names the place. */
(function () {
  "use strict";
  var nodes = document.querySelectorAll("[data-local-time]");
  if (!nodes.length || !window.Intl || !Intl.DateTimeFormat) { return; }
  var lang = document.documentElement.lang || undefined;
  var visitorZone;
  try { visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  // Spellings of China's zone: Beijing time is its official name.
  var BEIJING = ["Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC"];

  function offsetMinutes(date) {
    // The wall-clock time in the visitor's zone, read as if it were UTC, minus the instant.
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: visitorZone, hourCycle: "h23", year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit"
    }).formatToParts(date).forEach(function (p) { parts[p.type] = Number(p.value); });
    var wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute);
    return Math.round((wall - Math.floor(date.getTime() / 60000) * 60000) / 60000);
  }

  function utcOffset(minutes) {
    // "UTC+8", "UTC+5:30", "UTC−3" (a real minus sign), as the server writes them.
    var sign = minutes < 0 ? "\u2212" : "+";
    var abs = Math.abs(minutes);
    var rest = abs % 60;
    return "UTC" + sign + Math.floor(abs / 60) + (rest ? ":" + (rest < 10 ? "0" : "") + rest : "");
  }

  function placeName(date) {
    // CLDR's generic name ("Moscow Time", "heure de Moscou", "Москва"), else the city.
    var styles = ["longGeneric", "long"];
    for (var i = 0; i < styles.length; i++) {
      try {
        var name = new Intl.DateTimeFormat(lang, { timeZone: visitorZone, timeZoneName: styles[i] })
          .formatToParts(date).filter(function (p) { return p.type === "timeZoneName"; })
          .map(function (p) { return p.value; }).join("");
        if (name && !/^(GMT|UTC)/.test(name)) { return name; }
      } catch (e) { /* an older browser without this style: try the next */ }
    }
    return visitorZone.split("/").pop().replace(/_/g, " ");
  }

  function zoneLabel(node, date) {
    var minutes = offsetMinutes(date);
    if (BEIJING.indexOf(visitorZone) !== -1 && minutes === 480 && node.dataset.beijingLabel) {
      return node.dataset.beijingLabel;
    }
    var pattern = node.dataset.zonePattern || "%(place)s (%(offset)s)";
    return pattern.replace("%(place)s", placeName(date)).replace("%(offset)s", utcOffset(minutes));
  }

  nodes.forEach(function (node) {
    var start = new Date(node.getAttribute("data-start"));
    var end = new Date(node.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end) || node.getAttribute("data-zone") === visitorZone) { return; }
    var format = new Intl.DateTimeFormat(lang, {
      dateStyle: "full", timeStyle: "short", timeZone: visitorZone
    });
    var output = node.querySelector("[data-local-time-output]");
    output.textContent = format.format(start) + " – " + format.format(end) + " " + zoneLabel(node, start);
    node.hidden = false;
  });
})();

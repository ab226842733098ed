/* Registration form: fill in the visitor's time zone from the browser (they can change
   it), and move focus to the error summary so screen readers announce it at once. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  var select = document.querySelector("select[data-browser-time-zone]");
  if (!select || !window.Intl || !Intl.DateTimeFormat) { return; }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (zone && select.querySelector('option[value="' + zone.replace(/"/g, "") + '"]')) {
    select.value = zone;
  }
})();

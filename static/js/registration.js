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
  if (!zone) { return; }
  // The list has one zone per way clocks run in each country; the browser may name
  // another (Asia/Calcutta, America/Detroit): the server says which option stands for it.
  var aliases = {};
  try { aliases = JSON.parse(select.getAttribute("data-zone-aliases") || "{}"); } catch (e) { /* none */ }
  var candidates = [zone, aliases[zone]];
  for (var i = 0; i < candidates.length; i++) {
    var value = candidates[i];
    if (value && select.querySelector('option[value="' + value.replace(/["\\]/g, "") + '"]')) {
      select.value = value;
      return;
    }
  }
})();

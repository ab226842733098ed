// Progressive enhancement of the header menus (templates/includes/header.html). Without
// this script the <details> menus still open and close; with it, Escape and a click
// outside close them, and the main navigation stays open on wide screens in browsers
// that cannot show a closed <details>' content through CSS.
(function () {
  "use strict";
  // The stylesheet hides the wide-screen <summary>s of menus this script keeps open.
  document.documentElement.classList.add("js");
  var menus = Array.prototype.slice.call(document.querySelectorAll("details[data-menu]"));
  var wide = window.matchMedia("(min-width: 56rem)");

  // <details data-open-wide="(media query)">: always open where the query matches (the
  // stylesheet hides its summary there), as the author left it elsewhere.
  Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (details) {
    var query = window.matchMedia(details.getAttribute("data-open-wide") || "(min-width: 56rem)");
    var initially = details.open;
    function sync() { details.open = query.matches || initially; }
    if (query.addEventListener) query.addEventListener("change", sync);
    sync();
  });

  function closeOthers(except) {
    menus.forEach(function (menu) {
      if (menu !== except && menu.open && !(wide.matches && menu.hasAttribute("data-open-wide"))) {
        menu.open = false;
      }
    });
  }

  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () {
      if (menu.open) closeOthers(menu);
    });
  });
  document.addEventListener("click", function (event) {
    var inside = menus.some(function (menu) { return menu.contains(event.target); });
    if (!inside) closeOthers(null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    menus.forEach(function (menu) {
      if (menu.open && !(wide.matches && menu.hasAttribute("data-open-wide"))) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });
})();

// A form shown again with errors: move focus to its error summary, so screen readers
// announce the problems at once (templates/includes/error_summary.html).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement === document.body) summary.focus();
})();

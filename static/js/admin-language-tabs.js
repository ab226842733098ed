"use strict";
// Modeltranslation's tabs show language codes (ZH-HANS) and mark errors only outside
// tabular inlines: name each tab in its own language, mark every tab whose panel holds
// an error and open the first such tab. Without JavaScript there are no tabs and every
// field keeps its "[zh-hans]" label.
(function () {
  var data = document.getElementById("admin-language-tabs");
  var jQuery = window.jQuery || (window.django && window.django.jQuery);
  if (!data || !jQuery) return;
  var config = JSON.parse(data.textContent);
  var LANGUAGE_CLASS = /(?:^|\s)mt-field-\S+-([a-z_]+)(?=\s|$)/;

  function languageOf(panel) {
    var field = panel && panel.querySelector("[class*='mt-field-']");
    var match = field && LANGUAGE_CLASS.exec(field.className);
    return match ? match[1] : null;
  }

  function nameTab(link, language) {
    var name = config.names[language];
    if (!name) return;
    link.textContent = name;
    link.setAttribute("lang", language.replace("_", "-"));
    link.title = name;
  }

  function markError(tab, link) {
    tab.classList.add("ui-tab-has-errors", "admin-tab-has-errors");
    var mark = document.createElement("span");
    mark.className = "admin-tab-error";
    mark.innerHTML = '<span aria-hidden="true">⚠</span><span class="visually-hidden"></span>';
    mark.lastChild.textContent = " (" + config.error_label + ")";
    link.appendChild(mark);
  }

  function improveTabs() {
    document.querySelectorAll(".ui-tabs-nav").forEach(function (list) {
      if (list.dataset.languageNames) return;
      list.dataset.languageNames = "done";
      var firstError = -1;
      list.querySelectorAll(":scope > li").forEach(function (tab, index) {
        var link = tab.querySelector("a[href^='#']");
        if (!link) return;
        var panel = document.getElementById(link.getAttribute("href").slice(1));
        var language = languageOf(panel);
        if (language) nameTab(link, language);
        if (panel && panel.querySelector(".errorlist, .errors")) {
          markError(tab, link);
          if (firstError < 0) firstError = index;
        }
      });
      if (firstError >= 0) {
        jQuery(list).closest(".ui-tabs").tabs("option", "active", firstError);
      }
    });
    document.querySelectorAll("#modeltranslation-main-switch option").forEach(function (option) {
      var name = config.names[option.textContent.replace("-", "_")];
      if (name) option.textContent = name;
    });
  }

  // Registered after tabbed_translation_fields.js, so its tabs exist when this runs;
  // tabs made later (a row added to an inline) are named as they appear.
  jQuery(function () {
    improveTabs();
    new MutationObserver(improveTabs).observe(document.body, { childList: true, subtree: true });
  });
})();

// A link to one field in one language (the translation workspace's "In the form"):
// open the tab holding it, which jQuery UI hides, and bring it into view.
(function () {
  var jQuery = window.jQuery || (window.django && window.django.jQuery);
  if (!jQuery || !window.location.hash) return;
  jQuery(function () {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var panel = target && target.closest(".ui-tabs-panel");
    if (!panel) return;
    var tabs = jQuery(panel).closest(".ui-tabs");
    var index = tabs.find(".ui-tabs-panel").index(panel);
    if (index >= 0) tabs.tabs("option", "active", index);
    target.scrollIntoView({ block: "center" });
    if (target.focus) target.focus();
  });
})();

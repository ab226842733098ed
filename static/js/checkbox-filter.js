/* Progressive enhancement of long checkbox lists (templates/core/widgets/grouped_checkboxes.html):
   a filter box that narrows the groups as you type (the shown name, or the English name
   and ISO codes kept in data-terms), and the chosen entries as chips that remove them.
   Without this script every group is there, collapsible and selectable. */
(function () {
  "use strict";

  function fold(text) {
    // Lower case without accents, as apps/core/countries.py folds data-terms.
    return (text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function fill(template, key, value) {
    return template.split("{" + key + "}").join(value);
  }

  function enhance(picker) {
    if (picker.hasAttribute("data-enhanced")) { return; }
    picker.setAttribute("data-enhanced", "");
    var groups = Array.prototype.slice.call(picker.querySelectorAll("[data-group]"));
    var boxes = Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox]"));
    var filter = picker.querySelector("[data-filter]");
    var input = picker.querySelector("[data-filter-input]");
    var status = picker.querySelector("[data-filter-status]");
    var labels = {
      chosen: picker.getAttribute("data-chosen-label") || "{n}",
      shown: picker.getAttribute("data-shown-label") || "{n}",
      remove: picker.getAttribute("data-remove-label") || "{name}"
    };
    // The groups a visitor opened before filtering, restored when the box is emptied.
    var openBefore = null;

    var names = {};
    boxes.forEach(function (box) {
      var label = picker.querySelector('label[for="' + box.id + '"]');
      names[box.id] = label ? label.textContent : box.value;
    });

    function labelOf(box) { return names[box.id]; }

    // The chosen entries as chips: buttons that remove them, rebuilt on every change.
    var list = picker.querySelector("[data-chosen-list]");
    var none = picker.querySelector("[data-chosen-none]");

    function showChosen() {
      var chosen = boxes.filter(function (box) { return box.checked; });
      list.textContent = "";
      none.hidden = chosen.length > 0;
      list.hidden = chosen.length === 0;
      chosen.forEach(function (box) {
        var name = labelOf(box);
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "checkbox-picker__chip";
        chip.setAttribute("aria-label", fill(labels.remove, "name", name));
        chip.appendChild(document.createTextNode(name + " "));
        var cross = document.createElement("span");
        cross.setAttribute("aria-hidden", "true");
        cross.textContent = "×";
        chip.appendChild(cross);
        chip.addEventListener("click", function () {
          box.checked = false;
          showChosen();
          (input || box).focus();
        });
        list.appendChild(document.createElement("li")).appendChild(chip);
      });
      groups.forEach(function (group) {
        var count = group.querySelector("[data-group-count]");
        var n = group.querySelectorAll("input:checked").length;
        count.hidden = n === 0;
        count.textContent = "(" + fill(labels.chosen, "n", String(n)) + ")";
      });
    }

    function applyFilter() {
      var query = fold(input.value.trim());
      if (query && openBefore === null) {
        openBefore = groups.map(function (group) { return group.open; });
      }
      var shown = 0;
      groups.forEach(function (group, index) {
        var matches = 0;
        group.querySelectorAll("li").forEach(function (item) {
          var box = item.querySelector("input");
          var hit = !query || fold(labelOf(box)).indexOf(query) !== -1 ||
            (box.getAttribute("data-terms") || "").indexOf(query) !== -1;
          item.hidden = !hit;
          if (hit) { matches += 1; }
        });
        shown += matches;
        group.hidden = matches === 0;
        if (query) {
          group.open = matches > 0;
        } else if (openBefore !== null) {
          group.open = openBefore[index] || !!group.querySelector("input:checked");
        }
      });
      if (!query) { openBefore = null; }
      status.textContent = query ? fill(labels.shown, "n", String(shown)) : "";
    }

    picker.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") { showChosen(); }
    });
    if (input) {
      input.addEventListener("input", applyFilter);
      input.addEventListener("keydown", function (event) {
        // Enter in the filter box must not send the whole form.
        if (event.key === "Enter") { event.preventDefault(); }
        if (event.key === "Escape" && input.value) { input.value = ""; applyFilter(); }
      });
      filter.hidden = false;
    }
    showChosen();
  }

  document.querySelectorAll("[data-checkbox-picker]").forEach(enhance);
})();

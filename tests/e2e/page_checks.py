"""Checks any public page must pass in a real browser, each returning readable problems.

Every function takes a Playwright page that has finished loading and returns a list of
strings (empty when the page passes), so one test can run every check on a page and
report all that is wrong with it at once.

axe-core (MPL-2.0, tests/e2e/vendor/axe-core/, see its README) is put into the page
through the DevTools protocol (`page.evaluate`), which the site's same-origin
Content-Security-Policy does not govern: the page under test is exactly as served.
"""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(
    encoding="utf-8"
)
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_BLOCKING_IMPACTS = ("serious", "critical")
# A rounding pixel is not a scroll bar.
TOLERANCE_PX = 1
# How many Tab presses from the top of the page the focus check follows.
FOCUS_STEPS = 6

_AXE_RUN = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(" "),
      summary: (node.failureSummary || "").split("\\n").slice(1, 2).join("").trim(),
    })),
  }));
}
"""


def axe_violations(page, *, impacts=AXE_BLOCKING_IMPACTS) -> list[str]:
    """axe-core's WCAG 2.x A/AA violations of the given impacts: rule, impact, elements."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    problems = []
    for violation in page.evaluate(_AXE_RUN, AXE_TAGS):
        if violation["impact"] not in impacts:
            continue
        nodes = violation["nodes"]
        targets = "; ".join(
            f"{node['target']}" + (f" ({node['summary']})" if node["summary"] else "")
            for node in nodes[:5]
        )
        more = f" and {len(nodes) - 5} more" if len(nodes) > 5 else ""
        problems.append(
            f"axe {violation['id']} [{violation['impact']}] {violation['help']}: {targets}{more}"
        )
    return problems


# The page scrolls sideways when the root is wider than the viewport. The elements that
# stick out are listed outermost first; an element inside a container that clips or
# scrolls its own overflow (a wide table in a scroll box) does not count, nor does one
# entirely outside the viewport (the visually-hidden pattern, an off-canvas menu).
_OVERFLOW = """
(tolerance) => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const describe = (element) => {
    let name = element.tagName.toLowerCase();
    if (element.id) name += "#" + element.id;
    const classes = [...element.classList].slice(0, 3);
    if (classes.length) name += "." + classes.join(".");
    return name;
  };
  const path = (element) => {
    const names = [];
    for (let node = element; node && node !== document.body && names.length < 4;
         node = node.parentElement) {
      names.unshift(describe(node));
    }
    return names.join(" > ");
  };
  const clipsOwnOverflow = (element) => {
    if (element === root || element === document.body) return false;
    const style = getComputedStyle(element);
    return style.overflowX !== "visible";
  };
  const offenders = [];
  const walk = (element, clipped) => {
    for (const child of element.children) {
      // Not rendered: display none, inside a closed <details>, content-visibility hidden.
      if (!child.checkVisibility({ visibilityProperty: true })) continue;
      const style = getComputedStyle(child);
      const rect = child.getBoundingClientRect();
      const visible = rect.width > 1 && rect.height > 1
        && style.clipPath === "none" && style.clip === "auto";
      const outside = rect.right <= 0 || rect.left >= width;
      const sticksOut = rect.right > width + tolerance || rect.left < -tolerance;
      if (!clipped && visible && !outside && sticksOut) {
        const text = (child.innerText || child.value || "").trim().replace(/\\s+/g, " ");
        offenders.push(
          `${path(child)} [${Math.round(rect.left)}..${Math.round(rect.right)} px` +
          ` of ${width}]` + (text ? ` "${text.slice(0, 40)}"` : "")
        );
        continue;  // its children stick out with it
      }
      walk(child, clipped || clipsOwnOverflow(child));
    }
  };
  walk(document.body, false);
  // Whether the window really scrolls: under a root (or body) with overflow-x hidden
  // the content is cut instead, and scrollWidth still reports its width.
  const rootOverflow = getComputedStyle(root).overflowX;
  const viewportOverflow = rootOverflow !== "visible"
    ? rootOverflow : getComputedStyle(document.body).overflowX;
  const scrolls = root.scrollWidth > width + tolerance
    && !["hidden", "clip"].includes(viewportOverflow);
  return { scrollWidth: root.scrollWidth, clientWidth: width, scrolls, offenders };
}
"""


def sideways_scroll(page) -> list[str]:
    """The page scrolls sideways, or content is cut at the viewport's edge: what sticks out."""
    found = page.evaluate(_OVERFLOW, TOLERANCE_PX)
    offenders = found["offenders"]
    if not offenders and not found["scrolls"]:
        return []
    if found["scrolls"]:
        head = (
            f"scrolls sideways: {found['scrollWidth']} px wide"
            f" in a {found['clientWidth']} px viewport"
        )
    else:
        head = "content cut at the viewport's edge (no scroll bar, the root hides it)"
    listed = "; ".join(offenders[:8]) or "no element found (off-screen content, a margin?)"
    more = f" and {len(offenders) - 8} more" if len(offenders) > 8 else ""
    return [f"{head}; sticking out: {listed}{more}"]


# The computed properties a focus indicator can change, on the element, the few
# elements around it (a card that shows `:focus-within`) and inside it (an SVG marker).
_FOCUS_STYLE = """
(element) => {
  const look = (node) => {
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
      ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` : "none";
    return [outline, style.boxShadow, style.backgroundColor, style.color, style.borderColor,
            style.borderWidth, style.textDecorationLine, style.textDecorationThickness,
            style.fill, style.stroke, style.strokeWidth].join("|");
  };
  const looks = [look(element)];
  let ancestor = element.parentElement;
  for (let level = 0; ancestor && ancestor !== document.body && level < 4; level++) {
    looks.push(look(ancestor));
    ancestor = ancestor.parentElement;
  }
  for (const inner of [...element.querySelectorAll("*")].slice(0, 30)) looks.push(look(inner));
  let name = element.tagName.toLowerCase();
  if (element.id) name += "#" + element.id;
  const classes = [...element.classList].slice(0, 2);
  if (classes.length) name += "." + classes.join(".");
  const text = (element.innerText || element.getAttribute("aria-label") || element.name || "")
    .trim().replace(/\\s+/g, " ").slice(0, 30);
  return { name: text ? `${name} "${text}"` : name, looks: looks.join("\\n") };
}
"""


def focus_not_visible(page, *, steps=FOCUS_STEPS) -> list[str]:
    """The first `steps` elements Tab reaches: each must look different while focused.

    An element's focused look is compared with its look once blurred; Chromium then
    continues sequential navigation from the blurred element, so the next Tab goes on.
    """
    problems = []
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.mouse.move(0, 0)
    seen = set()
    for _step in range(steps):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        if not page.evaluate("(e) => e && e !== document.body", handle):
            break
        focused = page.evaluate(_FOCUS_STYLE, handle)
        if focused["name"] in seen:
            break
        seen.add(focused["name"])
        page.evaluate("(e) => e.blur()", handle)
        blurred = page.evaluate(_FOCUS_STYLE, handle)
        if focused["looks"] == blurred["looks"]:
            problems.append(f"focus not visible on {focused['name']}")
    return problems


def language_attributes(page, language: str, direction: str) -> list[str]:
    """`<html lang dir>` as the language of the address says."""
    lang, dir_ = page.evaluate(
        "[document.documentElement.lang, document.documentElement.dir || 'ltr']"
    )
    if (lang, dir_) != (language, direction):
        return [f'<html lang="{lang}" dir="{dir_}">, expected lang="{language}" dir="{direction}"']
    return []

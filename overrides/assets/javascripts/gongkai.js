/* gongkai: the utility bar's display switches, the article tools, navigation toggles, printed link
 * addresses.
 *
 * 适老化 (elder-friendly mode): larger text, higher contrast and larger targets, by a class on <html>
 * (styles in gongkai.css, not browser zoom). 繁體: the page's text converted to Traditional Chinese with
 * the table the build writes beside this file (OpenCC s2t, longest phrase first, exactly as
 * gongkai/outputs/traditional.py converts). 字号 大/中/小: the root size, by a class on <html>. The
 * choices are kept in localStorage; gk-prefs.js in main.html applies them before the first paint.
 * Also: 打印, 关闭 (shown only where a script may close the window: a tab opened from a list of this
 * site), keyboard access to the navigation's section toggles, and link addresses for print. Nothing
 * here loads from another host.
 */
/* The 繁體 conversion itself, without the page: gongkai/outputs/traditional.py converts the same way,
 * and tests/js/vectors.test.mjs checks both against tests/vectors/s2t.json. */
var gongkaiS2T = (function () {
  "use strict";

  function prepare(data) {
    var lengths = new Map();
    Object.keys(data.phrases).forEach(function (key) {
      var first = String.fromCodePoint(key.codePointAt(0));
      if (!lengths.has(first)) { lengths.set(first, []); }
      lengths.get(first).push(key.length);
    });
    lengths.forEach(function (list) { list.sort(function (a, b) { return b - a; }); });
    return { chars: new Map(Object.entries(data.chars)), phrases: new Map(Object.entries(data.phrases)), lengths: lengths };
  }

  /* At each position the longest phrase of the table that starts there, else the character (as OpenCC). */
  function convert(table, text) {
    var out = "";
    var i = 0;
    while (i < text.length) {
      var first = String.fromCodePoint(text.codePointAt(i));
      var size = first.length;
      var value = table.chars.get(first) || first;
      var lengths = table.lengths.get(first) || [];
      for (var n = 0; n < lengths.length; n++) {
        var phrase = i + lengths[n] <= text.length ? table.phrases.get(text.substr(i, lengths[n])) : undefined;
        if (phrase !== undefined) {
          size = lengths[n];
          value = phrase;
          break;
        }
      }
      out += value;
      i += size;
    }
    return out;
  }

  return { prepare: prepare, convert: convert };
})();
if (typeof module !== "undefined") { module.exports = gongkaiS2T; }

if (typeof document !== "undefined") (function () {
  "use strict";

  var root = document.documentElement;
  var KEYS = { elder: "gongkai.elder", script: "gongkai.script" };
  var ON = { elder: "1", script: "hant" };
  var TABLE_URL = new URL("gongkai-s2t.json", document.currentScript.src).href;
  var HAN = /[\u3007\u3400-\u9fff\ud840-\ud8bf]/;  /* as traditional.HAN, astral planes by their high surrogate */
  var SKIP = { SCRIPT: true, STYLE: true, TEXTAREA: true, NOSCRIPT: true };
  var ATTRIBUTES = ["title", "aria-label", "placeholder", "alt"];

  var pageLang = root.getAttribute("lang");
  var table = null;
  var undo = [];
  var observer = null;

  function load(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function store(key, value) {
    try {
      if (value) { localStorage.setItem(key, value); } else { localStorage.removeItem(key); }
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  /* --- Simplified to Traditional ------------------------------------------------------------ */

  function convert(text) { return gongkaiS2T.convert(table, text); }

  function convertText(node) {
    var original = node.data;
    if (!HAN.test(original) || (node.parentNode && SKIP[node.parentNode.nodeName])) { return; }
    var converted = convert(original);
    if (converted === original) { return; }
    node.data = converted;
    undo.push(function () { if (node.data === converted) { node.data = original; } });
  }

  function convertAttributes(element) {
    ATTRIBUTES.forEach(function (name) {
      var original = element.getAttribute(name);
      if (!original || !HAN.test(original)) { return; }
      var converted = convert(original);
      element.setAttribute(name, converted);
      undo.push(function () { if (element.getAttribute(name) === converted) { element.setAttribute(name, original); } });
    });
  }

  function convertTree(top) {
    if (top.nodeType === Node.TEXT_NODE) { convertText(top); return; }
    if (top.nodeType !== Node.ELEMENT_NODE || SKIP[top.nodeName]) { return; }
    var walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    var node = top;
    do {
      if (node.nodeType === Node.TEXT_NODE) { convertText(node); } else { convertAttributes(node); }
    } while ((node = walker.nextNode()));
  }

  function watch() {
    observer = new MutationObserver(function (records) {
      observer.disconnect();  /* our own changes are not new content */
      records.forEach(function (record) {
        if (record.type === "characterData") { convertText(record.target); }
        record.addedNodes.forEach(convertTree);
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }

  function toTraditional() {
    convertTree(document.head.querySelector("title") || document.head);
    convertTree(document.body);
    root.setAttribute("lang", "zh-Hant");
    watch();
  }

  function toSimplified() {
    if (observer) { observer.disconnect(); observer = null; }
    undo.splice(0).reverse().forEach(function (restore) { restore(); });
    root.setAttribute("lang", pageLang);
  }

  function loadTable() {
    if (table) { return Promise.resolve(table); }
    /* no-cache: revalidated each time, so a rebuilt site's new characters are never missing */
    return fetch(TABLE_URL, { cache: "no-cache" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status + " " + TABLE_URL); }
        return response.json();
      })
      .then(function (data) { table = gongkaiS2T.prepare(data); return table; });
  }

  /* --- Switches ------------------------------------------------------------------------------ */

  var apply = {
    elder: function (on) {
      root.classList.toggle("gk-elder", on);
      return Promise.resolve(on);
    },
    script: function (on) {
      if (!on) { toSimplified(); return Promise.resolve(false); }
      return loadTable().then(function () { if (!undo.length) { toTraditional(); } return true; });
    }
  };

  function show(name, on) {
    document.querySelectorAll('[data-gk-switch="' + name + '"]').forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function set(name, on) {
    return apply[name](on)
      .then(function (done) { show(name, done); return done; })
      .catch(function (error) { console.error("gongkai:", error); show(name, false); return false; });
  }

  document.querySelectorAll("[data-gk-switch]").forEach(function (button) {
    var name = button.getAttribute("data-gk-switch");
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      set(name, on).then(function (done) { store(KEYS[name], done ? ON[name] : null); });
    });
  });

  /* --- Article tools: 字号 大/中/小, 打印, 关闭 ------------------------------------------------------ */

  var SIZES = { l: "gk-size-l", s: "gk-size-s" };  /* 中 is the site's own size: no class */

  function setSize(size) {
    Object.keys(SIZES).forEach(function (key) { root.classList.toggle(SIZES[key], key === size); });
    document.querySelectorAll("[data-gk-size]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-gk-size") === (SIZES[size] ? size : "m") ? "true" : "false");
    });
  }

  document.querySelectorAll("[data-gk-size]").forEach(function (button) {
    button.addEventListener("click", function () {
      var size = button.getAttribute("data-gk-size");
      setSize(size);
      store("gongkai.size", SIZES[size] ? size : null);
    });
  });
  setSize(load("gongkai.size"));

  document.querySelectorAll("[data-gk-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  /* A browser lets a script close a window that holds one page only; show 关闭 where that page was
   * opened from a page of this site (a list opened in a new window or tab). */
  var fromHere = document.referrer && new URL(document.referrer, location.href).origin === location.origin;
  if (window.history.length === 1 && fromHere) {
    document.querySelectorAll("[data-gk-close]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.close(); });
    });
  }

  /* --- Navigation: Material opens the sections (and, on small screens, the drawer) with <label>s for
   * hidden checkboxes. Make the drawer's reachable by keyboard, give the empty ones a name (hidden
   * text: aria-label is not allowed on a label) and add the Space key; Material handles Enter. ----- */

  var drawer = document.querySelector('.md-header label[for="__drawer"]');
  if (drawer && !drawer.hasAttribute("tabindex")) { drawer.tabIndex = 0; }

  function labelName(label) {
    var index = label.parentNode.classList.contains("md-nav__container") && label.parentNode.querySelector("a");
    if (index) { return index.textContent.trim() + "（下级栏目）"; }
    return label === drawer ? "导航菜单" : "";
  }

  document.querySelectorAll('label.md-nav__link[for][tabindex="0"], .md-header label[for="__drawer"]').forEach(function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) { return; }
    if (!label.textContent.trim() && labelName(label)) {
      var name = document.createElement("span");
      name.className = "gk-sr-only";
      name.textContent = labelName(label);
      label.appendChild(name);
    }
    label.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); toggle.click(); }
    });
  });

  /* --- The column of a page outside MkDocs' navigation (entries, lists), marked in the tabs ---- */
  // Material marks the tab of a page in the navigation only; for the others, the tab is the deepest
  // place of the page's 当前位置 that is a column (never the home page's).

  if (!document.querySelector(".md-tabs__item--active")) {
    var places = Array.prototype.map.call(document.querySelectorAll(".gk-crumbs a[href]"), function (a) { return a.href; });
    var tabs = Array.prototype.slice.call(document.querySelectorAll(".md-tabs__link"));
    for (var i = places.length - 1; i > 0; i--) {
      var tab = tabs.find(function (link) { return link.href === places[i]; });
      if (tab) {
        tab.parentNode.classList.add("md-tabs__item--active");
        tab.setAttribute("aria-current", "location");
        break;
      }
    }
  }

  /* --- Print: the address of every link in the text, after the link ------------------------ */

  document.querySelectorAll(".md-content a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    if (href.charAt(0) === "#" || link.closest(".gk-meta, .gk-pagination, .gk-facet") || link.textContent.trim() === link.href) { return; }
    link.setAttribute("data-gk-print-url", link.href);
  });

  /* --- The saved choices, last: the texts added above are converted too ----------------------- */

  Object.keys(KEYS).forEach(function (name) {
    var on = load(KEYS[name]) === ON[name];
    set(name, on).then(function () { if (name === "script") { root.classList.remove("gk-hant-wait"); } });
  });
})();

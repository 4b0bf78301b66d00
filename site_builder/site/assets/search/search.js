/*
 * site-builder search: Pagefind (>= 1.5) wired to the archive, through Pagefind's JavaScript
 * API only (pagefind.js and its WebAssembly; none of Pagefind's UI bundles).
 *
 * Every page: a search box in Material's header (or in an element with class
 * "sb-search-header" if the template provides one), a small combobox. "/" focuses it,
 * results drop down as you type (from two characters), Enter opens the search page with ?q=
 * (after choosing a result with the arrow keys, Enter opens that result instead); "All
 * results" is a link to the search page.
 *
 * The search page is any page with an element id="sb-search": a form, the facets (outlet,
 * year, language, person, organization, topic, type) as checkboxes with counts, and one page
 * of results at a time (PER_PAGE; only the shown results' fragments are loaded), a numbered
 * pager and a sort (relevance, newest, oldest). The query, the facets, the sort and the page
 * number are kept in the URL (?q=...&person=...&sort=newest&page=2): back and forward, a
 * reload and a shared link show the same view. Without a query the facets alone filter,
 * newest first: the page is also the archive's catalogue. If names.js (loaded before this
 * file) defines window.sbNames, registry entries matching the query and a "Did you mean"
 * come from it.
 *
 * Works under a strict Content-Security-Policy: no inline script or style, no eval. It loads
 * Pagefind's own files from <site root>/pagefind/; Pagefind compiles WebAssembly, which needs
 * script-src 'wasm-unsafe-eval' and runs in a worker from the same origin (worker-src 'self').
 */
(function () {
  "use strict";

  // [URL parameter and Pagefind filter, label, how several chosen values combine]. An
  // article has one outlet, year, language and type: two of them mean either ("any"); it
  // names many people, organizations and topics: two of them mean both ("all").
  var FACETS = [
    ["outlet", "Outlet", "any"],
    ["year", "Year", "any"],
    ["language", "Language", "any"],
    ["person", "Person", "all"],
    ["organization", "Organization", "all"],
    ["topic", "Topic", "all"],
    ["type", "Type", "any"],
  ];
  // "names" is the metadata entity pages carry (name and aliases), "spellings" their
  // transliterations: a query for a person's name, in any script or romanization, puts the
  // person's page first. Title keeps Pagefind's default boost; an article's "refs" (its
  // entries' spellings) weigh 1.
  var RANKING = { metaWeights: { title: 5, names: 50, spellings: 50 } };

  var root = siteRoot();
  var bundle = new URL("pagefind/", root).href;
  var searchPage = new URL("search/", root).href;

  // Material writes {"base": "../..", ...} into <script id="__config" type="application/json">;
  // elsewhere <html data-site-root="/archive/"> says where the site starts.
  function siteRoot() {
    var config = document.getElementById("__config");
    if (config) {
      try {
        var base = JSON.parse(config.textContent).base;
        if (typeof base === "string") {
          return new URL(base ? base.replace(/\/?$/, "/") : "./", location.href);
        }
      } catch (error) {
        // not Material's config: fall through
      }
    }
    return new URL(document.documentElement.getAttribute("data-site-root") || "/", location.href);
  }

  function searchUrl(term, filters) {
    return viewUrl({ term: term, filters: filters || {}, sort: "", page: 1 });
  }

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // -- The header box ---------------------------------------------------------------------
  // Our own small combobox over Pagefind's JavaScript API: every page has it, and loading the
  // Component UI (175 KB) for it would make each reader's first query that much heavier.

  var MIN_CHARS = 2; // one letter matches half the index: wait for a second
  var HEADER_RESULTS = 8;
  var DEBOUNCE_MS = 150;
  var headerPagefind = null;
  var EXCERPT_WORDS = 30;
  var LEAD_WORDS = 6;

  function pagefindApi() {
    if (!headerPagefind) {
      headerPagefind = import(bundle + "pagefind.js").then(function (pagefind) {
        return pagefind
          .options({ baseUrl: new URL(root).pathname, excerptLength: EXCERPT_WORDS, ranking: RANKING })
          .then(function () {
            return pagefind;
          });
      });
    }
    return headerPagefind;
  }

  // Pagefind's excerpt is about EXCERPT_WORDS words around the best match, which can sit
  // anywhere in it: cut the words before the first highlighted one to LEAD_WORDS, so that in
  // two or three lines, on a phone too, the reader sees the match. `excerpt` is Pagefind's
  // HTML: text it escaped, and <mark> elements.
  function leadToMatch(excerpt) {
    var at = excerpt.indexOf("<mark>");
    if (at < 0) return excerpt;
    var before = excerpt.slice(0, at).split(/\s+/);
    if (before.length <= LEAD_WORDS + 1) return excerpt;
    return "… " + before.slice(-LEAD_WORDS - 1).join(" ") + excerpt.slice(at);
  }

  // An article in another language than the site's: its title and excerpt say so (lang).
  function ownLang(meta) {
    var lang = meta && meta.lang;
    return lang && lang !== (document.documentElement.lang || "en") ? lang : "";
  }

  function safeHref(url) {
    return typeof url === "string" && /^(\/|https?:)/i.test(url) ? url : "#";
  }

  function resultItem(data, index) {
    var meta = data.meta || {};
    var li = element("li", { role: "option", id: "sb-search-option-" + index, class: "sb-search-hit" });
    var link = element("a", { href: safeHref(data.url), tabindex: "-1" });
    var title = element("span", { class: "sb-search-hit__title" });
    title.textContent = meta.title || data.url;
    var own = ownLang(meta);
    if (own) title.lang = own;
    link.appendChild(title);
    var line = [
      kindWord(meta.type),
      meta.outlet,
      meta.date && showDate(meta.date),
      meta.articles && articlesWord(meta.articles),
    ].filter(Boolean).join(" · ");
    if (line) {
      var about = element("span", { class: "sb-search-hit__meta" });
      about.textContent = line;
      link.appendChild(about);
    }
    if (data.excerpt) {
      var excerpt = element("span", { class: "sb-search-hit__excerpt" });
      excerpt.innerHTML = leadToMatch(data.excerpt); // Pagefind escapes the text; it adds only <mark>
      if (own) excerpt.lang = own;
      link.appendChild(excerpt);
    }
    li.appendChild(link);
    return li;
  }

  function mountHeader() {
    var box = document.querySelector(".sb-search-header");
    if (box && box.querySelector(".sb-search-input")) return;
    if (!box) {
      var bar = document.querySelector(".md-header__inner");
      if (!bar) return;
      box = element("div", { class: "sb-search-header" });
      bar.insertBefore(box, bar.querySelector(".md-header__source"));
    }
    box.setAttribute("role", "search");
    var input = element("input", {
      type: "search",
      class: "sb-search-input",
      placeholder: word("label"),
      "aria-label": word("headerLabel"),
      autocomplete: "off",
      spellcheck: "false",
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": "sb-search-list",
      enterkeyhint: "search",
    });
    var dropdown = element("div", { class: "sb-search-dropdown", hidden: "" });
    var status = element("p", { class: "sb-search-status", role: "status" });
    var list = element("ul", { id: "sb-search-list", role: "listbox", "aria-label": word("results") });
    var all = element("a", { class: "sb-search-all", href: searchPage });
    dropdown.appendChild(status);
    dropdown.appendChild(list);
    dropdown.appendChild(all);
    box.appendChild(input);
    box.appendChild(dropdown);

    var searchId = 0;
    var active = -1;

    function open(show) {
      dropdown.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
    }

    // index -1: no option chosen
    function choose(index) {
      var options = list.querySelectorAll("[role=option]");
      active = index >= 0 && index < options.length ? index : -1;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(term, found, total) {
      list.textContent = "";
      found.forEach(function (data, i) {
        list.appendChild(resultItem(data, i));
      });
      choose(-1);
      status.textContent = total ? count("found", total, { q: term }) : word("none", { q: term });
      all.hidden = !total;
      all.href = searchUrl(term);
      all.textContent = word("all", { q: term });
      open(true);
    }

    function search() {
      var term = input.value.trim();
      var id = ++searchId;
      if (term.length < MIN_CHARS) {
        list.textContent = "";
        choose(-1);
        open(false);
        return;
      }
      setTimeout(function () {
        if (id !== searchId) return;
        pagefindApi()
          .then(function (pagefind) {
            return id === searchId ? pagefind.search(term) : null;
          })
          .then(function (response) {
            if (!response || id !== searchId) return null;
            var top = response.results.slice(0, HEADER_RESULTS);
            return Promise.all(top.map(function (r) { return r.data(); })).then(function (found) {
              if (id === searchId) show(term, found, response.results.length);
            });
          })
          .catch(function (error) {
            status.textContent = word("unavailable");
            open(true);
            console.warn("site-builder search:", error && error.message);
          });
      }, DEBOUNCE_MS);
    }

    input.addEventListener("focus", function () {
      pagefindApi(); // start loading while the reader types
      if (list.childElementCount || status.textContent) open(input.value.trim().length >= MIN_CHARS);
    });
    input.addEventListener("input", search);
    input.addEventListener("keydown", function (event) {
      if (event.isComposing) return;
      var count = list.childElementCount;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        open(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        choose(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
      } else if (event.key === "Enter") {
        var term = input.value.trim();
        if (!term) return;
        event.preventDefault();
        var chosen = active >= 0 && list.querySelectorAll("[role=option] a")[active];
        location.assign(chosen ? chosen.href : searchUrl(term));
      } else if (event.key === "Escape") {
        if (!dropdown.hidden) {
          event.preventDefault();
          open(false);
        } else {
          input.blur();
        }
      }
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) open(false);
    });
    box.addEventListener("focusout", function (event) {
      if (!box.contains(event.relatedTarget)) open(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.altKey || event.ctrlKey || event.metaKey) return;
      var focused = document.activeElement;
      if (focused && (/^(INPUT|TEXTAREA|SELECT)$/.test(focused.tagName) || focused.isContentEditable)) {
        return;
      }
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  // -- The search page --------------------------------------------------------------------

  var PER_PAGE = 15; // results a page: each needs its fragment fetched
  var NAMES_WAIT_MS = 800; // how long the results wait for names.js's entries
  var FACET_VALUES = 8; // values a facet lists before "Show all"
  var FACET_FIND_OVER = 30; // "Show all" of more values than this gives a box to find one
  var FACET_LISTED_MAX = 100; // values listed at most (the DOM stays small at 10,000 articles)
  var WINDOW = 2; // page numbers on each side of the current one, as the site's lists (plan.py)
  var SORTS = ["relevance", "newest", "oldest"];
  // The interface's words; search_page_html may replace any of them (data-sb-labels, from
  // site/labels.py), so that the page speaks the site's language.
  var WORDS = {
    search: "Search",
    label: "Search the archive",
    placeholder: "Search articles, people, organizations…",
    filters: "Filters",
    clear: "Clear all filters",
    remove: "Remove filter",
    showAll: "Show all {n}",
    showFewer: "Show fewer",
    find: "Find in {facet}",
    sort: "Sort",
    relevance: "Relevance",
    newest: "Newest first",
    oldest: "Oldest first",
    results: "Results",
    pages: "Pages of results",
    first: "First",
    previous: "Previous",
    next: "Next",
    last: "Last",
    page: "Page {n}",
    searching: "Searching…",
    found: { one: "{n} result for “{q}”", other: "{n} results for “{q}”" },
    listed: { one: "{n} result", other: "{n} results" },
    range: "{from}–{to} of {n}",
    none: "No results for “{q}”.",
    instead: {
      one: "No results for “{q}”; {n} result for “{name}”",
      other: "No results for “{q}”; {n} results for “{name}”",
    },
    noneFiltered: "No results with these filters.",
    unavailable: "Search is not available right now.",
    articles: "{n} articles",

    didYouMean: "Did you mean {name}?",
    matches: "In the registry",
    outlet: "Outlet",
    year: "Year",
    language: "Language",
    person: "Person",
    organization: "Organization",
    topic: "Topic",
    type: "Type",
    article: "Article",
    page_: "Page",
    more: { other: "{n} more" },
    headerLabel: "Search the archive (press / to focus)",
    all: "All results for “{q}”, with filters →",
  };
  // The site's words in its language (assets.py writes them at the top of archive.js);
  // the search page's data-sb-labels, read when it mounts, has the same.
  takeWords(window.sbWords);

  function takeWords(given) {
    Object.keys(given || {}).forEach(function (key) {
      var value = given[key];
      if (typeof value === "string" || (value && typeof value === "object")) WORDS[key] = value;
    });
  }

  function fill(text, values) {
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
  }

  function word(key, values) {
    var text = WORDS[key];
    if (text && typeof text === "object") text = text.other;
    return fill(text || key, values);
  }

  // A count in words, in the form the language's plural rules choose for `n` (CLDR's
  // categories, as the page gives them: {"one": ..., "few": ..., "many": ..., "other": ...}).
  function count(key, n, values) {
    var forms = WORDS[key];
    var text = forms;
    if (forms && typeof forms === "object") {
      var category = "other";
      try {
        category = new Intl.PluralRules(document.documentElement.lang || "en").select(Number(n));
      } catch (error) {
        // an unknown language: the general form
      }
      text = forms[category] || forms.other;
    }
    return fill(text || key, Object.assign({ n: number(n) }, values || {}));
  }

  function number(n) {
    return Number(n).toLocaleString(document.documentElement.lang || "en");
  }

  // The view's URL: its own page (wherever #sb-search is), q, the facets, sort, page.
  function viewUrl(state, base) {
    var url = new URL(base || searchPage);
    url.search = "";
    if (state.term) url.searchParams.set("q", state.term);
    FACETS.forEach(function (facet) {
      (state.filters[facet[0]] || []).forEach(function (value) {
        url.searchParams.append(facet[0], value);
      });
    });
    if (state.sort && state.sort !== defaultSort(state)) url.searchParams.set("sort", state.sort);
    if (state.page > 1) url.searchParams.set("page", String(state.page));
    return url.href;
  }

  function readState() {
    var params = new URLSearchParams(location.search);
    var filters = {};
    FACETS.forEach(function (facet) {
      var values = params.getAll(facet[0]).filter(Boolean);
      if (values.length) filters[facet[0]] = values.filter(function (v, i) {
        return values.indexOf(v) === i;
      });
    });
    var state = { term: (params.get("q") || "").trim(), filters: filters, sort: "", page: 1 };
    var sort = params.get("sort");
    if (SORTS.indexOf(sort) >= 0 && (state.term || sort !== "relevance")) state.sort = sort;
    var page = parseInt(params.get("page") || "1", 10);
    state.page = page >= 1 && page < 1e6 ? page : 1;
    return state;
  }

  function defaultSort(state) {
    return state.term ? "relevance" : "newest"; // no query, no relevance: the newest first
  }

  function sortOf(state) {
    return state.sort || defaultSort(state);
  }

  function chosenCount(filters) {
    return FACETS.reduce(function (sum, facet) {
      return sum + (filters[facet[0]] || []).length;
    }, 0);
  }

  // Pagefind's filters for `state`, without facet `except` (to count that facet's values).
  function pagefindFilters(filters, except) {
    var out = {};
    FACETS.forEach(function (facet) {
      var values = filters[facet[0]] || [];
      if (facet[0] === except || !values.length) return;
      out[facet[0]] = facet[2] === "any" ? { any: values } : { all: values };
    });
    return out;
  }

  // Browsing (no query) lists articles unless the reader picks a type: an entry's sort key
  // is its newest article's date, and the catalogue would open on people and topics.
  function browseFilters(state) {
    var out = pagefindFilters(state.filters);
    if (!state.term && !(state.filters.type || []).length) out.type = { any: ["article"] };
    return out;
  }

  function pagefindSort(state) {
    var sort = sortOf(state);
    if (sort === "newest") return { date: "desc" };
    if (sort === "oldest") return { date: "asc" };
    return {};
  }

  function escapeText(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // "2025-06-12" -> "12 Jun 2025", "2025-06" -> "Jun 2025", "2025" as it is.
  function showDate(iso) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso || "");
    if (!m) return iso || "";
    if (!m[2]) return m[1];
    var options = { year: "numeric", month: "short", timeZone: "UTC" };
    if (m[3]) options.day = "numeric";
    var date = new Date(Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1));
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || "en", options).format(date);
    } catch (error) {
      return iso;
    }
  }

  // For finding a facet's value: case and accents aside ("suleymen" finds "Süleymen").
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function kindWord(kind) {
    if (!kind) return "";
    if (kind === "page") return word("page_");
    return WORDS[kind] || kind.charAt(0).toUpperCase() + kind.slice(1);
  }

  function articlesWord(n) {
    return count("articles", n);
  }

  function resultCard(data, term) {
    var meta = data.meta || {};
    var li = element("li", { class: "sb-hit" });
    var title = element("h2", { class: "sb-hit__title" });
    title.appendChild(element("a", { href: safeHref(data.url) }, meta.title || data.url));
    var own = ownLang(meta);
    if (own) title.lang = own;
    li.appendChild(title);
    var about = element("p", { class: "sb-hit__meta" });
    var parts = [];
    if (meta.type) parts.push(element("span", { class: "sb-hit__kind" }, kindWord(meta.type)));
    if (meta.outlet) parts.push(element("span", {}, meta.outlet));
    if (meta.date) parts.push(element("time", { datetime: meta.date }, showDate(meta.date)));
    if (meta.articles) parts.push(element("span", {}, articlesWord(meta.articles)));
    parts.forEach(function (part, i) {
      if (i) about.appendChild(document.createTextNode(" · "));
      about.appendChild(part);
    });
    if (parts.length) li.appendChild(about);
    var excerpt = data.excerpt || "";
    if (!term && meta.title) {
      // Browsing: the excerpt is the page's start, which repeats the headline.
      var head = escapeText(meta.title);
      if (excerpt.indexOf(head) === 0) excerpt = excerpt.slice(head.length).replace(/^[.:]?\s*/, "");
    }
    if (data.names && data.names.length) {
      // Browsing the catalogue: who and what the article names, in place of an excerpt.
      li.appendChild(element("p", { class: "sb-hit__names" }, data.names.join(" · ")));
    }
    if (excerpt) {
      var text = element("p", { class: "sb-hit__excerpt" });
      text.innerHTML = leadToMatch(excerpt); // Pagefind escapes the text; it adds only <mark>
      if (own) text.lang = own;
      li.appendChild(text);
    }
    return li;
  }

  // The page numbers to show, as the site's own lists show them (plan.Pager.window): the
  // first, the last, WINDOW on each side of the current one; null for an ellipsis; `far`
  // numbers (more than one away, not the first or the last) a phone leaves out.
  function pageWindow(current, count) {
    var shown = {};
    [1, count].forEach(function (n) { shown[n] = true; });
    for (var n = current - WINDOW; n <= current + WINDOW; n++) shown[n] = true;
    var numbers = Object.keys(shown).map(Number).filter(function (k) {
      return k >= 1 && k <= count;
    }).sort(function (a, b) { return a - b; });
    var out = [];
    numbers.forEach(function (k, i) {
      if (i && k - numbers[i - 1] === 2) out.push(k - 1);
      else if (i && k - numbers[i - 1] > 2) out.push(null);
      out.push(k);
    });
    return out.map(function (k) {
      return k === null ? null : { number: k, far: Math.abs(k - current) > 1 && k !== 1 && k !== count };
    });
  }

  function pagerLink(state, base, page, attributes, content) {
    var link = element("a", attributes);
    link.href = viewUrl(Object.assign({}, state, { page: page }), base);
    link.setAttribute("data-page", String(page));
    content.forEach(function (part) {
      link.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    return link;
  }

  function pager(nav, state, count, base) {
    nav.textContent = "";
    nav.hidden = count < 2;
    if (count < 2) return;
    var list = element("ul");
    var current = state.page;
    function arrow(text) {
      return element("span", { "aria-hidden": "true" }, text);
    }
    function wordSpan(text) {
      return element("span", { class: "sb-pager__word" }, text);
    }
    function item(link, className) {
      var li = element("li", className ? { class: className } : {});
      li.appendChild(link);
      list.appendChild(li);
    }
    if (current > 1) {
      item(pagerLink(state, base, 1, {}, [arrow("«"), " ", wordSpan(word("first"))]), "sb-pager__end");
      item(pagerLink(state, base, current - 1, { rel: "prev" }, [arrow("‹"), " ", wordSpan(word("previous"))]));
    }
    pageWindow(current, count).forEach(function (entry) {
      if (!entry) {
        list.appendChild(element("li", { class: "sb-pager__gap", "aria-hidden": "true" }, "…"));
        return;
      }
      var attributes = { "aria-label": word("page", { n: entry.number }) };
      if (entry.number === current) attributes["aria-current"] = "page";
      item(pagerLink(state, base, entry.number, attributes, [String(entry.number)]),
           entry.far ? "sb-pager__far" : "");
    });
    if (current < count) {
      item(pagerLink(state, base, current + 1, { rel: "next" }, [wordSpan(word("next")), " ", arrow("›")]));
      item(pagerLink(state, base, count, {}, [wordSpan(word("last")), " ", arrow("»")]), "sb-pager__end");
    }
    nav.appendChild(list);
  }

  function delay(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }

  function pageApi() {
    return pagefindApi();
  }

  // -- The catalogue: browsing without a query ----------------------------------------------
  // Without a term the articles' facets come from search/catalogue.json and their titles from
  // search/catalogue/<k>.json (site_builder/data/catalogue.py): about 160 KB gzipped at 10,000
  // articles, where Pagefind would load every chunk of its word index (21 MB) to answer a
  // search without a term. A query, or a type other than articles, goes to Pagefind.

  var NAMES_ON_CARD = 5; // people and organizations a browsed article's card names
  var catalogueFile = null;
  var titleFiles = {};

  function getJson(path) {
    return fetch(new URL(path, root).href).then(function (response) {
      if (!response.ok) throw new Error(path + ": HTTP " + response.status);
      return response.json();
    });
  }

  // Each value's name and facet by its number, and each facet's numbers by value.
  function loadCatalogue() {
    if (!catalogueFile) {
      catalogueFile = getJson("search/catalogue.json").then(function (data) {
        var names = [], facetOf = [], numberOf = {};
        data.facets.forEach(function (facet, f) {
          numberOf[facet] = Object.create(null);
          data.values[f].forEach(function (value) {
            numberOf[facet][value] = names.length;
            names.push(value);
            facetOf.push(facet);
          });
        });
        return { data: data, names: names, facetOf: facetOf, numberOf: numberOf };
      });
      catalogueFile.catch(function () {
        catalogueFile = null; // try again next time
      });
    }
    return catalogueFile;
  }

  function titlesFile(k) {
    if (!titleFiles[k]) {
      titleFiles[k] = getJson("search/catalogue/" + k + ".json");
      titleFiles[k].catch(function () {
        delete titleFiles[k];
      });
    }
    return titleFiles[k];
  }

  // Whether the catalogue answers the view: no term, and articles are what it lists.
  function catalogueAnswers(state) {
    return !state.term && (state.filters.type || []).every(function (t) {
      return t === "article";
    });
  }

  // The articles of the view (positions in the catalogue, newest first) and every facet's
  // counts, as the Pagefind path counts them (countFacets): among the results, and for an
  // "any" facet with chosen values among the results without that facet's choice.
  function browseCatalogue(cat, state) {
    var rows = cat.data.articles;
    var chosen = [];
    FACETS.forEach(function (facet) {
      var values = state.filters[facet[0]] || [];
      if (facet[0] === "type" || !values.length) return;
      var known = cat.numberOf[facet[0]] || {};
      chosen.push({
        facet: facet[0],
        all: facet[2] === "all",
        numbers: values.map(function (v) {
          return v in known ? known[v] : -1; // a value no article has: nothing matches
        }),
      });
    });
    function matches(numbers, except) {
      for (var c = 0; c < chosen.length; c++) {
        var choice = chosen[c];
        if (choice.facet === except) continue;
        var hit = choice.all;
        for (var k = 0; k < choice.numbers.length; k++) {
          var has = numbers.indexOf(choice.numbers[k]) >= 0;
          if (choice.all && !has) { hit = false; break; }
          if (!choice.all && has) { hit = true; break; }
        }
        if (!hit) return false;
      }
      return true;
    }
    var counts = {};
    function tally(positions, only) {
      positions.forEach(function (i) {
        rows[i][1].forEach(function (n) {
          var facet = cat.facetOf[n];
          if (only && facet !== only) return;
          var into = counts[facet] || (counts[facet] = {});
          into[cat.names[n]] = (into[cat.names[n]] || 0) + 1;
        });
      });
    }
    var found = [];
    rows.forEach(function (row, i) {
      if (matches(row[1], null)) found.push(i);
    });
    tally(found, null);
    chosen.forEach(function (choice) {
      if (choice.all) return;
      counts[choice.facet] = {};
      var others = [];
      rows.forEach(function (row, i) {
        if (matches(row[1], choice.facet)) others.push(i);
      });
      tally(others, choice.facet);
    });
    // Entry pages carry no facet but their type: with a filter, only articles are left.
    if (chosen.length) counts.type = found.length ? { article: found.length } : {};
    else counts.type = Object.assign({}, cat.data.types);
    if (sortOf(state) === "oldest") found.reverse();
    return { found: found, counts: counts };
  }

  // What resultCard shows of the catalogue's article at `position`.
  function catalogueCard(cat, position) {
    var chunk = cat.data.chunk;
    return titlesFile(Math.floor(position / chunk)).then(function (titles) {
      var row = cat.data.articles[position];
      var entry = titles[position % chunk] || [];
      var meta = { title: entry[1], type: "article", date: row[0] };
      var names = [];
      row[1].forEach(function (n) {
        var facet = cat.facetOf[n];
        if (facet === "outlet") meta.outlet = cat.names[n];
        if (facet === "person" || facet === "organization") names.push(cat.names[n]);
      });
      if (names.length > NAMES_ON_CARD) {
        names = names.slice(0, NAMES_ON_CARD).concat(count("more", names.length - NAMES_ON_CARD));
      }
      return { url: new URL(entry[0] || "", root).href, meta: meta, names: names };
    });
  }

  function mountPage(host) {
    if (host.hasAttribute("data-sb-mounted")) return;
    host.setAttribute("data-sb-mounted", "");
    try {
      takeWords(JSON.parse(host.getAttribute("data-sb-labels") || "{}"));
    } catch (error) {
      // the built-in words stay
    }
    FACETS.forEach(function (facet) {
      facet[1] = word(facet[0]);
    });
    host.textContent = ""; // the no-JavaScript fallback
    var base = location.href.split(/[?#]/)[0];

    // The form: a real one, so Enter and the button both search.
    var form = element("form", { class: "sb-sp-form", role: "search", action: base });
    var input = element("input", {
      id: "sb-sp-q",
      class: "sb-sp-input",
      type: "search",
      name: "q",
      placeholder: word("placeholder"),
      "aria-label": word("label"),
      autocomplete: "off",
      spellcheck: "false",
      enterkeyhint: "search",
    });
    var submit = element("button", { type: "submit", class: "sb-sp-submit" }, word("search"));
    form.appendChild(input);
    form.appendChild(submit);
    host.appendChild(form);

    var body = element("div", { class: "sb-sp-body" });
    // The facets: folded into one line ("Filters (2)") on a phone until opened.
    var panel = element("details", { class: "sb-sp-filters" });
    var summary = element("summary", { class: "sb-sp-filters__summary" }, word("filters"));
    panel.appendChild(summary);
    var facetBox = element("div", { class: "sb-sp-facets" });
    var expanded = {};
    FACETS.forEach(function (facet) {
      var set = element("fieldset", { class: "sb-sp-facet", "data-facet": facet[0], hidden: "" });
      set.appendChild(element("legend", {}, facet[1]));
      set.appendChild(element("input", {
        type: "search",
        class: "sb-sp-facet__find",
        "aria-label": word("find", { facet: facet[1] }),
        placeholder: word("find", { facet: facet[1] }),
        autocomplete: "off",
        hidden: "",
      }));
      set.appendChild(element("ul", { class: "sb-sp-facet__values" }));
      var more = element("button", { type: "button", class: "sb-sp-facet__more", hidden: "" });
      more.setAttribute("aria-expanded", "false");
      set.appendChild(more);
      facetBox.appendChild(set);
    });
    panel.appendChild(facetBox);
    var clear = element("button", { type: "button", class: "sb-sp-clear", hidden: "" }, word("clear"));
    panel.appendChild(clear);
    body.appendChild(panel);

    var main = element("div", { class: "sb-sp-main" });
    var names = element("div", { class: "sb-sp-names", hidden: "" });
    main.appendChild(names);
    var bar = element("div", { class: "sb-sp-bar" });
    var status = element("p", { class: "sb-sp-status", role: "status", "aria-live": "polite" });
    bar.appendChild(status);
    var sortBox = element("div", { class: "sb-sp-sort" });
    sortBox.appendChild(element("label", { for: "sb-sp-sort" }, word("sort")));
    var sortSelect = element("select", { id: "sb-sp-sort" });
    SORTS.forEach(function (name) {
      sortSelect.appendChild(element("option", { value: name }, word(name)));
    });
    sortBox.appendChild(sortSelect);
    bar.appendChild(sortBox);
    main.appendChild(bar);
    var chosen = element("ul", { class: "sb-sp-chosen", hidden: "" });
    main.appendChild(chosen);
    var list = element("ol", { class: "sb-sp-results", "aria-label": word("results"), tabindex: "-1" });
    var focusResults = false; // after a click on the pager: the reader goes on at the list
    main.appendChild(list);
    var nav = element("nav", { class: "sb-pager sb-sp-pager", "aria-label": word("pages"), hidden: "" });
    main.appendChild(nav);
    body.appendChild(main);
    host.appendChild(body);

    // Open on a wide screen, folded on a narrow one (the reader may open or close it).
    var wide = window.matchMedia("(min-width: 60em)");
    function fit() {
      panel.open = wide.matches;
    }
    fit();
    if (wide.addEventListener) wide.addEventListener("change", fit);

    var state = readState();
    var runId = 0;
    var filterIndex = null; // pagefind.filters(): every filter's values, loaded once
    var filtersLoaded = false; // and once loaded, every search counts the facets' values

    function loadFilters(pagefind) {
      if (!filterIndex) {
        filterIndex = pagefind.filters().then(function (all) {
          filtersLoaded = true;
          return all;
        });
      }
      return filterIndex;
    }
    var counted = null; // the counts shown: {facet: {value: count}}

    function go(next, push) {
      state = next;
      var url = viewUrl(state, base);
      if (url !== location.href) history[push ? "pushState" : "replaceState"](null, "", url);
      run();
    }

    function showFacets(counts) {
      counted = counts;
      // The lists are drawn again: a reader on the keyboard keeps the box they were on.
      var focused = document.activeElement;
      var keep = focused && facetBox.contains(focused) && focused.type === "checkbox"
        ? [focused.name, focused.value]
        : null;
      var total = chosenCount(state.filters);
      summary.textContent = total ? word("filters") + " (" + total + ")" : word("filters");
      clear.hidden = !total;
      facetBox.querySelectorAll(".sb-sp-facet").forEach(function (set) {
        var name = set.getAttribute("data-facet");
        var values = (counts && counts[name]) || {};
        var picked = state.filters[name] || [];
        var keys = Object.keys(values).filter(function (v) {
          return values[v] > 0 || picked.indexOf(v) >= 0;
        });
        picked.forEach(function (v) {
          if (keys.indexOf(v) < 0) keys.push(v);
        });
        keys.sort(function (a, b) {
          if (name === "year") return a < b ? 1 : a > b ? -1 : 0;
          var pa = picked.indexOf(a) >= 0, pb = picked.indexOf(b) >= 0;
          if (pa !== pb) return pa ? -1 : 1;
          return (values[b] || 0) - (values[a] || 0) || a.localeCompare(b);
        });
        set.hidden = !keys.length;
        var ul = set.querySelector("ul");
        ul.textContent = "";
        var find = set.querySelector(".sb-sp-facet__find");
        find.hidden = !(expanded[name] && keys.length > FACET_FIND_OVER);
        var needle = find.hidden ? "" : fold(find.value.trim());
        var listed = !needle ? keys : keys.filter(function (v) {
          return picked.indexOf(v) >= 0 || fold(v).indexOf(needle) >= 0;
        });
        var limit = expanded[name] ? FACET_LISTED_MAX : FACET_VALUES;
        listed.slice(0, Math.max(limit, picked.length)).forEach(function (value) {
          var li = element("li");
          var label = element("label", { class: "sb-sp-value" });
          var box = element("input", { type: "checkbox", name: name, value: value });
          box.checked = picked.indexOf(value) >= 0;
          label.appendChild(box);
          var shown = name === "type" ? kindWord(value) : value;
          label.appendChild(element("span", { class: "sb-sp-value__name" }, shown));
          if (values[value] !== undefined) {
            label.appendChild(element("span", { class: "sb-count" }, number(values[value])));
          }
          li.appendChild(label);
          ul.appendChild(li);
        });
        var more = set.querySelector(".sb-sp-facet__more");
        more.hidden = keys.length <= FACET_VALUES;
        more.textContent = expanded[name] ? word("showFewer") : word("showAll", { n: number(keys.length) });
        more.setAttribute("aria-expanded", expanded[name] ? "true" : "false");
        more.setAttribute("aria-label", more.textContent + " · " + set.querySelector("legend").textContent);
      });
      chosen.textContent = "";
      FACETS.forEach(function (facet) {
        (state.filters[facet[0]] || []).forEach(function (value) {
          var li = element("li");
          var button = element("button", {
            type: "button",
            class: "sb-sp-chip",
            "data-facet": facet[0],
            "data-value": value,
            "aria-label": word("remove") + " " + facet[1] + ": " + (facet[0] === "type" ? kindWord(value) : value),
          });
          button.appendChild(element("span", { class: "sb-sp-chip__facet" }, facet[1] + ": "));
          button.appendChild(document.createTextNode(facet[0] === "type" ? kindWord(value) : value));
          button.appendChild(element("span", { "aria-hidden": "true", class: "sb-sp-chip__x" }, " ×"));
          li.appendChild(button);
          chosen.appendChild(li);
        });
      });
      chosen.hidden = !chosen.childElementCount;
      // Nothing to filter by (no results, no choice): no "Filters" line, no empty column.
      var bare = !total && !facetBox.querySelector(".sb-sp-facet:not([hidden])");
      panel.hidden = bare;
      body.classList.toggle("sb-sp-body--bare", bare);
      if (keep) {
        facetBox.querySelectorAll("input[type=checkbox]").forEach(function (box) {
          if (box.name === keep[0] && box.value === keep[1]) box.focus({ preventScroll: true });
        });
      }
    }

    // Counts for the current view: of every facet's values among the results; for an "any"
    // facet with chosen values, among the results without that facet's choice (what ticking
    // another outlet would add).
    function countFacets(pagefind, response, id) {
      var counts = Object.assign({}, response.filters || {});
      var again = FACETS.filter(function (facet) {
        if (facet[0] === "type" && !state.term) return true; // browsing: articles, unless chosen
        return facet[2] === "any" && (state.filters[facet[0]] || []).length;
      });
      return Promise.all(again.map(function (facet) {
        return pagefind
          .search(state.term || null, { filters: pagefindFilters(state.filters, facet[0]) })
          .then(function (other) {
            counts[facet[0]] = (other.filters || {})[facet[0]] || {};
          });
      })).then(function () {
        if (id !== runId) return;
        showFacets(counts);
        host.setAttribute("data-sb-counted", ""); // for tests and measurements: all done
      });
    }

    function showNames(id) {
      names.textContent = "";
      names.hidden = true;
      var lookup = window.sbNames && window.sbNames.lookup;
      if (!state.term || typeof lookup !== "function") return Promise.resolve();
      return Promise.resolve()
        .then(function () {
          return window.sbNames.lookup(state.term);
        })
        .then(function (found) {
          if (id !== runId || !found) return null;
          var box = document.createDocumentFragment();
          var suggest = found.suggest;
          if (suggest && suggest.name) {
            var line = element("p", { class: "sb-sp-suggest" });
            var parts = word("didYouMean", { name: "\u0000" }).split("\u0000");
            line.appendChild(document.createTextNode(parts[0]));
            var link = element("a", {}, suggest.name);
            link.href = viewUrl({ term: suggest.name, filters: {}, sort: "", page: 1 }, base);
            link.setAttribute("data-term", suggest.name);
            line.appendChild(link);
            line.appendChild(document.createTextNode(parts[1] || ""));
            box.appendChild(line);
          }
          var entries = (found.entries || []).filter(function (e) {
            return e && e.name && e.url;
          });
          if (entries.length) {
            var ul = element("ul", { class: "sb-sp-entries", "aria-label": word("matches") });
            entries.slice(0, 6).forEach(function (entry) {
              var li = element("li", { class: "sb-sp-entry" });
              var link = element("a", { href: safeHref(new URL(entry.url, root).href) });
              link.appendChild(element("span", { class: "sb-sp-entry__name" }, entry.name));
              var about = [kindWord(entry.kind)];
              if (entry.count !== undefined && entry.count !== null) about.push(articlesWord(entry.count));
              link.appendChild(element("span", { class: "sb-sp-entry__meta" }, about.filter(Boolean).join(" · ")));
              if (entry.matched && entry.matched !== entry.name) {
                link.appendChild(element("span", { class: "sb-sp-entry__matched" }, "“" + entry.matched + "”"));
              }
              li.appendChild(link);
              ul.appendChild(li);
            });
            box.appendChild(ul);
          }
          if (box.childNodes.length) {
            names.appendChild(box);
            names.hidden = false;
          }
          return found;
        })
        .catch(function (error) {
          console.warn("site-builder search: names:", error && error.message);
          return null;
        });
    }

    // The results of `view` on the page: the cards, the status line, the pager.
    function showResults(view, data, n, pages, instead) {
      list.textContent = "";
      data.forEach(function (d) {
        list.appendChild(resultCard(d, view.term));
      });
      var line;
      if (!n) line = view.term ? word("none", { q: view.term }) : word("noneFiltered");
      else if (instead) line = count("instead", n, { q: view.term, name: instead });
      else if (view.term) line = count("found", n, { q: view.term });
      else line = count("listed", n);
      if (pages > 1) {
        line += " · " + word("range", {
          from: number((view.page - 1) * PER_PAGE + 1),
          to: number((view.page - 1) * PER_PAGE + data.length),
          n: number(n),
        });
      }
      status.textContent = line;
      pager(nav, view, pages, base);
      if (focusResults) {
        focusResults = false;
        list.focus({ preventScroll: true });
      }
      host.removeAttribute("aria-busy");
      host.setAttribute("data-sb-results", String(n));
    }

    // How many pages `n` results make; 0 if the view asks for a page past the last, which
    // is then shown instead (a shared link to page 9 of what is now 8 pages).
    function pageCount(view, n) {
      var pages = Math.max(1, Math.ceil(n / PER_PAGE));
      if (view.page <= pages) return pages;
      go(Object.assign({}, view, { page: pages }), false);
      return 0;
    }

    // Browsing without a query: the catalogue's articles and counts; only the title files of
    // the articles shown are loaded.
    function fromCatalogue(cat, view, id) {
      var browsed = browseCatalogue(cat, view);
      var found = browsed.found;
      var pages = pageCount(view, found.length);
      if (!pages) return null;
      var shown = found.slice((view.page - 1) * PER_PAGE, view.page * PER_PAGE);
      return Promise.all(shown.map(function (position) {
        return catalogueCard(cat, position);
      })).then(function (data) {
        if (id !== runId) return null;
        showResults(view, data, found.length, pages, "");
        showFacets(browsed.counts);
        host.setAttribute("data-sb-counted", "");
        return null;
      });
    }

    function run() {
      var id = ++runId;
      var view = state;
      if (document.activeElement !== input) input.value = view.term;
      sortSelect.value = sortOf(view);
      sortSelect.querySelector('option[value="relevance"]').disabled = !view.term;
      status.textContent = word("searching");
      host.setAttribute("aria-busy", "true");
      host.removeAttribute("data-sb-counted");
      // Shown with the results, not after them (the results would move down), unless the
      // names take longer than NAMES_WAIT_MS.
      var namesFound = showNames(id);
      var namesShown = Promise.race([namesFound, delay(NAMES_WAIT_MS)]);
      var instead = ""; // the name searched for instead of a query that finds nothing
      if (counted) showFacets(counted); // the chosen values at once; counts follow
      var pagefind;
      var complete = false; // whether the search ran with the filter index loaded
      function viaPagefind() {
        return pageApi()
          .then(function (api) {
            pagefind = api;
            // Browsing needs the facets before anything else; a query shows its results first.
            return view.term ? null : loadFilters(pagefind);
          })
          .then(function () {
            complete = filtersLoaded;
            return pagefind.search(view.term || null, {
              filters: browseFilters(view),
              sort: pagefindSort(view),
            });
          })
          .then(function (response) {
            // Nothing for a misspelled name ("Gisheburyn"): the results for the name it is
            // close to, said so above them, as a reader expects of a search box.
            if (id !== runId || response.results.length || !view.term) return response;
            return namesFound.then(function (found) {
              // The name it is close to, or the name it is a case of («Сулейменнің»).
              var other = found && ((found.suggest && found.suggest.name) ||
                (found.entries && found.entries.length && found.entries[0].name));
              if (id !== runId || !other || other === view.term) return response;
              return pagefind
                .search(other, { filters: browseFilters(view), sort: pagefindSort(view) })
                .then(function (again) {
                  if (!again.results.length) return response;
                  instead = other;
                  return again;
                });
            });
          })
          .then(function (response) {
            if (id !== runId) return null;
            var found = response.results;
            var pages = pageCount(view, found.length);
            if (!pages) return null;
            var shown = found.slice((view.page - 1) * PER_PAGE, view.page * PER_PAGE);
            var fragments = Promise.all(shown.map(function (r) { return r.data(); }));
            return Promise.all([fragments, namesShown]).then(function (both) {
              var data = both[0];
              if (id !== runId) return null;
              showResults(view, data, found.length, pages, instead);
              // The facet counts, once the results are on screen (the filter index does not
              // compete with the fragments for the network).
              return loadFilters(pagefind).then(function () {
                if (id !== runId) return null;
                var counting = !complete
                  ? pagefind.search(instead || view.term || null, { filters: browseFilters(view) })
                  : Promise.resolve(response);
                return counting.then(function (again) {
                  return id === runId ? countFacets(pagefind, again, id) : null;
                });
              });
            });
          });
      }

      // Browsing articles: the catalogue, unless one of its files cannot be loaded.
      var answer = catalogueAnswers(view)
        ? loadCatalogue()
            .then(function (cat) {
              return fromCatalogue(cat, view, id);
            })
            .catch(function (error) {
              if (id !== runId) return null;
              console.warn("site-builder search: catalogue:", error && error.message);
              return viaPagefind();
            })
        : viaPagefind();
      answer
        .catch(function (error) {
          if (id !== runId) return;
          host.removeAttribute("aria-busy");
          host.setAttribute("data-sb-error", "");
          status.textContent = word("unavailable");
          console.warn("site-builder search:", error && error.message);
        });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var term = input.value.trim();
      var next = { term: term, filters: state.filters, sort: "", page: 1 };
      if (state.sort && (term || state.sort !== "relevance")) next.sort = state.sort === "relevance" ? "" : state.sort;
      go(next, true);
    });
    facetBox.addEventListener("change", function (event) {
      var box = event.target;
      if (!box || box.type !== "checkbox") return;
      var filters = {};
      Object.keys(state.filters).forEach(function (k) {
        filters[k] = state.filters[k].slice();
      });
      var values = filters[box.name] || [];
      if (box.checked && values.indexOf(box.value) < 0) values.push(box.value);
      if (!box.checked) values = values.filter(function (v) { return v !== box.value; });
      if (values.length) filters[box.name] = values;
      else delete filters[box.name];
      go({ term: state.term, filters: filters, sort: state.sort, page: 1 }, true);
    });
    facetBox.addEventListener("input", function (event) {
      if (event.target.classList.contains("sb-sp-facet__find")) showFacets(counted);
    });
    facetBox.addEventListener("click", function (event) {
      var more = event.target.closest && event.target.closest(".sb-sp-facet__more");
      if (!more) return;
      var name = more.parentNode.getAttribute("data-facet");
      expanded[name] = !expanded[name];
      showFacets(counted);
    });
    clear.addEventListener("click", function () {
      go({ term: state.term, filters: {}, sort: state.sort, page: 1 }, true);
    });
    chosen.addEventListener("click", function (event) {
      var chip = event.target.closest && event.target.closest(".sb-sp-chip");
      if (!chip) return;
      var name = chip.getAttribute("data-facet");
      var value = chip.getAttribute("data-value");
      var filters = {};
      Object.keys(state.filters).forEach(function (k) {
        var kept = state.filters[k].filter(function (v) { return k !== name || v !== value; });
        if (kept.length) filters[k] = kept;
      });
      go({ term: state.term, filters: filters, sort: state.sort, page: 1 }, true);
    });
    sortSelect.addEventListener("change", function () {
      go({ term: state.term, filters: state.filters, sort: sortSelect.value, page: 1 }, true);
    });
    nav.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-page]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
      event.preventDefault();
      focusResults = true;
      go(Object.assign({}, state, { page: Number(link.getAttribute("data-page")) }), true);
      bar.scrollIntoView({ block: "start" });
    });
    names.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-term]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
      event.preventDefault();
      go({ term: link.getAttribute("data-term"), filters: {}, sort: "", page: 1 }, true);
    });
    window.addEventListener("popstate", function () {
      if (!host.isConnected) return;
      state = readState();
      input.value = state.term;
      run();
    });

    if (!document.documentElement.hasAttribute("data-sb-slash")) {
      document.documentElement.setAttribute("data-sb-slash", "");
      document.addEventListener("keydown", function (event) {
        if (event.key !== "/" || event.altKey || event.ctrlKey || event.metaKey) return;
        var active = document.activeElement;
        if (active && (/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) || active.isContentEditable)) {
          return;
        }
        var field = document.getElementById("sb-sp-q");
        if (!field) return;
        event.preventDefault();
        field.focus();
        field.select();
      });
    }

    input.value = state.term;
    var url = viewUrl(state, base);
    if (url !== location.href) history.replaceState(null, "", url); // tidy a hand-made URL
    if (!state.term && !chosenCount(state.filters) && wide.matches) input.focus();
    run();
  }

  function setup() {
    var host = document.getElementById("sb-search");
    if (!host) {
      mountHeader();
      return;
    }
    mountPage(host);
  }

  // On every page, Material's instant navigation included (archive.js, loaded first).
  window.siteBuilder.onEveryPage(setup);
})();

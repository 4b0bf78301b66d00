/*
 * site-builder search: Pagefind (>= 1.5) wired to the archive.
 *
 * Every page: a search box in Material's header (or in an element with class
 * "sb-search-header" if the template provides one), a small combobox of our own over
 * Pagefind's JavaScript API. "/" focuses it, results drop down as you type (from two
 * characters), Enter opens the search page with ?q= (after choosing a result with the arrow
 * keys, Enter opens that result instead).
 *
 * The search page is any page with an element id="sb-search": Pagefind's Component UI gives
 * it an input, one facet
 * dropdown with counts per filter (outlet, year, language, person, organization, topic, type),
 * a summary and the results with highlighted excerpts. The query and the facets are kept in the
 * URL (?q=...&outlet=...&person=...&person=...), so a search can be shared and bookmarked.
 * Facets refine a query; browsing without one is what the outlet, topic and year pages are for.
 *
 * Works under a strict Content-Security-Policy: no inline script or style, no eval. It loads
 * Pagefind's own files from <site root>/pagefind/; Pagefind compiles WebAssembly, which needs
 * script-src 'wasm-unsafe-eval' and runs in a worker from the same origin (worker-src 'self').
 */
(function () {
  "use strict";

  var FACETS = [
    ["outlet", "Outlet"],
    ["year", "Year"],
    ["language", "Language"],
    ["person", "Person"],
    ["organization", "Organization"],
    ["topic", "Topic"],
    ["type", "Type"],
  ];
  // "names" is the metadata entity pages carry (name and aliases): a query for a person's
  // name puts the person's page first. Title keeps Pagefind's default boost.
  var RANKING = { metaWeights: { title: 5, names: 50 } };
  var PAGE = "sb-page";
  var RESULT_TEMPLATE = [
    '<li class="pf-result"><div class="pf-result-card"><div class="pf-result-content">',
    '<p class="pf-result-title"><a class="pf-result-link"',
    ' href="{{ meta.url | default(url) | safeUrl }}">{{ meta.title }}</a></p>',
    '{{#if meta.type}}<p class="sb-result-meta"><span class="sb-result-type">{{ meta.type }}</span>',
    "{{#if meta.outlet}} · {{ meta.outlet }}{{/if}}{{#if meta.date}} · {{ meta.date }}{{/if}}</p>{{/if}}",
    '{{#if excerpt}}<p class="pf-result-excerpt">{{+ excerpt +}}</p>{{/if}}',
    "</div></div></li>",
  ].join("");

  var root = siteRoot();
  var bundle = new URL("pagefind/", root).href;
  var searchPage = new URL("search/", root).href;
  var loading = null;

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
    var url = new URL(searchPage);
    if (term) url.searchParams.set("q", term);
    FACETS.forEach(function (facet) {
      [].concat((filters && filters[facet[0]]) || []).forEach(function (value) {
        url.searchParams.append(facet[0], value);
      });
    });
    return url.href;
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    var filters = {};
    FACETS.forEach(function (facet) {
      var values = params.getAll(facet[0]).filter(Boolean);
      if (values.length) filters[facet[0]] = values;
    });
    return { term: (params.get("q") || "").trim(), filters: filters };
  }

  function element(name, attributes) {
    var node = document.createElement(name);
    Object.keys(attributes).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    return node;
  }

  function components() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.PagefindComponents) return resolve(window.PagefindComponents);
        document.head.appendChild(
          element("link", { rel: "stylesheet", href: bundle + "pagefind-component-ui.css" })
        );
        var script = element("script", { src: bundle + "pagefind-component-ui.js" });
        script.onload = function () {
          if (window.PagefindComponents) resolve(window.PagefindComponents);
          else reject(new Error(script.src + " defined no PagefindComponents"));
        };
        script.onerror = function () {
          reject(new Error("could not load " + script.src));
        };
        document.head.appendChild(script);
      }).then(function (pagefind) {
        pagefind.configureInstance(PAGE, {
          bundlePath: bundle,
          baseUrl: new URL(root).pathname,
          excerptLength: 24,
          ranking: RANKING,
        });
        return pagefind;
      });
    }
    return loading;
  }

  function instance(pagefind, name) {
    return pagefind.getInstanceManager().getInstance(name);
  }

  // The Component UI loads every filter index as it starts (pagefind.filters(): about 260 KB
  // gzipped for 10,000 articles), before the first query can run. The header shows no facets
  // and the search page needs them only once there are results: give the instance a Pagefind
  // made as the Component UI makes it, minus that call. These are Component UI internals (1.5);
  // if they change, this does nothing and the filters load up front as before.
  function withoutFilterIndex(target) {
    if (typeof target.__load__ !== "function" || target.__pagefind__ !== null) return false;
    var ready = null;
    target.__load__ = function () {
      if (!ready) {
        ready = import(bundle + "pagefind.js").then(function (module) {
          target.__pagefind__ = module.createInstance(target.pagefindOptions || {});
        });
      }
      return ready;
    };
    return true;
  }

  // -- The header box ---------------------------------------------------------------------
  // Our own small combobox over Pagefind's JavaScript API: every page has it, and loading the
  // Component UI (175 KB) for it would make each reader's first query that much heavier.

  var MIN_CHARS = 2; // one letter matches half the index: wait for a second
  var HEADER_RESULTS = 8;
  var DEBOUNCE_MS = 150;
  var headerPagefind = null;

  function pagefindApi() {
    if (!headerPagefind) {
      headerPagefind = import(bundle + "pagefind.js").then(function (pagefind) {
        return pagefind
          .options({ baseUrl: new URL(root).pathname, excerptLength: 18, ranking: RANKING })
          .then(function () {
            return pagefind;
          });
      });
    }
    return headerPagefind;
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
    link.appendChild(title);
    var line = [meta.type, meta.outlet, meta.date].filter(Boolean).join(" · ");
    if (line) {
      var about = element("span", { class: "sb-search-hit__meta" });
      about.textContent = line;
      link.appendChild(about);
    }
    if (data.excerpt) {
      var excerpt = element("span", { class: "sb-search-hit__excerpt" });
      excerpt.innerHTML = data.excerpt; // Pagefind escapes the text; it adds only <mark>
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
      placeholder: "Search the archive",
      "aria-label": "Search the archive (press / to focus)",
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
    var list = element("ul", { id: "sb-search-list", role: "listbox", "aria-label": "Results" });
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
      status.textContent = total
        ? total + " result" + (total === 1 ? "" : "s") + " for “" + term + "”"
        : "No results for “" + term + "”";
      all.hidden = !total;
      all.href = searchUrl(term);
      all.textContent = "All results for “" + term + "”, with filters →";
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
            status.textContent = "Search is not available right now.";
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

  function mountPage(pagefind, host) {
    if (host.hasAttribute("data-sb-mounted")) return;
    host.setAttribute("data-sb-mounted", "");
    host.textContent = ""; // the no-JavaScript fallback

    var facets = element("div", { class: "sb-search-facets" });
    FACETS.forEach(function (facet) {
      facets.appendChild(
        element("pagefind-filter-dropdown", {
          instance: PAGE,
          filter: facet[0],
          label: facet[1],
          sort: facet[0] === "year" ? "alphabetical" : "count-desc",
          wrap: "",
        })
      );
    });
    var results = element("pagefind-results", { instance: PAGE, "hide-sub-results": "" });
    var template = element("script", { type: "text/pagefind-template" });
    template.textContent = RESULT_TEMPLATE;
    results.appendChild(template); // read when the element connects: append it first

    // Not "faceted": an empty query would list every page, and to do so Pagefind fetches every
    // chunk of the word index (15 MB for 10,000 articles).
    var state = fromUrl();
    var input = element("pagefind-input", {
      instance: PAGE,
      placeholder: "Search articles, people, organizations…",
    });
    // A focused input ignores the query set from the URL; focus only an empty search.
    if (!state.term) input.setAttribute("autofocus", "");
    host.appendChild(input);
    host.appendChild(facets);
    host.appendChild(element("pagefind-summary", { instance: PAGE }));
    host.appendChild(results);

    var page = instance(pagefind, PAGE);
    if (withoutFilterIndex(page)) {
      // Facet counts come once the first results are shown (so the filter index does not
      // compete with them for the network): load the filter index, then count again.
      var counted = false;
      page.on("results", function (found) {
        var shown = ((found && found.results) || []).slice(0, 5);
        if (counted || !shown.length || !page.__pagefind__ || !page.searchTerm) return;
        counted = true;
        Promise.all(shown.map(function (result) { return result.data(); }))
          .then(function () {
            return page.__pagefind__.filters();
          })
          .then(function () {
            page.triggerSearchWithFilters(page.searchTerm, page.searchFilters);
          });
      });
    }
    page.on("filters", function (found) {
      var total = (found && found.total) || {};
      facets.querySelectorAll("pagefind-filter-dropdown").forEach(function (dropdown) {
        var values = total[dropdown.getAttribute("filter")];
        dropdown.hidden = !values || !Object.keys(values).length;
      });
    });
    page.on("search", function (term, filters) {
      var url = searchUrl(term, filters);
      if (url !== location.href) history.replaceState(history.state, "", url);
    });
    if (state.term) page.triggerSearchWithFilters(state.term, state.filters);

    if (!document.documentElement.hasAttribute("data-sb-slash")) {
      document.documentElement.setAttribute("data-sb-slash", "");
      document.addEventListener("keydown", function (event) {
        if (event.key !== "/" || event.altKey || event.ctrlKey || event.metaKey) return;
        var active = document.activeElement;
        if (active && (/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) || active.isContentEditable)) {
          return;
        }
        var field = document.querySelector("#sb-search pagefind-input input");
        if (!field) return;
        event.preventDefault();
        field.focus();
        field.select();
      });
    }
  }

  function setup() {
    var host = document.getElementById("sb-search");
    if (!host) {
      mountHeader();
      return;
    }
    components().then(
      function (pagefind) {
        mountPage(pagefind, host);
      },
      function (error) {
        host.textContent = "Search is not available: the search index was not found. ";
        host.setAttribute("data-sb-error", "");
        console.warn("site-builder search:", error.message);
      }
    );
  }

  // On every page, Material's instant navigation included (archive.js, loaded first).
  window.siteBuilder.onEveryPage(setup);
})();

/*
 * site-builder: an entry's articles, filtered in the page (people, organizations, outlets,
 * topics).
 *
 * The page lists the first articles of each role without JavaScript. This script shows the
 * filters above them (role, outlet, year, with whom) and reads the same filters from the URL
 * (`?role=quoted`, `?outlet=<id>`, `?year=2024`, `?month=2024-06`, `?with=people/<id>`), which
 * is where the timeline's bars and years and the "Appears with" counts lead: it then fetches
 * the entry's browse.json (written beside the page by the build: see data/entries.py), lists
 * the articles that match with their count, and keeps the filters in the URL so that the view
 * can be shared. The count is announced politely (role="status"); "Show all" clears them.
 *
 * The interface's words come from the page (data-sb-* attributes, option labels), so that the
 * templates hold every word. No inline script, no eval: it runs under the site's CSP.
 */
(function () {
  "use strict";

  var FILTERS = ["role", "outlet", "year", "month", "with"];
  var ROLE_BITS = { quoted: 1, author: 2, mentioned: 4, outlet: 8 }; // data/entries.py
  var PAGE = 50; // articles rendered at a time
  var cache = {};

  function load(box) {
    var url = new URL(box.getAttribute("data-sb-browse"), document.baseURI).href;
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        return response.json();
      });
      cache[url].catch(function () {
        delete cache[url]; // try again next time
      });
    }
    return cache[url];
  }

  function filtersOf(search) {
    var params = new URLSearchParams(search);
    var out = {};
    FILTERS.forEach(function (name) {
      var value = params.get(name);
      if (value) out[name] = value;
    });
    return out;
  }

  function isEmpty(filters) {
    return Object.keys(filters).length === 0;
  }

  // The rows of browse.json that every filter keeps.
  function select(filters, data) {
    var together = -1; // the position of `with` among the entries browse.json names
    data["with"].forEach(function (w, i) {
      if (w[0] === filters["with"]) together = i;
    });
    return data.articles.filter(function (row) {
      var date = row[2];
      if (filters.role && !(row[5] & (ROLE_BITS[filters.role] || 0))) return false;
      if (filters.outlet && row[4] !== filters.outlet) return false;
      if (filters.year && date.slice(0, 4) !== filters.year) return false;
      if (filters.month && date.slice(0, 7) !== filters.month) return false;
      if (filters["with"] && (row[6] || []).indexOf(together) < 0) return false;
      return true;
    });
  }

  // "12 June 2025", "June 2025" or "2025", as the site writes dates in its language
  // (core/i18n.py, CLDR's patterns, which the browser's Intl has too: "2 января 2025 г.",
  // "2025 ж. 2 қаңтар"); English is day first, as en-GB writes it.
  function humanDate(iso) {
    var parts = iso.split("-");
    if (parts.length === 1) return parts[0];
    var lang = document.documentElement.lang || "en";
    var options = { year: "numeric", month: "long", timeZone: "UTC" };
    if (parts.length === 3) options.day = "numeric";
    var date = new Date(Date.UTC(+parts[0], +parts[1] - 1, parts[2] ? +parts[2] : 1));
    try {
      return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, options).format(date);
    } catch (error) {
      return iso;
    }
  }

  // One article, as render.py's article_item writes it.
  function item(row, data, box) {
    var root = box.getAttribute("data-sb-root");
    var siteLang = document.documentElement.lang || "en";
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = root + row[0];
    link.textContent = row[1];
    var otherLang = row[3] && row[3] !== siteLang ? row[3] : "";
    if (otherLang) link.lang = otherLang;
    var meta = document.createElement("span");
    if (row[2]) {
      var time = document.createElement("time");
      time.dateTime = row[2];
      time.textContent = humanDate(row[2]);
      meta.appendChild(time);
    } else {
      meta.appendChild(document.createTextNode(box.getAttribute("data-sb-undated") || "undated"));
    }
    var extra = [];
    if (row[4] && data.outlets[row[4]]) extra.push(data.outlets[row[4]]);
    if (otherLang) extra.push(otherLang.toUpperCase());
    extra.forEach(function (text) {
      meta.appendChild(document.createTextNode(" · " + text));
    });
    li.appendChild(link);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(meta);
    return li;
  }

  // What the filters say, in words: "Quoted · Central Asia Wire · 2024 · with Jane Doe".
  function describe(filters, box, form, data) {
    var words = [];
    ["role", "outlet", "year", "with"].forEach(function (name) {
      var value = filters[name];
      if (!value) return;
      var select = form && form.elements[name];
      var option = select && Array.prototype.find.call(select.options, function (o) {
        return o.value === value;
      });
      var label = option ? option.textContent.replace(/\s*\(\d+\)$/, "") : value;
      if (name === "with") {
        if (!option) {
          var known = data["with"].find(function (w) {
            return w[0] === value;
          });
          label = known ? known[1] : value;
        }
        label = box.getAttribute("data-sb-with").split("{name}").join(label);
      }
      words.push(label);
    });
    if (filters.month) words.push(humanDate(filters.month));
    return words.join(" · ");
  }

  // "5 articles", "5 статей": the form the language's plural rules choose for n, from the
  // page's forms by CLDR category (data-sb-count).
  function count(n, box) {
    var lang = document.documentElement.lang || "en";
    var forms = {};
    try {
      forms = JSON.parse(box.getAttribute("data-sb-count") || "{}");
    } catch (error) {
      // no forms: the number alone
    }
    var text = forms[new Intl.PluralRules(lang).select(n)] || forms.other || "{n}";
    return text.split("{n}").join(Number(n).toLocaleString(lang));
  }

  function show(box, filters) {
    var section = box.closest("section");
    var lists = section.querySelector(".sb-by-role");
    var results = box.querySelector(".sb-browse__results");
    var status = box.querySelector(".sb-browse__status");
    var form = box.querySelector("form.sb-filters");
    if (form) {
      FILTERS.forEach(function (name) {
        var select = form.elements[name];
        if (select) select.value = filters[name] || "";
      });
    }
    if (isEmpty(filters)) {
      results.hidden = true;
      results.textContent = "";
      status.textContent = "";
      if (lists) lists.hidden = false;
      return Promise.resolve();
    }
    return load(box).then(
      function (data) {
        var rows = select(filters, data);
        results.textContent = "";
        var head = document.createElement("p");
        head.className = "sb-browse__head";
        var summary = document.createElement("strong");
        summary.textContent = count(rows.length, box);
        head.appendChild(summary);
        head.appendChild(document.createTextNode(" · " + describe(filters, box, form, data) + " "));
        var clear = document.createElement("a");
        clear.href = location.pathname + "#sb-articles";
        clear.className = "sb-browse__clear";
        clear.setAttribute("data-sb-filter", "");
        clear.textContent = box.getAttribute("data-sb-clear");
        head.appendChild(clear);
        results.appendChild(head);
        var list = document.createElement("ul");
        list.className = "sb-list sb-articles";
        results.appendChild(list);
        var shown = 0;
        var more = document.createElement("button");
        more.type = "button";
        more.className = "md-button sb-browse__more";
        function next() {
          rows.slice(shown, shown + PAGE).forEach(function (row) {
            list.appendChild(item(row, data, box));
          });
          shown = Math.min(rows.length, shown + PAGE);
          more.hidden = shown >= rows.length;
          more.textContent =
            box.getAttribute("data-sb-more") + " (" + shown + " / " + rows.length + ")";
        }
        more.addEventListener("click", next);
        next();
        results.appendChild(more);
        results.hidden = false;
        if (lists) lists.hidden = true;
        status.textContent = summary.textContent + " · " + describe(filters, box, form, data);
      },
      function () {
        status.textContent = box.getAttribute("data-sb-error");
        results.textContent = status.textContent;
        results.hidden = false;
      }
    );
  }

  // `?with=people/x`, as the page's own links write it: a slash needs no escape in a query.
  function urlWith(filters, hash) {
    var query = FILTERS.filter(function (name) {
      return filters[name];
    })
      .map(function (name) {
        return name + "=" + encodeURIComponent(filters[name]).replace(/%2F/g, "/");
      })
      .join("&");
    return location.pathname + (query ? "?" + query : "") + (hash || "");
  }

  function focusArticles() {
    var heading = document.getElementById("sb-articles");
    if (!heading) return;
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  }

  function setup() {
    var box = document.querySelector(".sb-browse[data-sb-browse]");
    if (!box || box.getAttribute("data-sb-ready")) return;
    box.setAttribute("data-sb-ready", "1");
    var form = box.querySelector("form.sb-filters");
    if (form) {
      form.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
      form.addEventListener("change", function () {
        var filters = filtersOf(location.search);
        delete filters.month; // a chosen year or none replaces a month from the timeline
        FILTERS.forEach(function (name) {
          var select = form.elements[name];
          if (!select) return;
          if (select.value) filters[name] = select.value;
          else delete filters[name];
        });
        history.pushState(null, "", urlWith(filters, location.hash));
        show(box, filters);
      });
    }
    // Links to this page with other filters (timeline, "Appears with", counts, "Show all")
    // change the list without loading the page again.
    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var link = event.target.closest && event.target.closest("a");
      if (!link || !document.body.contains(box)) return;
      var raw = link.getAttribute("href") || link.getAttribute("xlink:href");
      if (!raw) return;
      var target = new URL(raw, location.href);
      if (target.origin !== location.origin || target.pathname !== location.pathname) return;
      var filters = filtersOf(target.search);
      if (isEmpty(filters) && !link.hasAttribute("data-sb-filter")) return;
      event.preventDefault();
      history.pushState(null, "", urlWith(filters, target.hash));
      show(box, filters).then(focusArticles);
    });
    window.addEventListener("popstate", function () {
      show(box, filtersOf(location.search));
    });
    // A shared link: the browser has scrolled to #sb-articles already; the list grows below.
    var initial = filtersOf(location.search);
    if (!isEmpty(initial)) show(box, initial);
  }

  window.siteBuilder.onEveryPage(setup);
})();

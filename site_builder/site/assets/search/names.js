/*
 * site-builder search: the registry's names, for "Did you mean ...?".
 *
 * window.sbNames.lookup(term) returns a Promise of
 *   { entries: [{name, url, kind, count, matched}], suggest: {name, url, kind, count} | null }
 * - entries: the registry entries the query names, whole words, in any script or usual
 *   romanization ("Kozhor", "Кожор" and "Kojor" name one organization), case and accents
 *   aside; those named by one of their registered spellings first, then by most articles.
 *   `matched` is the spelling that matched, `count` the number of articles, `url` absolute.
 * - suggest: when no registered spelling matches the query as typed, the entry it is closest
 *   to: one it names in another script or romanization ("Gisheburian" for Dinara
 *   Gisheburyan), else one a letter or two away ("Sulejmen", "Gisheburin").
 *
 * The first call fetches <site root>/search/names.json (site_builder/data/names.py), which
 * also carries the rules that fold a name (Cyrillic to Latin, romanization differences set
 * aside: site_builder/core/translit.py), so the query is folded exactly as the names are.
 * sbNames.fold(text) is exposed for tests.
 */
(function () {
  "use strict";

  var MAX_ENTRIES = 8;
  var loading = null;

  // As in search.js: Material's config says where the site starts.
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

  function stripMarks(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "");
  }

  function words(text) {
    return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function folder(spec) {
    var letters = spec.letters;
    var rules = spec.rules.map(function (rule) {
      return [new RegExp(rule[0], "g"), rule[1]];
    });
    return function fold(text) {
      var mapped = "";
      for (var ch of text.normalize("NFC").toLowerCase()) {
        mapped += Object.prototype.hasOwnProperty.call(letters, ch) ? letters[ch] : ch;
      }
      return words(stripMarks(mapped)).map(function (word) {
        rules.forEach(function (rule) {
          word = word.replace(rule[0], rule[1]);
        });
        return word.replace(/(.)\1+/gu, "$1");
      });
    };
  }

  // Case and accents aside, as the registry compares names (core/names.py `key`).
  function literal(text) {
    return words(stripMarks(text.normalize("NFC").toLowerCase()));
  }

  function prepare(data, root) {
    var fold = folder(data.fold);
    var stop = new Set(data.stopwords);
    var byWord = new Map(); // folded word -> Set of entry positions
    var entries = data.entries.map(function (row, at) {
      var spellings = [row[0]].concat(row[4] || []).map(function (text) {
        return { text: text, folded: new Set(fold(text)), literal: new Set(literal(text)) };
      });
      spellings.forEach(function (s) {
        s.folded.forEach(function (w) {
          if (!byWord.has(w)) byWord.set(w, new Set());
          byWord.get(w).add(at);
        });
      });
      return {
        name: row[0],
        url: new URL(row[1], root).href,
        kind: data.kinds[row[2]],
        count: row[3],
        spellings: spellings,
      };
    });
    return { fold: fold, stop: stop, byWord: byWord, entries: entries };
  }

  function load() {
    if (!loading) {
      var root = siteRoot();
      var url = new URL("search/names.json", root).href;
      loading = fetch(url)
        .then(function (response) {
          if (!response.ok) throw new Error(url + ": " + response.status);
          return response.json();
        })
        .then(function (data) {
          return prepare(data, root);
        });
      loading.catch(function () {
        loading = null; // try again on the next call
      });
    }
    return loading;
  }

  // How far a word may be from a name's word: none for short words, one letter from four,
  // two from eight.
  function allowance(word) {
    return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
  }

  // Edit distance with adjacent transpositions (optimal string alignment), or limit + 1 once
  // it exceeds `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) {
          rows[0].push(j);
          continue;
        }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, rows[i - 2][j - 2] + 1);
        }
        rows[i].push(d);
      }
      if (i > 0 && Math.min.apply(null, rows[i]) > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  function card(entry) {
    return { name: entry.name, url: entry.url, kind: entry.kind, count: entry.count };
  }

  function byCount(index) {
    return function (a, b) {
      return index.entries[b].count - index.entries[a].count || a - b;
    };
  }

  function closest(index, query) {
    // entry position -> summed distance, for entries near every query word
    var total = null;
    query.forEach(function (word) {
      var limit = allowance(word);
      var near = new Map();
      index.byWord.forEach(function (positions, known) {
        var d = known === word ? 0 : limit ? distance(word, known, limit) : 1;
        if (d > limit) return;
        positions.forEach(function (at) {
          if (!near.has(at) || near.get(at) > d) near.set(at, d);
        });
      });
      if (total === null) {
        total = near;
      } else {
        var both = new Map();
        total.forEach(function (d, at) {
          if (near.has(at)) both.set(at, d + near.get(at));
        });
        total = both;
      }
    });
    var best = null;
    (total || new Map()).forEach(function (d, at) {
      var entry = index.entries[at];
      if (
        best === null ||
        d < best.d ||
        (d === best.d && entry.count > index.entries[best.at].count)
      ) {
        best = { d: d, at: at };
      }
    });
    return best && index.entries[best.at];
  }

  function lookup(index, term) {
    var folded = index.fold(term || "");
    var keep = folded.map(function (w) {
      return !index.stop.has(w);
    });
    var query = folded.filter(function (w, i) {
      return keep[i];
    });
    var typed = literal(term || "").filter(function (w) {
      return !index.stop.has(index.fold(w).join(" "));
    });
    if (!query.length) return { entries: [], suggest: null };

    var found = null;
    query.forEach(function (word) {
      var positions = index.byWord.get(word) || new Set();
      found =
        found === null
          ? new Set(positions)
          : new Set(
              [...found].filter(function (at) {
                return positions.has(at);
              })
            );
    });
    var hits = [...found].sort(byCount(index)).map(function (at) {
      var entry = index.entries[at];
      var exact = entry.spellings.find(function (s) {
        return typed.every(function (w) {
          return s.literal.has(w);
        });
      });
      var matched =
        exact ||
        entry.spellings.reduce(function (best, s) {
          var n = query.filter(function (w) {
            return s.folded.has(w);
          }).length;
          return n > best.n ? { n: n, s: s } : best;
        }, { n: -1, s: entry.spellings[0] }).s;
      var out = card(entry);
      out.matched = matched.text;
      return { exact: Boolean(exact), out: out };
    });
    hits.sort(function (a, b) {
      return b.exact - a.exact;
    });
    var entries = hits.slice(0, MAX_ENTRIES).map(function (h) {
      return h.out;
    });
    var suggest = null;
    if (!hits.some(function (h) { return h.exact; })) {
      if (hits.length) {
        suggest = card(hits[0].out);
      } else {
        var near = closest(index, query);
        if (near) suggest = card(near);
      }
    }
    return { entries: entries, suggest: suggest };
  }

  window.sbNames = {
    lookup: function (term) {
      return load().then(function (index) {
        return lookup(index, term);
      });
    },
    fold: function (text) {
      return load().then(function (index) {
        return index.fold(text).join(" ");
      });
    },
  };
})();

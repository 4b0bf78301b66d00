/*
 * site-builder search: the registry's names, for "Did you mean ...?".
 *
 * window.sbNames.lookup(term) returns a Promise of
 *   { entries: [{name, url, kind, count, matched}], suggest: {name, url, kind, count} | null }
 * - entries: the registry entries the query names, whole words, in any script or usual
 *   romanization ("Kozhor", "Кожор" and "Kojor" name one organization) or grammatical case
 *   («Ластаеву», «Сулейменнің» name their person), case and accents aside; those named by one of their registered spellings first, then by most articles.
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

  // Words as typed, lowercase, accents kept for now: letters, digits and their marks.
  function tokens(text) {
    return (text || "")
      .normalize("NFC")
      .toLowerCase()
      .split(/[^\p{L}\p{N}\p{M}]+/u)
      .filter(Boolean);
  }

  // One word's fold (core/translit.py `fold`): letters to Latin, accents dropped, the rules
  // in order, doubled letters once.
  function wordFolder(spec) {
    var letters = spec.letters;
    var rules = spec.rules.map(function (rule) {
      return [new RegExp(rule[0], "g"), rule[1]];
    });
    return function (word) {
      var mapped = "";
      for (var ch of word) {
        mapped += Object.prototype.hasOwnProperty.call(letters, ch) ? letters[ch] : ch;
      }
      mapped = stripMarks(mapped);
      rules.forEach(function (rule) {
        mapped = mapped.replace(rule[0], rule[1]);
      });
      return mapped.replace(/(.)\1+/gu, "$1");
    };
  }

  // The words of `text`, each as typed (case and accents aside, as the registry compares
  // names) and folded.
  function parse(index, text) {
    return tokens(text)
      .map(function (token) {
        return { typed: stripMarks(token), folded: index.foldWord(token) };
      })
      .filter(function (w) {
        return w.folded !== "";
      });
  }

  // data/names.py `packed_forms`: "Сулеймен:а,у;Ластаева:-ой" -> "Сулеймена Сулеймену
  // Ластаевой": each tail replaces as many of the word's last letters as it has "-".
  function unpackForms(packed) {
    var out = [];
    packed.split(";").forEach(function (group) {
      var at = group.lastIndexOf(":");
      var word = group.slice(0, at);
      group.slice(at + 1).split(",").forEach(function (tail) {
        var cut = /^-*/.exec(tail)[0].length;
        out.push(word.slice(0, word.length - cut) + tail.slice(cut));
      });
    });
    return out.join(" ");
  }

  function prepare(data, root) {
    var index = { foldWord: wordFolder(data.fold), stop: new Set(data.stopwords) };
    var byWord = new Map(); // folded word -> Set of entry positions
    index.entries = data.entries.map(function (row, at) {
      var spellings = [row[0]].concat(row[4] || []).map(function (text) {
        var parsed = parse(index, text);
        return {
          text: text,
          typed: new Set(parsed.map(function (w) { return w.typed; })),
          folded: new Set(parsed.map(function (w) { return w.folded; })),
        };
      });
      if (row[5]) {
        // Its names' words in Russian and Kazakh cases: one more spelling of the name, so
        // that «Ластаеву» or «Усена Сулеймена» names the entry as its nominative does. A
        // case form counts in any script («Сүлейменге» as «Сулейменге»); a registered word
        // as typed.
        var typed = new Set();
        spellings.forEach(function (s) {
          s.typed.forEach(function (w) { typed.add(w); });
        });
        var forms = parse(index, unpackForms(row[5]));
        spellings.push({
          text: row[0],
          cases: true,
          typed: typed,
          folded: new Set(forms.map(function (w) { return w.folded; })),
        });
      }
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
    index.byWord = byWord;
    return index;
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
    var rows = [[]];
    for (var j = 0; j <= b.length; j++) rows[0].push(j);
    for (var i = 1; i <= a.length; i++) {
      rows.push([i]);
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, rows[i - 2][j - 2] + 1);
        }
        rows[i].push(d);
        least = Math.min(least, d);
      }
      if (least > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  // entry position -> distance of its nearest word to `word` (0: a word of one of its
  // spellings folds to it), for the entries within the word's allowance.
  function near(index, word) {
    var out = new Map();
    var limit = allowance(word);
    index.byWord.forEach(function (positions, known) {
      var d = known === word ? 0 : limit ? distance(word, known, limit) : limit + 1;
      if (d > limit) return;
      positions.forEach(function (at) {
        if (!out.has(at) || out.get(at) > d) out.set(at, d);
      });
    });
    return out;
  }

  function card(entry) {
    return { name: entry.name, url: entry.url, kind: entry.kind, count: entry.count };
  }

  // True if one spelling of the entry has, as typed (case and accents aside), every query
  // word the entry is near: 'Кожор' for Kozhor Bureau, not 'Kojor' nor 'Kozhar'. Its names'
  // case forms count in any script: «Сүлейменге» is as right as «Сулейменге».
  function spelledAsTyped(entry, words) {
    return entry.spellings.some(function (spelling) {
      return words.every(function (w) {
        return spelling.typed.has(w.typed) || (spelling.cases && spelling.folded.has(w.folded));
      });
    });
  }

  function lookup(index, term) {
    var query = parse(index, term).filter(function (w) {
      return !index.stop.has(w.folded);
    });
    // entry position -> the query words it has (named) and is near, and the summed distance
    var scores = new Map();
    query.forEach(function (w, k) {
      near(index, w.folded).forEach(function (d, at) {
        if (!scores.has(at)) scores.set(at, { at: at, named: [], near: [], d: 0 });
        var score = scores.get(at);
        if (d === 0) score.named.push(query[k]);
        score.near.push(query[k]);
        score.d += d;
      });
    });
    var all = [...scores.values()];
    all.forEach(function (s) {
      s.entry = index.entries[s.at];
      s.exact = spelledAsTyped(s.entry, s.near);
    });
    // The entries the query names: those with the most query words among their own.
    var most = Math.max.apply(null, [0].concat(all.map(function (s) { return s.named.length; })));
    var named = all
      .filter(function (s) {
        return most > 0 && s.named.length === most;
      })
      .sort(function (a, b) {
        return b.exact - a.exact || b.entry.count - a.entry.count || a.at - b.at;
      })
      .slice(0, MAX_ENTRIES)
      .map(function (s) {
        var spelling =
          s.entry.spellings.find(function (sp) {
            return s.named.every(function (w) {
              return sp.typed.has(w.typed);
            });
          }) ||
          s.entry.spellings.find(function (sp) {
            return s.named.every(function (w) {
              return sp.folded.has(w.folded);
            });
          }) ||
          s.entry.spellings[0];
        var out = card(s.entry);
        out.matched = spelling.text;
        return out;
      });
    // The nearest entry: near the most query words, then nearest, then in most articles;
    // none if the query spells it as registered.
    var best = null;
    all.forEach(function (s) {
      if (
        best === null ||
        s.near.length > best.near.length ||
        (s.near.length === best.near.length &&
          (s.d < best.d || (s.d === best.d && s.entry.count > best.entry.count)))
      ) {
        best = s;
      }
    });
    return {
      entries: named,
      suggest: best && !best.exact ? card(best.entry) : null,
    };
  }

  window.sbNames = {
    lookup: function (term) {
      return load().then(function (index) {
        return lookup(index, term);
      });
    },
    fold: function (text) {
      return load().then(function (index) {
        return parse(index, text)
          .map(function (w) {
            return w.folded;
          })
          .join(" ");
      });
    },
  };
})();

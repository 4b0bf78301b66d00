/*
 * site-builder: what article pages do with JavaScript, beyond search (search.js).
 *
 * The "Cite this article" box shows the citation as BibTeX, RIS and CSL-JSON, each copyable.
 * This script gives it a Download button per format, which saves that same text as a file
 * (<id>.bib, .ris, .json) made in the browser from the box, so the site needs no citation file
 * per article. Without JavaScript there are no buttons and the text is there to copy;
 * data/citations.{bib,ris,json} hold every article's citation.
 *
 * No inline script, no eval: it runs under the site's Content-Security-Policy.
 */
(function () {
  "use strict";

  var TYPES = {
    bib: "application/x-bibtex",
    ris: "application/x-research-info-systems",
    json: "application/vnd.citationstyles.csl+json",
  };

  function download(button) {
    var box = button.closest(".sb-cite");
    var format = button.getAttribute("data-sb-download");
    var code = box && box.querySelector('[data-sb-cite="' + format + '"]');
    if (!code) return;
    var text = code.textContent;
    if (format === "ris") text = text.replace(/\r?\n/g, "\r\n"); // RIS lines end in CR LF
    var blob = new Blob([text], { type: TYPES[format] || "text/plain" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = (box.getAttribute("data-sb-id") || "citation") + "." + format;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 10000);
  }

  function setup() {
    document.querySelectorAll(".sb-cite").forEach(function (box) {
      if (box.querySelector(".sb-downloads")) return;
      var row = document.createElement("p");
      row.className = "sb-downloads";
      row.textContent = (window.sbWords && window.sbWords.download) || "Download:";
      box.querySelectorAll("[data-sb-cite]").forEach(function (code) {
        var summary = code.closest("details") && code.closest("details").querySelector("summary");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.setAttribute("data-sb-download", code.getAttribute("data-sb-cite"));
        button.textContent = summary ? summary.textContent : code.getAttribute("data-sb-cite");
        row.appendChild(button);
      });
      box.appendChild(row);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-sb-download]");
    if (button) download(button);
  });

  // Run `setup` on every page: Material's instant navigation swaps pages without reloading
  // and announces each on document$; without it, once the document is parsed. search.js,
  // loaded after this file, uses it too.
  function onEveryPage(setup) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setup);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setup);
    } else {
      setup();
    }
  }

  window.siteBuilder = { onEveryPage: onEveryPage };
  onEveryPage(setup);
})();

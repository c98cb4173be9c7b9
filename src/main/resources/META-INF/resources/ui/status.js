// The status page's behaviour: filter, sort, and refresh every 10 s without losing either.
// Everything it loads comes from the page's own origin (see the Content-Security-Policy).
(function () {
  "use strict";
  var REFRESH_MS = 10000;
  var sort = { column: -1, descending: false };

  function $(id) { return document.getElementById(id); }

  function applyFilter() {
    var namespace = $("filter-namespace").value;
    var state = $("filter-state").value;
    var text = $("filter-text").value.trim().toLowerCase();
    var rows = document.querySelectorAll("#images tbody tr");
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!namespace || row.dataset.namespace === namespace)
        && (!state || row.dataset.state === state)
        && (!text || (row.dataset.search || "").toLowerCase().indexOf(text) >= 0);
      row.classList.toggle("hidden", !visible);
      if (visible) { shown++; }
    });
    $("shown").textContent = shown + " of " + rows.length + " images";
  }

  function applySort() {
    var headers = document.querySelectorAll("#images th[data-sort]");
    headers.forEach(function (th) {
      var column = Number(th.dataset.sort);
      if (column === sort.column) {
        th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
    if (sort.column < 0) { return; }
    var body = document.querySelector("#images tbody");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[sort.column].textContent.trim();
      var y = b.cells[sort.column].textContent.trim();
      var order = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
      return sort.descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function setNamespaces(fresh) {
    var select = $("filter-namespace");
    var chosen = select.value;
    var options = Array.prototype.map.call(fresh.options, function (option) { return option.value; });
    if (chosen && options.indexOf(chosen) < 0) { options.push(chosen); }
    select.innerHTML = "";
    options.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value || "all";
      select.appendChild(option);
    });
    select.value = chosen;
  }

  function replace(fresh, selector) {
    var now = document.querySelector(selector);
    var next = fresh.querySelector(selector);
    if (now && next) { now.replaceWith(document.importNode(next, true)); }
  }

  function refresh() {
    fetch(window.location.pathname, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        replace(fresh, "#summary");
        replace(fresh, "#images tbody");
        replace(fresh, "#registries tbody");
        var empty = document.getElementById("no-images");
        if (empty && !fresh.getElementById("no-images")) { empty.remove(); }
        setNamespaces(fresh.getElementById("filter-namespace"));
        applySort();
        applyFilter();
        document.body.dataset.refreshed = String(Date.now());
        document.body.classList.remove("stale");
      })
      .catch(function () { document.body.classList.add("stale"); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    ["filter-namespace", "filter-state"].forEach(function (id) { $(id).addEventListener("change", applyFilter); });
    $("filter-text").addEventListener("input", applyFilter);
    $("filters").addEventListener("submit", function (event) { event.preventDefault(); });
    document.querySelectorAll("#images th[data-sort]").forEach(function (th) {
      th.addEventListener("click", function () {
        var column = Number(th.dataset.sort);
        sort.descending = sort.column === column ? !sort.descending : false;
        sort.column = column;
        applySort();
      });
    });
    applyFilter();
    window.setInterval(refresh, REFRESH_MS);
  });
})();

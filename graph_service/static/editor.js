// The query editor: YASGUI over this service's /sparql, with its prefixes and examples.
// Settings come from the #yasgui element's data attributes; nothing is fetched elsewhere.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const MAX_BARS = 60;

  // A chart view of the results drawn here, offline: one bar per row, the first numeric
  // column against the first other one (a label, a class, a year...).
  function Chart(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = "Graphique";
    this.svgText = "";
  }
  Chart.prototype.columns = function () {
    const results = this.yasr.results;
    if (!results || results.getType() !== "json" || !results.getBindings) { return null; }
    const vars = results.getVariables() || [];
    const rows = results.getBindings() || [];
    if (vars.length < 2 || rows.length === 0) { return null; }
    const numeric = function (v) {
      return rows.some(function (r) { return r[v]; }) && rows.every(function (r) {
        return !r[v] || (r[v].type !== "uri" && r[v].value !== "" && isFinite(Number(r[v].value)));
      });
    };
    const value = vars.find(numeric);
    if (!value) { return null; }
    return { label: vars.find(function (v) { return v !== value; }), value: value, rows: rows };
  };
  Chart.prototype.canHandleResults = function () { return this.columns() !== null; };
  Chart.prototype.getIcon = function () {
    const icon = document.createElementNS(SVG, "svg");
    icon.setAttribute("viewBox", "0 0 16 16");
    icon.setAttribute("width", "16");
    icon.setAttribute("height", "16");
    [[1, 9, 4], [6, 4, 9], [11, 7, 6]].forEach(function (b) {
      const rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("x", b[0]); rect.setAttribute("y", b[1]);
      rect.setAttribute("width", "4"); rect.setAttribute("height", b[2]);
      icon.appendChild(rect);
    });
    return icon;
  };
  Chart.prototype.draw = function () {
    const c = this.columns();
    const prefixes = this.yasr.config.prefixes || {};
    const shown = function (term) {
      if (!term) { return ""; }
      if (term.type !== "uri") { return term.value; }
      for (const p in prefixes) {
        if (term.value.indexOf(prefixes[p]) === 0) { return p + ":" + term.value.slice(prefixes[p].length); }
      }
      return term.value;
    };
    const rows = c.rows.filter(function (r) { return r[c.value]; }).slice(0, MAX_BARS);
    const values = rows.map(function (r) { return Number(r[c.value].value); });
    const top = Math.max.apply(null, values.map(Math.abs).concat([1]));
    const labelWidth = 260, barWidth = 420, step = 22;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "ess-chart");
    svg.setAttribute("width", labelWidth + barWidth + 90);
    svg.setAttribute("height", rows.length * step + 10);
    rows.forEach(function (r, i) {
      const y = i * step + 5;
      const label = document.createElementNS(SVG, "text");
      label.setAttribute("x", labelWidth - 6); label.setAttribute("y", y + 14);
      label.setAttribute("text-anchor", "end");
      label.textContent = shown(r[c.label]).slice(0, 40);
      const bar = document.createElementNS(SVG, "rect");
      bar.setAttribute("class", "bar");
      bar.setAttribute("x", labelWidth); bar.setAttribute("y", y);
      bar.setAttribute("width", Math.max(1, Math.abs(values[i]) / top * barWidth));
      bar.setAttribute("height", step - 6);
      bar.setAttribute("fill", "#2c6e91");
      const title = document.createElementNS(SVG, "title");
      title.textContent = shown(r[c.label]) + " : " + r[c.value].value;
      bar.appendChild(title);
      const number = document.createElementNS(SVG, "text");
      number.setAttribute("x", labelWidth + Math.abs(values[i]) / top * barWidth + 4);
      number.setAttribute("y", y + 14);
      number.textContent = r[c.value].value;
      [label, bar, number].forEach(function (n) { svg.appendChild(n); });
    });
    const box = document.createElement("div");
    box.className = "ess-chart-box";
    const note = document.createElement("p");
    note.textContent = "?" + c.value + " selon ?" + c.label +
      (c.rows.length > rows.length ? " (les " + rows.length + " premières lignes)" : "");
    box.appendChild(note);
    box.appendChild(svg);
    this.yasr.resultsEl.appendChild(box);
    this.svgText = new XMLSerializer().serializeToString(svg);
  };
  Chart.prototype.download = function () {
    const self = this;
    return {
      contentType: "image/svg+xml",
      getData: function () { return self.svgText; },
      filename: "graphique.svg",
      title: "Télécharger le graphique (SVG)",
    };
  };

  const el = document.getElementById("yasgui");
  if (!el || typeof Yasgui === "undefined") { return; }
  const endpoint = new URL(el.dataset.endpoint, window.location.href).href;
  Yasgui.Yasr.registerPlugin("chart", Chart);
  const yasgui = new Yasgui(el, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    // Only local completions: the others ask the LOV web service.
    yasqe: { autocompleters: ["prefixes", "variables"] },
    yasr: { prefixes: {}, pluginOrder: ["table", "chart", "response"] },
  });
  const tab = function () { return yasgui.getTab(); };
  let prefixes = {};
  const prefixesLoaded = fetch(el.dataset.prefixes).then(function (r) { return r.json(); }).then(function (p) {
    prefixes = p;
    tab().getYasqe().addPrefixes(p);
    tab().getYasr().config.prefixes = p;
  });
  const examplesLoaded = fetch(el.dataset.examples).then(function (r) { return r.json(); }).then(function (list) {
    const byName = {};
    list.forEach(function (ex) { byName[ex.name] = ex; });
    return byName;
  });
  // A click before the examples arrive waits for them instead of doing nothing.
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      Promise.all([examplesLoaded, prefixesLoaded]).then(function (loaded) {
        const ex = loaded[0][button.dataset.name];
        if (!ex) { return; }
        const current = tab();
        current.setQuery(ex.query);
        current.getYasqe().addPrefixes(prefixes);
        current.query();
      });
    });
  });
  Promise.all([examplesLoaded, prefixesLoaded]).then(function () { el.dataset.ready = "true"; });
})();

// The query editor: YASGUI over this service's /sparql, with its prefixes and examples.
// Settings come from the #yasgui element's data attributes; nothing is fetched elsewhere.
(function () {
  "use strict";
  const el = document.getElementById("yasgui");
  if (!el || typeof Yasgui === "undefined") { return; }
  const endpoint = new URL(el.dataset.endpoint, window.location.href).href;
  const yasgui = new Yasgui(el, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    // Only local completions: the others ask the LOV web service.
    yasqe: { autocompleters: ["prefixes", "variables"] },
    yasr: { prefixes: {} },
  });
  const tab = function () { return yasgui.getTab(); };
  let prefixes = {};
  fetch(el.dataset.prefixes).then(function (r) { return r.json(); }).then(function (p) {
    prefixes = p;
    tab().getYasqe().addPrefixes(p);
    tab().getYasr().config.prefixes = p;
  });
  let examples = {};
  fetch(el.dataset.examples).then(function (r) { return r.json(); }).then(function (list) {
    list.forEach(function (ex) { examples[ex.name] = ex; });
  });
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      const ex = examples[button.dataset.name];
      if (!ex) { return; }
      const current = tab();
      current.setQuery(ex.query);
      current.getYasqe().addPrefixes(prefixes);
      current.query();
    });
  });
})();

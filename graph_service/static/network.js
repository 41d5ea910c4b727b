// The network picture: cytoscape.js over the JSON given by #network's data-src.
(function () {
  "use strict";
  const el = document.getElementById("network");
  if (!el || typeof cytoscape === "undefined") { return; }
  fetch(el.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
    const cy = cytoscape({
      container: el,
      elements: { nodes: data.nodes, edges: data.edges },
      layout: { name: data.nodes.length > 60 ? "circle" : "cose", animate: false },
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 10,
          "background-color": "#0b6e4f", "width": 14, "height": 14, "text-wrap": "ellipsis",
          "text-max-width": 120 } },
        { selector: "node[?focus]", style: { "background-color": "#d97706", "width": 24,
          "height": 24, "font-weight": "bold" } },
        { selector: "edge", style: { "width": 1.5, "line-color": "#9fb3c8", "curve-style": "bezier",
          "label": "data(label)", "font-size": 8, "color": "#52606d" } },
      ],
    });
    cy.on("tap", "node", function (event) { window.location.href = event.target.data("page"); });
    el.dataset.nodes = String(data.nodes.length);
    el.dataset.ready = "true";
  });
})();

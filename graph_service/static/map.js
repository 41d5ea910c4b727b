// The actors' map: department outlines (an SVG file of this service) and one marker per
// department with actors, sized by their number. Nothing is fetched from elsewhere.
(function () {
  "use strict";
  const el = document.getElementById("map");
  if (!el) { return; }
  const NS = "http://www.w3.org/2000/svg";
  const focus = (el.dataset.focus || "").split(" ");
  Promise.all([
    fetch(el.dataset.outlines).then(function (r) { return r.text(); }),
    fetch(el.dataset.src).then(function (r) { return r.json(); }),
  ]).then(function (loaded) {
    const doc = new DOMParser().parseFromString(loaded[0], "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    svg.removeAttribute("width"); svg.removeAttribute("height");
    svg.setAttribute("class", "departments");
    el.appendChild(svg);
    const shapes = {};
    svg.querySelectorAll("path").forEach(function (path) {
      shapes[path.id] = path;
      path.setAttribute("class", focus.indexOf(path.id) >= 0 ? "dep focus" : "dep");
    });
    // Frame the region's departments.
    let box = null;
    focus.forEach(function (code) {
      const shape = shapes[code]; if (!shape) { return; }
      const b = shape.getBBox();
      box = box ? { x1: Math.min(box.x1, b.x), y1: Math.min(box.y1, b.y),
                    x2: Math.max(box.x2, b.x + b.width), y2: Math.max(box.y2, b.y + b.height) }
                : { x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height };
    });
    if (box) {
      svg.setAttribute("viewBox", [box.x1 - 5, box.y1 - 5, box.x2 - box.x1 + 10,
                                   box.y2 - box.y1 + 10].join(" "));
    }
    let markers = 0;
    loaded[1].forEach(function (dep) {
      const shape = shapes[dep.code]; if (!shape) { return; }
      const b = shape.getBBox();
      const dot = document.createElementNS(NS, "circle");
      dot.setAttribute("cx", b.x + b.width / 2);
      dot.setAttribute("cy", b.y + b.height / 2);
      dot.setAttribute("r", 3 + 3 * Math.sqrt(dep.actors.length));
      dot.setAttribute("class", "marker");
      const title = document.createElementNS(NS, "title");
      title.textContent = dep.name + " : " + dep.actors.map(function (a) { return a.label; }).join(", ");
      dot.appendChild(title);
      svg.appendChild(dot);
      markers += 1;
    });
    el.dataset.markers = String(markers);
    el.dataset.ready = "true";
  });
})();

// The actors' map: department outlines (an SVG file of this service), one marker per commune
// whose position is known (sized by its number of actors) and one per department for the
// actors of the other communes. Nothing is fetched from elsewhere.
//
// The outlines carry no geographic coordinates: the projection from (longitude, Mercator
// latitude) to the drawing is fitted (affine, least squares) on every department, the centre
// of its outline against the mean position of its communes (/map/departments.json).
(function () {
  "use strict";
  const el = document.getElementById("map");
  if (!el) { return; }
  const NS = "http://www.w3.org/2000/svg";
  const focus = (el.dataset.focus || "").split(" ");
  const mercator = function (lat) { return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)); };

  // Solve the 3x3 system m . p = v (Cramer's rule).
  function solve3(m, v) {
    const det = function (a) {
      return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
        - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    };
    const d = det(m);
    if (Math.abs(d) < 1e-12) { return null; }
    return [0, 1, 2].map(function (col) {
      const a = m.map(function (row, i) {
        return row.map(function (x, j) { return j === col ? v[i] : x; });
      });
      return det(a) / d;
    });
  }

  // x = a.lon + b.Y + c and y = d.lon + e.Y + f, fitted on pairs {lon, lat, x, y}.
  function fit(pairs) {
    if (pairs.length < 3) { return null; }
    const m = [[0, 0, 0], [0, 0, 0], [0, 0, 0]], vx = [0, 0, 0], vy = [0, 0, 0];
    pairs.forEach(function (p) {
      const row = [p.lon, mercator(p.lat), 1];
      for (let i = 0; i < 3; i += 1) {
        for (let j = 0; j < 3; j += 1) { m[i][j] += row[i] * row[j]; }
        vx[i] += row[i] * p.x; vy[i] += row[i] * p.y;
      }
    });
    const px = solve3(m, vx), py = solve3(m, vy);
    if (!px || !py) { return null; }
    return function (lat, lon) {
      const Y = mercator(lat);
      return { x: px[0] * lon + px[1] * Y + px[2], y: py[0] * lon + py[1] * Y + py[2] };
    };
  }

  function marker(svg, x, y, actors, where, kind, dep) {
    const dot = document.createElementNS(NS, "circle");
    dot.setAttribute("data-dep", dep);
    dot.setAttribute("cx", x);
    dot.setAttribute("cy", y);
    dot.setAttribute("r", (kind === "commune" ? 1.5 : 3) + 1.5 * Math.sqrt(actors.length));
    dot.setAttribute("class", "marker " + kind);
    const title = document.createElementNS(NS, "title");
    title.textContent = where + " : " + actors.map(function (a) { return a.label; }).join(", ");
    dot.appendChild(title);
    svg.appendChild(dot);
  }

  Promise.all([
    fetch(el.dataset.outlines).then(function (r) { return r.text(); }),
    fetch(el.dataset.src).then(function (r) { return r.json(); }),
    fetch(el.dataset.centres).then(function (r) { return r.json(); }),
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
    const centre = function (code) {
      const shape = shapes[code]; if (!shape) { return null; }
      const b = shape.getBBox();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    };
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
    const pairs = [];
    loaded[2].forEach(function (dep) {
      const c = centre(dep.code);
      if (c && dep.communes >= 3) { pairs.push({ lon: dep.lon, lat: dep.lat, x: c.x, y: c.y }); }
    });
    const project = fit(pairs);
    let markers = 0, communes = 0;
    loaded[1].forEach(function (dep) {
      const byCommune = {}, elsewhere = [];
      dep.actors.forEach(function (a) {
        if (project && a.point) {
          (byCommune[a.commune] = byCommune[a.commune] || { actors: [], a: a }).actors.push(a);
        } else {
          elsewhere.push(a);
        }
      });
      Object.keys(byCommune).forEach(function (key) {
        const group = byCommune[key];
        const p = project(group.a.point[0], group.a.point[1]);
        marker(svg, p.x, p.y, group.actors, group.a.place, "commune", dep.code);
        markers += 1; communes += 1;
      });
      const c = centre(dep.code);
      if (c && elsewhere.length) {
        marker(svg, c.x, c.y, elsewhere, dep.name + " (commune sans position)", "departement", dep.code);
        markers += 1;
      }
    });
    el.dataset.markers = String(markers);
    el.dataset.communes = String(communes);
    el.dataset.ready = "true";
  });
})();

// The network: a small force layout (repulsion, springs, gravity) run once, drawn in SVG.
// Nodes are links to profiles (reachable with Tab); the year slider fades links dated outside
// the chosen year.
(function () {
  var svg = document.getElementById("graph");
  var raw = document.getElementById("graph-data");
  if (!svg || !raw) return;
  var data = JSON.parse(raw.textContent);
  var NS = "http://www.w3.org/2000/svg";
  var W = 1000, H = 640;
  var nodes = data.nodes.map(function (n, i) {
    var a = 2 * Math.PI * i / Math.max(1, data.nodes.length);
    return { id: n.id, caption: n.caption, schema: n.schema, degree: n.degree,
             x: W / 2 + 220 * Math.cos(a), y: H / 2 + 220 * Math.sin(a), vx: 0, vy: 0 };
  });
  var index = {};
  nodes.forEach(function (n) { index[n.id] = n; });
  var edges = data.edges.filter(function (e) { return index[e.source] && index[e.target]; });

  for (var step = 0; step < 300; step++) {
    var cool = 1 - step / 300;
    for (var i = 0; i < nodes.length; i++) {
      for (var j = i + 1; j < nodes.length; j++) {
        var a = nodes[i], b = nodes[j];
        var dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
        var f = 700 / d2;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    edges.forEach(function (e) {
      var s = index[e.source], t = index[e.target];
      var dx = t.x - s.x, dy = t.y - s.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      var f = (d - 70) * 0.02;
      s.vx += dx / d * f * 10; s.vy += dy / d * f * 10; t.vx -= dx / d * f * 10; t.vy -= dy / d * f * 10;
    });
    nodes.forEach(function (n) {
      n.vx += (W / 2 - n.x) * 0.02; n.vy += (H / 2 - n.y) * 0.03;
      var v = Math.sqrt(n.vx * n.vx + n.vy * n.vy), cap = 12 * cool + 0.5;
      if (v > cap) { n.vx *= cap / v; n.vy *= cap / v; }
      n.x = Math.min(W - 150, Math.max(30, n.x + n.vx));
      n.y = Math.min(H - 20, Math.max(20, n.y + n.vy));
      n.vx *= 0.5; n.vy *= 0.5;
    });
  }

  function el(name, attrs) {
    var x = document.createElementNS(NS, name);
    for (var k in attrs) x.setAttribute(k, attrs[k]);
    return x;
  }
  var lines = edges.map(function (e) {
    var s = index[e.source], t = index[e.target];
    var line = el("line", { x1: s.x, y1: s.y, x2: t.x, y2: t.y, "class": "edge edge-" + e.schema });
    var title = el("title", {});
    title.textContent = s.caption + " " + e.label + " " + t.caption +
      (e.start || e.end ? " (" + (e.start || "?") + " – " + (e.end || "") + ")" : "");
    line.appendChild(title);
    svg.appendChild(line);
    return { edge: e, line: line };
  });
  nodes.forEach(function (n) {
    var a = el("a", { href: "/entities/" + n.id, "class": "node " + n.schema,
                      "aria-label": n.caption + ", " + n.degree + " links" });
    a.appendChild(el("circle", { cx: n.x, cy: n.y, r: 4 + Math.min(10, Math.sqrt(n.degree) * 2.2) }));
    var label = el("text", { x: n.x + 9, y: n.y + 4 });
    label.textContent = n.caption.length > 26 ? n.caption.slice(0, 25) + "…" : n.caption;
    a.appendChild(label);
    svg.appendChild(a);
  });

  var slider = document.getElementById("year");
  var out = document.getElementById("year-out");
  function year(v) { return v ? parseInt(v.slice(0, 4), 10) : null; }
  function update() {
    var y = parseInt(slider.value, 10), all = y > parseInt(slider.max, 10) - 1;
    out.textContent = all ? "all" : String(y);
    lines.forEach(function (l) {
      var s = year(l.edge.start), e = year(l.edge.end);
      var on = all || ((s === null || s <= y) && (e === null || e >= y));
      l.line.classList.toggle("faded", !on);
    });
  }
  if (slider) { slider.addEventListener("input", update); update(); }
})();

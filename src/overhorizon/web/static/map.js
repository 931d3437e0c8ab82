// The events map: country borders from the shipped Natural Earth 110m TopoJSON, events as
// circles sized by the number killed, each a link to the event's profile. Plain SVG.
(function () {
  var box = document.getElementById("map");
  var data = document.getElementById("map-points");
  if (!box || !data || !window.topojson) return;
  var points = JSON.parse(data.textContent || "[]");
  var NS = "http://www.w3.org/2000/svg";
  var W = 800, H = 500;

  function extent() {
    if (!points.length) return [-180, -60, 180, 80];
    var lons = points.map(function (p) { return p.lon; });
    var lats = points.map(function (p) { return p.lat; });
    var x0 = Math.min.apply(null, lons), x1 = Math.max.apply(null, lons);
    var y0 = Math.min.apply(null, lats), y1 = Math.max.apply(null, lats);
    var pad = Math.max(4, (x1 - x0) * 0.15, (y1 - y0) * 0.15);
    x0 -= pad; x1 += pad; y0 -= pad; y1 += pad;
    // keep the box's shape that of the map
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    var w = Math.max(x1 - x0, (y1 - y0) * W / H, 24), h = w * H / W;
    return [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
  }

  var e = extent();
  function project(lon, lat) {
    return [(lon - e[0]) / (e[2] - e[0]) * W, (e[3] - lat) / (e[3] - e[1]) * H];
  }
  function ring(coords) {
    var d = "";
    for (var i = 0; i < coords.length; i++) {
      var p = project(coords[i][0], coords[i][1]);
      d += (i ? "L" : "M") + p[0].toFixed(1) + "," + p[1].toFixed(1);
    }
    return d + "Z";
  }
  function path(geometry) {
    if (!geometry) return "";
    var polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polys.map(function (poly) { return poly.map(ring).join(""); }).join("");
  }

  fetch("/static/vendor/world-atlas-2.0.2/countries-110m.json")
    .then(function (r) { return r.json(); })
    .then(function (world) {
      var svg = document.createElementNS(NS, "svg");
      svg.setAttribute("viewBox", "0 0 " + W + " " + H);
      svg.setAttribute("aria-hidden", "false");
      var countries = topojson.feature(world, world.objects.countries).features;
      var land = document.createElementNS(NS, "g");
      countries.forEach(function (f) {
        var p = document.createElementNS(NS, "path");
        p.setAttribute("d", path(f.geometry));
        p.setAttribute("class", "land");
        var t = document.createElementNS(NS, "title");
        t.textContent = (f.properties && f.properties.name) || "";
        p.appendChild(t);
        land.appendChild(p);
      });
      svg.appendChild(land);
      var peak = Math.max.apply(null, points.map(function (p) { return p.killed; }).concat([1]));
      points.slice().reverse().forEach(function (pt) {
        var xy = project(pt.lon, pt.lat);
        var a = document.createElementNS(NS, "a");
        a.setAttribute("href", "/entities/" + pt.id);
        a.setAttribute("aria-label", pt.name + ", " + pt.killed + " killed");
        var c = document.createElementNS(NS, "circle");
        c.setAttribute("cx", xy[0].toFixed(1));
        c.setAttribute("cy", xy[1].toFixed(1));
        c.setAttribute("r", (3 + 17 * Math.sqrt(pt.killed / peak)).toFixed(1));
        c.setAttribute("class", "pt");
        var t = document.createElementNS(NS, "title");
        t.textContent = pt.name + " (" + (pt.date || "?") + "): " + pt.killed + " killed";
        c.appendChild(t);
        a.appendChild(c);
        svg.appendChild(a);
      });
      box.textContent = "";
      box.appendChild(svg);
    });
})();

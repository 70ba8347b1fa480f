// Makes src/main/resources/META-INF/resources/geo/vietnam.json, the dashboard's land-bank map background, from
// Natural Earth 1:50m admin-0 countries (public domain, v4.1.0) as the npm package world-atlas@2.0.2 redistributes
// it (countries-50m.json, TopoJSON). Run once by hand; the output is committed, nothing is fetched at run time:
//   npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz && node tools/vietnam-outline.js package/countries-50m.json > out.json
// Vietnam is kept whole (simplified, Douglas-Peucker 0.02°); its neighbours are clipped to the map's frame as grey
// context. Natural Earth's admin-0 Vietnam has no Hoàng Sa (Paracel) or Trường Sa (Spratly) islands: the page marks
// both archipelagos itself (ISLANDS below).
'use strict';
const topo = require(require('path').resolve(process.argv[2]));
const FRAME = [100.8, 7.6, 117.6, 23.8];            // lon/lat: west, south, east, north
const TOLERANCE = 0.02;                             // degrees, ~2 km
const NEIGHBOURS = { '156': 'China', '418': 'Laos', '116': 'Cambodia', '764': 'Thailand' };
const ISLANDS = [
  { name: 'Quần đảo Hoàng Sa', en: 'Hoang Sa (Paracel) Islands', lon: 112.0, lat: 16.5 },
  { name: 'Quần đảo Trường Sa', en: 'Truong Sa (Spratly) Islands', lon: 114.0, lat: 10.0 }];

const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map(a => { let x = 0, y = 0; return a.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; }); });
function arc(i) { return i >= 0 ? arcs[i] : arcs[~i].slice().reverse(); }
function ring(ids) { const out = []; ids.forEach((id, k) => arc(id).forEach((p, j) => { if (k === 0 || j > 0) out.push(p); })); return out; }
function polygons(g) { return g.type === 'Polygon' ? [g.arcs.map(ring)] : g.arcs.map(p => p.map(ring)); }

function simplify(pts) {             // Douglas-Peucker, keeping the ends
  if (pts.length < 4) return pts;
  // A closed ring starts and ends on the same point: cut it in two at the point farthest from its start.
  let far = 0, best = -1;
  pts.forEach((p, i) => { const d = Math.hypot(p[0] - pts[0][0], p[1] - pts[0][1]); if (d > best) { best = d; far = i; } });
  const keep = new Uint8Array(pts.length); keep[0] = keep[far] = keep[pts.length - 1] = 1;
  const stack = [[0, far], [far, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop(); let max = 0, at = -1;
    const [x1, y1] = pts[a], [x2, y2] = pts[b], dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1e-12;
    for (let i = a + 1; i < b; i++) { const d = Math.abs(dy * pts[i][0] - dx * pts[i][1] + x2 * y1 - y2 * x1) / len; if (d > max) { max = d; at = i; } }
    if (max > TOLERANCE) { keep[at] = 1; stack.push([a, at], [at, b]); }
  }
  return pts.filter((p, i) => keep[i]);
}
function clip(pts) {                 // Sutherland-Hodgman against the frame (a rectangle is convex)
  const edges = [[p => p[0] >= FRAME[0], (a, b) => cut(a, b, 0, FRAME[0])], [p => p[0] <= FRAME[2], (a, b) => cut(a, b, 0, FRAME[2])],
                 [p => p[1] >= FRAME[1], (a, b) => cut(a, b, 1, FRAME[1])], [p => p[1] <= FRAME[3], (a, b) => cut(a, b, 1, FRAME[3])]];
  function cut(a, b, axis, v) { const t = (v - a[axis]) / (b[axis] - a[axis]); return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]; }
  let out = pts;
  for (const [inside, meet] of edges) {
    const src = out; out = [];
    for (let i = 0; i < src.length; i++) {
      const cur = src[i], prev = src[(i + src.length - 1) % src.length];
      if (inside(cur)) { if (!inside(prev)) out.push(meet(prev, cur)); out.push(cur); } else if (inside(prev)) out.push(meet(prev, cur));
    }
    if (!out.length) break;
  }
  return out;
}
const r3 = v => Math.round(v * 1000) / 1000;
function tidy(rings, clipped) {
  return rings.map(r => (clipped ? clip(simplify(r)) : simplify(r)).map(([x, y]) => [r3(x), r3(y)]))
    .filter(r => r.length >= 4 || (r.length >= 3 && clipped))
    .map(r => { const f = r[0], l = r[r.length - 1]; if (f[0] !== l[0] || f[1] !== l[1]) r.push(f); return r; });
}
const features = [];
for (const g of topo.objects.countries.geometries) {
  const vn = g.id === '704', nb = NEIGHBOURS[g.id];
  if (!vn && !nb) continue;
  const polys = polygons(g).map(p => tidy(p, !vn)).filter(p => p.length && p[0].length >= 4);
  if (!polys.length) continue;
  features.push({ type: 'Feature', properties: { name: vn ? 'Việt Nam' : nb, role: vn ? 'country' : 'neighbour' },
    geometry: { type: 'MultiPolygon', coordinates: polys } });
}
ISLANDS.forEach(i => features.push({ type: 'Feature', properties: { name: i.name, nameEn: i.en, role: 'archipelago' },
  geometry: { type: 'Point', coordinates: [i.lon, i.lat] } }));
process.stdout.write(JSON.stringify({ type: 'FeatureCollection',
  source: 'Natural Earth 1:50m admin-0 countries v4.1.0 (public domain, naturalearthdata.com) via world-atlas@2.0.2; simplified (Douglas-Peucker ' + TOLERANCE + '°), neighbours clipped; archipelagos marked by hand',
  bbox: FRAME, features }) + '\n');

// izone land bank for investors: the registry's offers (through GET api/v1/land-bank) as a table sorted by free area
// and a map drawn as inline SVG from a small static outline of Vietnam (geo/vietnam.json): no tile server, nothing
// loaded from another host. Each zone is one mark: its outline (GeoJSON Polygon/MultiPolygon, lon/lat) when the
// registry has one, a point at its latitude/longitude otherwise, sized by free hectares.
(function () {
  'use strict';
  var t = izone.t, num = izone.num, esc = izone.esc, code = izone.code;
  izone.words({
    lbTitle: ['Quỹ đất công nghiệp cho nhà đầu tư', 'Industrial land bank for investors'],
    lbSubtitle: ['Khu đã thành lập còn đất công nghiệp trống để cho thuê, khu nhiều đất trống nhất trước',
      'Established zones with industrial land free for lease, largest free area first'],
    backToDashboard: ['Bảng số liệu', 'Dashboard'], all: ['Tất cả', 'All'], fProvince: ['Tỉnh, thành phố', 'Province'],
    fSector: ['Ngành', 'Sector'], fMinFree: ['Đất trống tối thiểu (ha)', 'Minimum free land (ha)'],
    fWastewater: ['Có xử lý nước thải tập trung đạt chuẩn', 'Central wastewater treatment meeting the standard'],
    map: ['Bản đồ', 'Map'], wholeCountry: ['Cả nước', 'Whole country'], offers: ['Các khu còn đất trống', 'Zones with free land'],
    noOffers: ['Không có khu nào khớp bộ lọc.', 'No zone matches the filters.'],
    mapBasis: ['Cỡ điểm theo diện tích đất trống; ranh giới khu khi sổ đăng ký có. Nền bản đồ: Natural Earth 1:50m (phạm vi công cộng), giản lược; không cần máy chủ bản đồ.',
      'Marks sized by free land; the zone\'s outline where the registry has one. Base map: Natural Earth 1:50m (public domain), simplified; no tile server.'],
    lbFooter: ['Danh sách từ sổ đăng ký (registry-service, GET /api/v1/land-bank) lúc tải trang: đất trống = đất công nghiệp cho thuê − đã cho thuê. Liên hệ chủ đầu tư hạ tầng của khu để thuê đất.',
      'Offers from the register (registry-service, GET /api/v1/land-bank) as the page loaded them: free land = industrial land for lease − leased. Contact the zone\'s infrastructure investor to lease land.'],
    noCoordinates: ['Không có tọa độ: các khu chỉ có trong bảng.', 'No coordinates: the zones are in the table only.'],
    someWithout: ['{n} khu không có tọa độ, chỉ có trong bảng.', '{n} zone(s) without coordinates are in the table only.'],
    summary: ['{n} khu, tổng {ha} ha đất trống', '{n} zones, {ha} ha free in all'],
    summaryOne: ['1 khu, {ha} ha đất trống', '1 zone, {ha} ha free'],
    registryAway: ['Không lấy được quỹ đất: sổ đăng ký (registry-service) không trả lời. Thử lại sau ít phút.',
      'The land bank could not be loaded: the register (registry-service) is not answering. Try again in a few minutes.'],
    badFilter: ['Bộ lọc không hợp lệ: {detail}', 'A filter is not valid: {detail}'],
    rank: ['#', '#'], zone: ['Khu', 'Zone'], freeHa: ['Đất trống (ha)', 'Free (ha)'],
    industrialLand: ['Đất CN (ha)', 'Industrial land (ha)'], occupancy: ['Lấp đầy', 'Occupancy'],
    investor: ['Chủ đầu tư hạ tầng (liên hệ)', 'Infrastructure investor (contact)'], wastewater: ['Nước thải', 'Wastewater'],
    sectors: ['Ngành đã có', 'Sectors present'],
    hFree: ['Đất công nghiệp cho thuê − đã cho thuê', 'Industrial land for lease − leased'],
    hWastewater: ['Xử lý nước thải tập trung và có đạt chuẩn không', 'Central wastewater treatment, and whether it meets the standard'],
    hSectors: ['Ngành của các dự án đang hoạt động trong khu', 'Sectors of the active projects in the zone'],
    wwOk: ['Tập trung, đạt chuẩn', 'Central, meets standard'], wwNotOk: ['Tập trung, chưa đạt chuẩn', 'Central, below standard'],
    wwNone: ['Không có trạm tập trung', 'No central plant'], unknown: ['chưa khai báo', 'not declared'],
    freeOf: ['{free} ha trống / {land} ha đất CN', '{free} ha free of {land} ha industrial land'],
    outlineDrawn: ['ranh giới khu', 'zone outline'], point: ['điểm tọa độ', 'coordinates']
  });
  var state = { offers: [], selected: null, view: null, geo: null, provinces: {} };
  var FILTERS = ['provinceCode', 'kind', 'sector', 'minFreeHa', 'wastewater'];
  var form = document.getElementById('lb-filters');

  // --- filters, kept in the address so a filtered page can be shared
  function filterQuery() {
    var q = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var el = form.elements[name];
      var v = el.type === 'checkbox' ? (el.checked ? 'true' : '') : el.value.trim();
      if (v) { q.set(name, v); }
    });
    return q.toString();
  }
  function readAddress() {
    var q = new URLSearchParams(location.search);
    FILTERS.forEach(function (name) {
      var el = form.elements[name], v = q.get(name);
      if (v == null) { return; }
      if (el.type === 'checkbox') { el.checked = v === 'true'; } else {
        if (el.tagName === 'SELECT' && !Array.prototype.some.call(el.options, function (o) { return o.value === v; })) { addOption(el, v, v); }
        el.value = v;
      }
    });
  }
  function addOption(select, value, label) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }
  function fillProvinces() {
    var select = document.getElementById('f-province'), chosen = select.value;
    var have = {};
    Array.prototype.forEach.call(select.options, function (o) { have[o.value] = o; });
    Object.keys(state.provinces).sort(function (a, b) { return state.provinces[a].localeCompare(state.provinces[b], 'vi'); }).forEach(function (c) {
      var label = state.provinces[c] + ' (' + c + ')';
      if (have[c]) { if (have[c].textContent === c) { have[c].textContent = label; } } else { addOption(select, c, label); }
    });
    select.value = chosen;
  }

  var loading = 0;
  function load() {
    var q = filterQuery(), mine = ++loading;
    history.replaceState(null, '', q ? '?' + q : location.pathname);
    fetch('api/v1/land-bank' + (q ? '?' + q : ''), { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (body) { return { status: r.status, body: body }; });
    }).then(function (answer) {
      if (mine !== loading) { return; }
      var err = document.getElementById('lb-error');
      if (answer.status === 200 && Array.isArray(answer.body)) {
        err.hidden = true;
        state.offers = answer.body;
      } else {
        err.hidden = false;
        err.textContent = answer.status === 400 || answer.status === 422
          ? t('badFilter', { detail: answer.body && answer.body.detail }) : t('registryAway');
        state.offers = [];
      }
      state.offers.forEach(function (o) { if (o.provinceCode && o.provinceName) { state.provinces[o.provinceCode] = o.provinceName; } });
      fillProvinces();
      if (state.selected && !state.offers.some(function (o) { return o.zoneId === state.selected; })) { state.selected = null; state.view = null; }
      render();
      document.body.dataset.loads = String((Number(document.body.dataset.loads) || 0) + 1);
      document.body.dataset.ready = 'true';
    }).catch(function () {
      if (mine !== loading) { return; }
      var err = document.getElementById('lb-error');
      err.hidden = false;
      err.textContent = t('registryAway');
    });
  }
  var typing = null;
  form.addEventListener('input', function (e) {
    clearTimeout(typing);
    typing = setTimeout(load, e.target.type === 'search' || e.target.type === 'number' ? 350 : 0);
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(typing); load(); });

  // --- table
  function wastewater(o) {
    if (o.wastewaterCentralised == null) { return t('unknown'); }
    if (!o.wastewaterCentralised) { return t('wwNone'); }
    return o.wastewaterMeetsStandard ? t('wwOk') : o.wastewaterMeetsStandard === false ? t('wwNotOk') : t('wwOk').split(',')[0];
  }
  var COLS = [
    ['rank', 'rank', null, function (o, i) { return String(i + 1); }, ''],
    ['name', 'zone', null, function (o) {
      return '<strong>' + esc(o.name) + '</strong><small>' + esc(code(o.kind)) + ' · ' + esc(o.provinceName || o.provinceCode) + '</small>';
    }, 'txt zone'],
    ['freeHa', 'freeHa', 'hFree', function (o) { return '<strong>' + num(o.freeHa) + '</strong>'; }, ''],
    ['land', 'industrialLand', null, function (o) { return num(o.industrialLandHa); }, 'opt'],
    ['occupancy', 'occupancy', null, function (o) { return o.occupancyPercent == null ? '–' : num(o.occupancyPercent) + ' %'; }, 'opt'],
    ['investor', 'investor', null, function (o) { return esc(o.infrastructureInvestor || t('unknown')); }, 'txt'],
    ['wastewater', 'wastewater', 'hWastewater', function (o) { return esc(wastewater(o)); }, 'txt'],
    ['sectors', 'sectors', 'hSectors', function (o) { return esc((o.sectors || []).join(', ')); }, 'txt opt']
  ];
  function renderTable() {
    var table = document.getElementById('offers-table');
    table.tHead.innerHTML = '<tr>' + COLS.map(function (c) {
      return '<th class="' + c[4] + '"' + (c[2] ? ' title="' + esc(t(c[2])) + '"' : '') + '>' + esc(t(c[1])) + '</th>';
    }).join('') + '</tr>';
    var body = table.tBodies[0];
    body.innerHTML = '';
    state.offers.forEach(function (o, i) {
      var tr = body.insertRow();
      tr.dataset.zone = o.zoneId;
      tr.innerHTML = COLS.map(function (c) { return '<td class="' + c[4] + '" data-col="' + c[0] + '">' + c[3](o, i) + '</td>'; }).join('');
      tr.title = o.name + ' · ' + t('freeOf', { free: num(o.freeHa), land: num(o.industrialLandHa) });
      tr.classList.toggle('selected', o.zoneId === state.selected);
      tr.addEventListener('click', function () { select(o.zoneId, false); });
      tr.addEventListener('mouseenter', function () { pointAt(o.zoneId, true); });
      tr.addEventListener('mouseleave', function () { pointAt(o.zoneId, false); });
    });
    document.getElementById('offers-empty').hidden = state.offers.length > 0;
    var total = state.offers.reduce(function (s, o) { return s + (Number(o.freeHa) || 0); }, 0);
    document.getElementById('lb-summary').textContent = state.offers.length ? t(state.offers.length === 1 ? 'summaryOne' : 'summary', { n: num(state.offers.length, 0), ha: num(total) }) : '';
  }

  // --- map: an equirectangular projection squeezed by cos(16°N), fitting the view into a fixed SVG box
  var SIZE = 560, COS = Math.cos(16 * Math.PI / 180);
  function outlineOf(o) {
    var g = o.outline;
    if (g && g.type === 'Feature') { g = g.geometry; }
    if (!g || !g.coordinates) { return null; }
    if (g.type === 'Polygon') { return [g.coordinates]; }
    if (g.type === 'MultiPolygon') { return g.coordinates; }
    return null;
  }
  function hasNumber(v) { return v != null && v !== '' && !isNaN(Number(v)); }
  // Where a zone's mark sits: its coordinates, else the middle of its outline; null when it has neither.
  function placeOf(o) {
    var polys = outlineOf(o);
    if (hasNumber(o.latitude) && hasNumber(o.longitude)) { return { lon: Number(o.longitude), lat: Number(o.latitude), polys: polys }; }
    if (!polys) { return null; }
    var b = bounds(polys);
    return { lon: (b[0] + b[2]) / 2, lat: (b[1] + b[3]) / 2, polys: polys };
  }
  function bounds(polys) {
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    polys.forEach(function (p) { p.forEach(function (ring) { ring.forEach(function (c) {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    }); }); });
    return b;
  }
  function projection(view) {
    var w = (view[2] - view[0]) * COS, h = view[3] - view[1], k = SIZE / Math.max(w, h);
    var width = Math.round(w * k), height = Math.round(h * k);
    return {
      width: width, height: height,
      x: function (lon) { return Math.round((lon - view[0]) * COS * k * 10) / 10; },
      y: function (lat) { return Math.round((view[3] - lat) * k * 10) / 10; }
    };
  }
  function pathOf(polys, p) {
    return polys.map(function (poly) {
      return poly.map(function (ring) { return 'M' + ring.map(function (c) { return p.x(c[0]) + ',' + p.y(c[1]); }).join('L') + 'Z'; }).join('');
    }).join('');
  }
  function renderMap() {
    var box = document.getElementById('map'), note = document.getElementById('map-note');
    if (!state.geo) { box.innerHTML = ''; return; }
    var view = state.view || state.geo.bbox, p = projection(view), lang = izone.lang();
    var svg = ['<svg viewBox="0 0 ' + p.width + ' ' + p.height + '" role="img" aria-label="' + esc(t('map')) + '" xmlns="http://www.w3.org/2000/svg">',
      '<rect class="sea" width="' + p.width + '" height="' + p.height + '"/>'];
    state.geo.features.forEach(function (f) {
      if (f.geometry.type === 'MultiPolygon' || f.geometry.type === 'Polygon') {
        var polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        svg.push('<path class="' + (f.properties.role === 'country' ? 'land-vn' : 'land-other') + '" d="' + pathOf(polys, p) + '"><title>'
          + esc(f.properties.name) + '</title></path>');
      } else if (f.properties.role === 'archipelago') {
        var ax = p.x(f.geometry.coordinates[0]), ay = p.y(f.geometry.coordinates[1]);
        svg.push('<g class="archipelago"><circle cx="' + ax + '" cy="' + ay + '" r="2"/><circle cx="' + (ax + 5) + '" cy="' + (ay + 3) + '" r="1.5"/>'
          + '<circle cx="' + (ax - 4) + '" cy="' + (ay + 4) + '" r="1.5"/><text x="' + ax + '" y="' + (ay - 7) + '" text-anchor="middle">'
          + esc(lang === 'en' ? f.properties.nameEn : f.properties.name) + '</text></g>');
      }
    });
    var placed = [], maxFree = 0;
    state.offers.forEach(function (o) {
      var at = placeOf(o);
      if (at) { placed.push({ o: o, at: at }); maxFree = Math.max(maxFree, Number(o.freeHa) || 0); }
    });
    // The largest first, so smaller marks are drawn on top and stay clickable; the five largest carry their hectares.
    placed.sort(function (a, b) { return (Number(b.o.freeHa) || 0) - (Number(a.o.freeHa) || 0); });
    var labels = [];
    function labelFits(x, y, text) {
      var box = [x, y - 10, x + 6.5 * text.length, y + 3];
      var free = labels.every(function (b) { return box[2] < b[0] || box[0] > b[2] || box[3] < b[1] || box[1] > b[3]; });
      if (free) { labels.push(box); }
      return free;
    }
    placed.forEach(function (m, i) {
      var o = m.o, cx = p.x(m.at.lon), cy = p.y(m.at.lat);
      var r = 3 + 9 * Math.sqrt(Math.max(0, Number(o.freeHa) || 0) / (maxFree || 1));
      // Zoomed in, an outline shows the zone itself: its point shrinks so as not to hide it.
      if (state.view && m.at.polys) { r = Math.min(r, 3.5); }
      var label = num(o.freeHa, 1) + ' ha';
      var labelled = (i < 5 || o.zoneId === state.selected) && labelFits(cx + r + 3, cy + 4, label);
      var tip = o.name + '\n' + (o.provinceName || o.provinceCode || '') + '\n' + t('freeOf', { free: num(o.freeHa), land: num(o.industrialLandHa) })
        + '\n' + t('investor') + ': ' + (o.infrastructureInvestor || t('unknown')) + '\n' + t('wastewater') + ': ' + wastewater(o)
        + '\n(' + t(m.at.polys ? 'outlineDrawn' : 'point') + ')';
      svg.push('<g class="mark' + (o.zoneId === state.selected ? ' selected' : '') + '" data-zone="' + esc(o.zoneId) + '" tabindex="0">'
        + '<title>' + esc(tip) + '</title>'
        + (m.at.polys ? '<path class="outline" fill-rule="evenodd" d="' + pathOf(m.at.polys, p) + '"/>' : '')
        + '<circle cx="' + cx + '" cy="' + cy + '" r="' + (Math.round(r * 10) / 10) + '"/>'
        + (labelled ? '<text x="' + (cx + r + 3) + '" y="' + (cy + 4) + '">' + esc(label) + '</text>' : '')
        + '</g>');
    });
    svg.push(scaleBar(p, view));
    svg.push('</svg>');
    box.innerHTML = svg.join('');
    Array.prototype.forEach.call(box.querySelectorAll('.mark'), function (g) {
      g.addEventListener('click', function () { select(g.dataset.zone, true); });
      g.addEventListener('mouseenter', function () { pointAt(g.dataset.zone, true); });
      g.addEventListener('mouseleave', function () { pointAt(g.dataset.zone, false); });
      g.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(g.dataset.zone, true); } });
    });
    var without = state.offers.length - placed.length;
    note.textContent = !state.offers.length ? '' : !placed.length ? t('noCoordinates') : without ? t('someWithout', { n: without }) : '';
    note.dataset.state = !state.offers.length ? 'empty' : !placed.length ? 'none' : without ? 'some' : 'all';
    document.getElementById('map-reset').hidden = !state.view;
  }

  // Hovering a zone on the map lights its row, and hovering a row lights its mark.
  function pointAt(id, on) {
    Array.prototype.forEach.call(document.querySelectorAll('[data-zone="' + id + '"]'), function (el) { el.classList.toggle('hover', on); });
  }

  // A scale bar of a round number of kilometres, about a fifth of the map's width (111.32 km per degree of latitude).
  function scaleBar(p, view) {
    var pxPerKm = (p.y(view[1]) - p.y(view[3])) / ((view[3] - view[1]) * 111.32), km = 1;
    [1, 2, 5, 10, 20, 50, 100, 200, 500].forEach(function (k) { if (k * pxPerKm <= p.width / 5) { km = k; } });
    var w = Math.round(km * pxPerKm), x = 12, y = p.height - 14;
    return '<g class="scale"><path d="M' + x + ',' + (y - 5) + 'v5h' + w + 'v-5"/><text x="' + (x + w / 2) + '" y="' + (y - 8)
      + '" text-anchor="middle">' + km + ' km</text></g>';
  }

  // --- a zone picked on the map or in the table: both show it, the map zooms to it, the panel tells who to contact
  function select(id, fromMap) {
    state.selected = id;
    var o = state.offers.filter(function (x) { return x.zoneId === id; })[0];
    var at = o && placeOf(o);
    if (at) {
      // Close enough for an outline to show, far enough to see the zones around it.
      var b = at.polys ? bounds(at.polys) : [at.lon, at.lat, at.lon, at.lat], pad = Math.max(0.12, 1.5 * Math.max(b[2] - b[0], b[3] - b[1]));
      state.view = [Math.min(b[0], at.lon) - pad / COS, Math.min(b[1], at.lat) - pad, Math.max(b[2], at.lon) + pad / COS, Math.max(b[3], at.lat) + pad];
    }
    render();
    var info = document.getElementById('zone-info');
    info.hidden = !o;
    if (o) {
      info.innerHTML = '<strong>' + esc(o.name) + '</strong> · ' + esc(code(o.kind)) + ' · ' + esc(o.provinceName || o.provinceCode)
        + '<br>' + esc(t('freeOf', { free: num(o.freeHa), land: num(o.industrialLandHa) }))
        + '<br>' + esc(t('investor')) + ': ' + esc(o.infrastructureInvestor || t('unknown'))
        + '<br>' + esc(t('wastewater')) + ': ' + esc(wastewater(o))
        + ((o.sectors || []).length ? '<br>' + esc(t('sectors')) + ': ' + esc(o.sectors.join(', ')) : '');
    }
    var row = document.querySelector('#offers-table tr[data-zone="' + id + '"]');
    if (row && fromMap && row.scrollIntoView) { row.scrollIntoView({ block: 'nearest' }); }
  }
  document.getElementById('map-reset').addEventListener('click', function () {
    state.view = null;
    state.selected = null;
    document.getElementById('zone-info').hidden = true;
    render();
  });

  function render() { renderTable(); renderMap(); }
  var relabel = izone.languageToggle(function () {
    render();
    if (state.selected) { select(state.selected, false); }
  });

  readAddress();
  relabel();
  Promise.all([izone.json('geo/vietnam.json'), izone.json('api/v1/rollups/provinces')]).then(function (r) {
    state.geo = r[0];
    (r[1] || []).forEach(function (s) { state.provinces[s.scopeCode] = s.scopeName || s.scopeCode; });
    fillProvinces();
    load();
  });
})();

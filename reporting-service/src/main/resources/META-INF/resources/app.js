// izone live dashboard: plain JS, no build step, nothing loaded from elsewhere. Figures come from the
// reporting API; each one carries its basis (title on hover, and a line under the headline cards).
(function () {
  'use strict';
  var API = 'api/v1/rollups/';
  var T = {
    vi: {
      title: 'Khu công nghiệp, cụm công nghiệp Việt Nam', subtitle: 'Số liệu trực tiếp cho ban quản lý',
      national: 'Toàn quốc', provinces: 'Các tỉnh, thành phố', filterName: 'Tìm tỉnh', filterOccupancy: 'Lấp đầy tối thiểu',
      filterOperating: 'Chỉ tỉnh có khu đang hoạt động', download: 'Tải về', noData: 'Chưa có số liệu.',
      noZones: 'Chưa có số liệu khu nào của tỉnh này.', zonesOf: 'Các khu của', history: 'Tỷ lệ lấp đầy theo thời gian',
      printSummary: 'Bản in một trang',
      footer: 'Mọi số liệu lấy từ ảnh chụp chỉ tiêu của metrics-service; di chuột (hoặc chạm) vào một số để xem cơ sở tính. Vốn theo từng loại tiền, không quy đổi.',
      live: 'trực tiếp', connecting: 'đang kết nối', offline: 'mất kết nối, đang thử lại', computedAt: 'tính lúc',
      zPlanned: 'Khu quy hoạch', zEstablished: 'Đã thành lập', zOperating: 'Đang hoạt động', occupancy: 'Tỷ lệ lấp đầy',
      occupancyOperating: 'Lấp đầy (khu đang hoạt động)', pFdi: 'Dự án FDI', pDdi: 'Dự án DDI', capFdiUsd: 'Vốn FDI (USD)',
      capDdiVnd: 'Vốn DDI (VND)', capOther: 'Vốn khác', workers: 'Lao động', name: 'Tên', code: 'Mã', zones: 'Số khu',
      status: 'Trạng thái', kind: 'Loại', industrialLand: 'Đất CN (ha)', leased: 'Đã thuê (ha)', projects: 'Dự án',
      bZones: 'Khu mới ở giai đoạn quy hoạch (chưa thành lập); tổng số khu đã đăng ký: {total} (đã đưa ra khỏi quy hoạch: {removed})',
      bEstablished: 'Có quyết định thành lập; diện tích thành lập {ha} ha', bOperating: 'Đã đi vào hoạt động; diện tích {ha} ha',
      bOcc: '{leased} ha đã thuê ÷ {land} ha đất công nghiệp, {n} khu; cơ sở: {basis}',
      bProjects: 'Dự án đang hoạt động: {active}; ngừng/thu hồi không tính: {inactive}',
      bCapital: 'Vốn đăng ký theo giấy chứng nhận, cộng theo loại tiền, không quy đổi',
      bWorkers: 'Nguồn: {source}', noSeries: 'Chưa có lịch sử cho khu này.', chartBasis: 'Mỗi điểm là ảnh chụp cuối cùng của tháng; cơ sở: {basis}',
      hCode: 'Mã tỉnh', hName: 'Tên tỉnh theo đơn vị hành chính hiện nay (34 tỉnh, thành từ 2025)', hZones: 'Tổng số khu đã đăng ký',
      hOperating: 'Số khu đã đi vào hoạt động', hOcc: 'Đã thuê ÷ đất công nghiệp, cộng theo diện tích (không lấy trung bình các tỷ lệ)',
      hProjects: 'Dự án đang hoạt động (FDI + DDI)', hWorkers: 'Lao động theo báo cáo của các khu', hLand: 'Đất công nghiệp có thể cho thuê',
      hLeased: 'Diện tích đã cho thuê', hStatus: 'Trạng thái theo vòng đời của khu', hKind: 'KCN, CCN hoặc KKT',
      placeSource: 'nguồn: {source}'
    },
    en: {
      title: "Vietnam's industrial parks and clusters", subtitle: 'Live figures for management boards',
      national: 'Whole country', provinces: 'Provinces', filterName: 'Find a province', filterOccupancy: 'Minimum occupancy',
      filterOperating: 'Only provinces with operating zones', download: 'Download', noData: 'No figures yet.',
      noZones: 'No zone figures for this province yet.', zonesOf: 'Zones of', history: 'Occupancy over time',
      printSummary: 'One-page print',
      footer: "Every figure comes from metrics-service's indicator snapshots; hover (or tap) a figure to see its basis. Capital per currency, never converted.",
      live: 'live', connecting: 'connecting', offline: 'offline, retrying', computedAt: 'computed at',
      zPlanned: 'Zones planned', zEstablished: 'Established', zOperating: 'Operating', occupancy: 'Occupancy',
      occupancyOperating: 'Occupancy (operating zones)', pFdi: 'FDI projects', pDdi: 'DDI projects', capFdiUsd: 'FDI capital (USD)',
      capDdiVnd: 'DDI capital (VND)', capOther: 'Other capital', workers: 'Workers', name: 'Name', code: 'Code', zones: 'Zones',
      status: 'Status', kind: 'Kind', industrialLand: 'Industrial land (ha)', leased: 'Leased (ha)', projects: 'Projects',
      bZones: 'Zones still at the planning stage (not yet established); all zones registered: {total} (removed from the planning: {removed})',
      bEstablished: 'Establishment decision issued; established area {ha} ha', bOperating: 'In operation; area {ha} ha',
      bOcc: '{leased} ha leased ÷ {land} ha industrial land, {n} zones; basis: {basis}',
      bProjects: 'Active projects: {active}; suspended/revoked left out: {inactive}',
      bCapital: 'Registered capital from the investment certificates, summed per currency, never converted',
      bWorkers: 'Source: {source}', noSeries: 'No history for this zone yet.', chartBasis: "Each point is the month's last snapshot; basis: {basis}",
      hCode: 'Province code', hName: "Today's provinces (34 since the 2025 merger)", hZones: 'Zones registered',
      hOperating: 'Zones in operation', hOcc: 'Leased ÷ industrial land, area-weighted (never an average of percentages)',
      hProjects: 'Active projects (FDI + DDI)', hWorkers: 'Workers as the zones report them', hLand: 'Industrial land for lease',
      hLeased: 'Leased area', hStatus: "The zone's lifecycle status", hKind: 'Industrial park, cluster or economic zone',
      placeSource: 'source: {source}'
    }
  };
  // Registry codes shown in words (docs/glossary.md); the code itself stays in the tooltip.
  var CODES = {
    vi: { INDUSTRIAL_PARK: 'KCN', INDUSTRIAL_CLUSTER: 'CCN', ECONOMIC_ZONE: 'KKT', BORDER_GATE_ECONOMIC_ZONE: 'KKT cửa khẩu',
      PLANNED: 'Có trong quy hoạch', LAND_TARGET_ALLOCATED: 'Được phân bổ chỉ tiêu đất', ESTABLISHED: 'Đã thành lập',
      INVESTMENT_APPROVED: 'Được chấp thuận chủ trương đầu tư', DETAILED_PLANNING_APPROVED: 'Được duyệt quy hoạch chi tiết',
      UNDER_CONSTRUCTION: 'Đang xây dựng hạ tầng', IN_OPERATION: 'Đang hoạt động', EXPANDED: 'Mở rộng',
      REMOVED_FROM_PLANNING: 'Đưa ra khỏi quy hoạch' },
    en: { INDUSTRIAL_PARK: 'Industrial park', INDUSTRIAL_CLUSTER: 'Industrial cluster', ECONOMIC_ZONE: 'Economic zone',
      BORDER_GATE_ECONOMIC_ZONE: 'Border-gate EZ', PLANNED: 'Planned', LAND_TARGET_ALLOCATED: 'Land target allocated',
      ESTABLISHED: 'Established', INVESTMENT_APPROVED: 'Investment approved', DETAILED_PLANNING_APPROVED: 'Detailed planning approved',
      UNDER_CONSTRUCTION: 'Under construction', IN_OPERATION: 'In operation', EXPANDED: 'Expanded', REMOVED_FROM_PLANNING: 'Removed from planning' }
  };
  function code(c) { return c ? ((CODES[state.lang] && CODES[state.lang][c]) || c) : ''; }
  var state = { lang: localStorage.getItem('izone.lang') || 'vi', national: null, provinces: {}, selected: null, zones: [], zone: null };

  function t(key, vars) {
    var s = (T[state.lang] && T[state.lang][key]) || T.vi[key] || key;
    if (vars) { Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(vars[k] == null ? '–' : vars[k]); }); }
    return s;
  }
  function get(o, path) { return path.split('.').reduce(function (a, k) { return a == null ? undefined : a[k]; }, o); }
  function num(v, digits) {
    if (v == null || v === '' || isNaN(Number(v))) { return '–'; }
    return new Intl.NumberFormat(state.lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: digits == null ? 2 : digits }).format(Number(v));
  }
  // Money in words boards use (tỷ = 10^9, triệu = 10^6); the exact amount is in the figure's basis.
  function money(v) {
    if (v == null || isNaN(Number(v))) { return '–'; }
    var n = Number(v), a = Math.abs(n), vi = state.lang === 'vi';
    if (a >= 1e9) { return num(n / 1e9, 2) + (vi ? ' tỷ' : ' bn'); }
    if (a >= 1e6) { return num(n / 1e6, 2) + (vi ? ' triệu' : ' M'); }
    return num(n, 0);
  }
  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function when(iso) { return iso ? new Date(iso).toLocaleString(state.lang === 'vi' ? 'vi-VN' : 'en-GB') : ''; }
  function json(url) { return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) { return r.ok ? r.json() : null; }); }

  // Headline cards: [id, label key, value, basis]
  function figures(s) {
    var cap = get(s, 'projects.capitalByCurrency') || {};
    var other = [];
    Object.keys(cap).forEach(function (cur) {
      if (cur !== 'USD' && cur !== 'VND') { other.push(num(cap[cur].fdi, 0) + ' / ' + num(cap[cur].domestic, 0) + ' ' + cur); }
    });
    var occ = s.occupancy || {}, occOp = s.occupancyOperating || {};
    var list = [
      ['planned', 'zPlanned', num(get(s, 'zones.planned'), 0), t('bZones', { total: num(get(s, 'zones.total'), 0), removed: num(get(s, 'zones.removed'), 0) })],
      ['established', 'zEstablished', num(get(s, 'zones.established'), 0), t('bEstablished', { ha: num(get(s, 'areas.establishedHa')) })],
      ['operating', 'zOperating', num(get(s, 'zones.operating'), 0), t('bOperating', { ha: num(get(s, 'areas.operatingHa')) })],
      ['occupancy', 'occupancy', num(occ.ratePercent) + ' %', t('bOcc', { leased: num(occ.leasedHa), land: num(occ.industrialLandHa), n: num(occ.zonesCounted, 0), basis: occ.basis })],
      ['occupancyOperating', 'occupancyOperating', num(occOp.ratePercent) + ' %', t('bOcc', { leased: num(occOp.leasedHa), land: num(occOp.industrialLandHa), n: num(occOp.zonesCounted, 0), basis: occOp.basis })],
      ['fdi', 'pFdi', num(get(s, 'projects.fdi'), 0), t('bProjects', { active: num(get(s, 'projects.active'), 0), inactive: num(get(s, 'projects.inactive'), 0) })],
      ['ddi', 'pDdi', num(get(s, 'projects.domestic'), 0), t('bProjects', { active: num(get(s, 'projects.active'), 0), inactive: num(get(s, 'projects.inactive'), 0) })],
      ['capitalFdiUsd', 'capFdiUsd', money(get(cap, 'USD.fdi')), num(get(cap, 'USD.fdi'), 0) + ' USD. ' + t('bCapital') + (get(cap, 'USD.domestic') ? ' · DDI USD ' + num(get(cap, 'USD.domestic'), 0) : '')],
      ['capitalDdiVnd', 'capDdiVnd', money(get(cap, 'VND.domestic')), num(get(cap, 'VND.domestic'), 0) + ' VND. ' + t('bCapital') + (get(cap, 'VND.fdi') ? ' · FDI VND ' + num(get(cap, 'VND.fdi'), 0) : '')],
      ['workers', 'workers', num(get(s, 'employment.workers'), 0), t('bWorkers', { source: get(s, 'employment.source') })]
    ];
    if (other.length) { list.push(['capitalOther', 'capOther', other.join('; '), t('bCapital')]); }
    return list;
  }

  function renderHeadline(section, s) {
    var cards = section.querySelector('.cards');
    var stamp = section.querySelector('.stamp');
    if (!s) { cards.innerHTML = '<p class="empty">' + esc(t('noData')) + '</p>'; return; }
    stamp.textContent = t('computedAt') + ' ' + when(s.computedAt);
    stamp.title = s.scopeKey;
    figures(s).forEach(function (f) {
      var card = cards.querySelector('[data-figure="' + f[0] + '"]');
      if (!card) {
        card = document.createElement('div');
        card.className = 'card';
        card.dataset.figure = f[0];
        card.innerHTML = '<span class="label"></span><span class="value"></span><span class="basis"></span>';
        cards.appendChild(card);
      }
      card.querySelector('.label').textContent = t(f[1]);
      var value = card.querySelector('.value');
      if (value.textContent !== f[2]) {
        if (value.textContent) { flash(card); }
        value.textContent = f[2];
      }
      card.querySelector('.basis').textContent = f[3];
      card.title = t(f[1]) + ': ' + f[2] + '\n' + f[3] + '\n' + t('computedAt') + ' ' + when(s.computedAt) + ' (' + s.scopeKey + ')';
    });
    var empty = cards.querySelector('.empty');
    if (empty) { empty.remove(); }
  }

  var quiet = false;
  function flash(el) { if (quiet) { return; } el.classList.add('flash'); setTimeout(function () { el.classList.remove('flash'); }, 60); }

  var provinceCols = [
    ['code', 'code', 'hCode', function (s) { return esc(s.scopeCode); }, ''],
    ['name', 'name', 'hName', function (s) { return esc(s.scopeName || s.scopeCode); }, 'txt'],
    ['zones', 'zones', 'hZones', function (s) { return num(get(s, 'zones.total'), 0); }, 'opt'],
    ['operating', 'zOperating', 'hOperating', function (s) { return num(get(s, 'zones.operating'), 0); }, ''],
    ['occupancy', 'occupancy', 'hOcc', function (s) { return num(get(s, 'occupancy.ratePercent')) + ' %'; }, ''],
    ['projects', 'projects', 'hProjects', function (s) { return num(get(s, 'projects.active'), 0); }, 'opt'],
    ['capitalFdiUsd', 'capFdiUsd', 'bCapital', function (s) { return money(get(s, 'projects.capitalByCurrency.USD.fdi')); }, 'opt'],
    ['workers', 'workers', 'hWorkers', function (s) { return num(get(s, 'employment.workers'), 0); }, '']
  ];
  var zoneCols = [
    ['name', 'name', 'name', function (z) { return esc(z.scopeName || z.scopeCode); }, ''],
    ['kind', 'kind', 'hKind', function (z) { return esc(code(get(z, 'place.kind'))); }, 'opt txt'],
    ['status', 'status', 'hStatus', function (z) { return esc(code(get(z, 'place.status'))); }, 'opt txt'],
    ['land', 'industrialLand', 'hLand', function (z) { return num(get(z, 'areas.industrialLandHa')); }, 'opt'],
    ['leased', 'leased', 'hLeased', function (z) { return num(get(z, 'areas.leasedHa')); }, 'opt'],
    ['occupancy', 'occupancy', 'hOcc', function (z) { return num(get(z, 'occupancy.ratePercent')) + ' %'; }, ''],
    ['projects', 'projects', 'hProjects', function (z) { return num(get(z, 'projects.active'), 0); }, ''],
    ['workers', 'workers', 'hWorkers', function (z) { return num(get(z, 'employment.workers'), 0); }, '']
  ];
  function cellBasis(col, s) {
    if (col === 'occupancy') { return t('bOcc', { leased: num(get(s, 'occupancy.leasedHa')), land: num(get(s, 'occupancy.industrialLandHa')), n: num(get(s, 'occupancy.zonesCounted'), 0), basis: get(s, 'occupancy.basis') }); }
    if (col === 'workers') { return t('bWorkers', { source: get(s, 'employment.source') }); }
    if (col === 'projects') { return t('bProjects', { active: num(get(s, 'projects.active'), 0), inactive: num(get(s, 'projects.inactive'), 0) }); }
    if (col === 'kind' || col === 'status') { return (get(s, 'place.' + col) || '') + ' · ' + t('placeSource', { source: get(s, 'place.source') }); }
    if (col === 'capitalFdiUsd') { return num(get(s, 'projects.capitalByCurrency.USD.fdi'), 0) + ' USD. ' + t('bCapital'); }
    return t('computedAt') + ' ' + when(s.computedAt);
  }
  function head(table, cols) {
    table.tHead.innerHTML = '<tr>' + cols.map(function (c) { return '<th class="' + c[4] + '" title="' + esc(t(c[2])) + '">' + esc(t(c[1])) + '</th>'; }).join('') + '</tr>';
  }
  function fillRow(tr, cols, s) {
    cols.forEach(function (c, i) {
      var td = tr.cells[i] || tr.insertCell(i);
      td.className = c[4];
      td.dataset.col = c[0];
      var html = c[3](s);
      if (td.innerHTML !== html) { if (td.innerHTML) { flash(td); } td.innerHTML = html; }
      td.title = cellBasis(c[0], s);
    });
  }

  function renderProvinces() {
    var table = document.getElementById('provinces-table');
    head(table, provinceCols);
    var q = document.getElementById('filter-name').value.trim().toLowerCase();
    var minOcc = Number(document.getElementById('filter-occupancy').value);
    var onlyOperating = document.getElementById('filter-operating').checked;
    var list = Object.keys(state.provinces).map(function (k) { return state.provinces[k]; })
      .filter(function (s) {
        var name = ((s.scopeName || '') + ' ' + s.scopeCode).toLowerCase();
        return (!q || name.indexOf(q) >= 0) && (Number(get(s, 'occupancy.ratePercent') || 0) >= minOcc)
          && (!onlyOperating || Number(get(s, 'zones.operating') || 0) > 0);
      })
      .sort(function (a, b) { return String(a.scopeName || a.scopeCode).localeCompare(String(b.scopeName || b.scopeCode), 'vi'); });
    var body = table.tBodies[0];
    var rows = {};
    Array.prototype.forEach.call(body.rows, function (r) { rows[r.dataset.code] = r; });
    list.forEach(function (s, i) {
      var tr = rows[s.scopeCode];
      if (!tr) { tr = document.createElement('tr'); tr.dataset.code = s.scopeCode; tr.addEventListener('click', function () { selectProvince(s.scopeCode); }); }
      delete rows[s.scopeCode];
      fillRow(tr, provinceCols, s);
      tr.classList.toggle('selected', s.scopeCode === state.selected);
      if (body.rows[i] !== tr) { body.insertBefore(tr, body.rows[i] || null); }
    });
    Object.keys(rows).forEach(function (k) { rows[k].remove(); });
    document.getElementById('provinces-empty').hidden = list.length > 0;
  }

  function renderZones() {
    var table = document.getElementById('zones-table');
    head(table, zoneCols);
    var body = table.tBodies[0];
    body.innerHTML = '';
    state.zones.forEach(function (z) {
      var tr = body.insertRow();
      tr.dataset.zone = z.scopeCode;
      tr.addEventListener('click', function () { selectZone(z.scopeCode); });
      fillRow(tr, zoneCols, z);
      tr.classList.toggle('selected', z.scopeCode === state.zone);
    });
    document.getElementById('zones-empty').hidden = state.zones.length > 0;
  }

  function selectProvince(code) {
    state.selected = code;
    state.zone = null;
    var s = state.provinces[code];
    var sec = document.getElementById('province');
    sec.hidden = false;
    sec.querySelector('.cards').innerHTML = '';
    document.getElementById('province-name').textContent = s ? (s.scopeName || code) : code;
    document.getElementById('province-summary').href = API + 'provinces/' + encodeURIComponent(code) + '/summary.html';
    renderHeadline(sec, s);
    renderProvinces();
    document.getElementById('zones-section').hidden = false;
    document.getElementById('zones-province').textContent = s ? (s.scopeName || code) : code;
    document.getElementById('zones-csv').href = 'api/v1/exports/provinces/' + encodeURIComponent(code) + '/zones.csv';
    document.getElementById('zones-xlsx').href = 'api/v1/exports/provinces/' + encodeURIComponent(code) + '/zones.xlsx';
    document.getElementById('chart-section').hidden = true;
    loadZones();
  }
  function loadZones() {
    if (!state.selected) { return; }
    var code = state.selected;
    json(API + 'provinces/' + encodeURIComponent(code) + '/zones').then(function (zones) {
      if (state.selected !== code) { return; }
      state.zones = zones || [];
      renderZones();
    });
  }

  function selectZone(id) {
    state.zone = id;
    renderZones();
    var z = state.zones.filter(function (x) { return x.scopeCode === id; })[0];
    document.getElementById('chart-section').hidden = false;
    document.getElementById('chart-zone').textContent = z ? z.scopeName : id;
    loadChart();
  }
  function loadChart() {
    if (!state.zone) { return; }
    var id = state.zone;
    json(API + 'zones/' + encodeURIComponent(id) + '/series?indicator=occupancy&step=MONTH').then(function (series) {
      if (state.zone !== id) { return; }
      var pts = (series && series.points || []).filter(function (p) { return p.value != null; });
      var box = document.getElementById('chart');
      box.innerHTML = pts.length ? chart(pts, '%') : '<p class="empty">' + esc(t('noSeries')) + '</p>';
      var last = pts[pts.length - 1];
      document.getElementById('chart-basis').textContent = last ? t('chartBasis', { basis: last.basis }) : '';
    });
  }

  // An inline SVG line chart: y from 0 to max(100, values), one point per period with its basis in a tooltip.
  function chart(points, unit) {
    var W = 720, H = 260, L = 44, R = 12, TOP = 12, B = 36;
    var max = Math.max(unit === '%' ? 100 : 0, Math.max.apply(null, points.map(function (p) { return Number(p.value); })));
    if (!(max > 0)) { max = 1; }
    var n = points.length;
    function x(i) { return L + (n === 1 ? (W - L - R) / 2 : i * (W - L - R) / (n - 1)); }
    function y(v) { return TOP + (H - TOP - B) * (1 - Number(v) / max); }
    var svg = ['<svg viewBox="0 0 ' + W + ' ' + H + '" role="img" aria-label="' + esc(t('history')) + '" xmlns="http://www.w3.org/2000/svg">'];
    for (var g = 0; g <= 4; g++) {
      var gv = max * g / 4, gy = y(gv);
      svg.push('<line class="grid" x1="' + L + '" x2="' + (W - R) + '" y1="' + gy + '" y2="' + gy + '"/>');
      svg.push('<text x="' + (L - 6) + '" y="' + (gy + 4) + '" text-anchor="end">' + num(gv, 0) + (unit === '%' ? '%' : '') + '</text>');
    }
    svg.push('<line class="axis" x1="' + L + '" x2="' + (W - R) + '" y1="' + y(0) + '" y2="' + y(0) + '"/>');
    svg.push('<polyline class="line" points="' + points.map(function (p, i) { return x(i) + ',' + y(p.value); }).join(' ') + '"/>');
    var every = Math.max(1, Math.ceil(n / 10));
    points.forEach(function (p, i) {
      svg.push('<circle class="pt" cx="' + x(i) + '" cy="' + y(p.value) + '" r="4"><title>' + esc(p.period + ': ' + num(p.value) + ' ' + unit
        + '\n' + (p.basis || '') + '\n' + t('computedAt') + ' ' + when(p.computedAt)) + '</title></circle>');
      if (i % every === 0 || i === n - 1) {
        svg.push('<text x="' + x(i) + '" y="' + (H - B + 16) + '" text-anchor="middle">' + esc(p.period) + '</text>');
      }
    });
    svg.push('</svg>');
    return svg.join('');
  }

  function applyLanguage() {
    quiet = true;
    try { relabel(); } finally { quiet = false; }
  }
  function relabel() {
    document.documentElement.lang = state.lang;
    document.getElementById('lang').textContent = state.lang === 'vi' ? 'EN' : 'VI';
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (el) { el.textContent = t(el.dataset.i18n); });
    renderHeadline(document.getElementById('national'), state.national);
    if (state.selected) { renderHeadline(document.getElementById('province'), state.provinces[state.selected]); renderZones(); }
    renderProvinces();
    setLive(document.getElementById('live').dataset.state);
    if (state.zone) { loadChart(); }
  }
  function setLive(s) {
    var el = document.getElementById('live');
    el.dataset.state = s;
    document.getElementById('live-text').textContent = t(s === 'open' ? 'live' : s === 'error' ? 'offline' : 'connecting');
    el.title = 'Server-sent events: api/v1/rollups/live';
  }

  var zoneReload = null;
  function onSnapshot(s) {
    if (!s || !s.scopeType) { return; }
    if (s.scopeType === 'NATIONAL') {
      state.national = s;
      renderHeadline(document.getElementById('national'), s);
    } else if (s.scopeType === 'PROVINCE') {
      state.provinces[s.scopeCode] = s;
      renderProvinces();
      if (s.scopeCode === state.selected) { renderHeadline(document.getElementById('province'), s); }
    } else if (s.scopeType === 'ZONE' && state.selected) {
      // A zone snapshot does not always say its province: the API places it; reload the list once things settle.
      clearTimeout(zoneReload);
      zoneReload = setTimeout(function () { loadZones(); if (state.zone === s.scopeCode) { loadChart(); } }, 400);
    }
    window.izoneUpdates = (window.izoneUpdates || 0) + 1;
  }

  function connect() {
    setLive('connecting');
    var es = new EventSource(API + 'live');
    es.onopen = function () { setLive('open'); };
    es.onmessage = function (e) { try { onSnapshot(JSON.parse(e.data)); } catch (err) { /* ignore a malformed event */ } };
    es.onerror = function () { setLive('error'); };
  }

  document.getElementById('lang').addEventListener('click', function () {
    state.lang = state.lang === 'vi' ? 'en' : 'vi';
    localStorage.setItem('izone.lang', state.lang);
    applyLanguage();
  });
  ['filter-name', 'filter-occupancy', 'filter-operating'].forEach(function (id) {
    document.getElementById(id).addEventListener('input', renderProvinces);
    document.getElementById(id).addEventListener('change', renderProvinces);
  });

  connect();
  Promise.all([json(API + 'national'), json(API + 'provinces')]).then(function (r) {
    if (r[0] && (!state.national || state.national.computedAt <= r[0].computedAt)) { state.national = r[0]; }
    (r[1] || []).forEach(function (s) {
      var have = state.provinces[s.scopeCode];
      if (!have || have.computedAt <= s.computedAt) { state.provinces[s.scopeCode] = s; }
    });
    applyLanguage();
    document.body.dataset.ready = 'true';
  });
})();

// izone live dashboard: plain JS, no build step, nothing loaded from elsewhere. Figures come from the
// reporting API; each one carries its basis (title on hover, and a line under the headline cards). Words, number
// formats and the line chart are in common.js, shared with the land-bank page.
(function () {
  'use strict';
  var API = 'api/v1/rollups/';
  var t = izone.t, code = izone.code, get = izone.get, num = izone.num, money = izone.money, esc = izone.esc, when = izone.when, json = izone.json;
  izone.words({
    title: ['Khu công nghiệp, cụm công nghiệp Việt Nam', 'Vietnam\'s industrial parks and clusters'],
    subtitle: ['Số liệu trực tiếp cho ban quản lý', 'Live figures for management boards'],
    national: ['Toàn quốc', 'Whole country'],
    provinces: ['Các tỉnh, thành phố', 'Provinces'],
    filterName: ['Tìm tỉnh', 'Find a province'],
    filterOccupancy: ['Lấp đầy tối thiểu', 'Minimum occupancy'],
    filterOperating: ['Chỉ tỉnh có khu đang hoạt động', 'Only provinces with operating zones'],
    download: ['Tải về', 'Download'],
    noData: ['Chưa có số liệu.', 'No figures yet.'],
    noZones: ['Chưa có số liệu khu nào của tỉnh này.', 'No zone figures for this province yet.'],
    zonesOf: ['Các khu của', 'Zones of'],
    printSummary: ['Bản in một trang', 'One-page print'],
    footer: ['Mọi số liệu lấy từ ảnh chụp chỉ tiêu của metrics-service; di chuột (hoặc chạm) vào một số để xem cơ sở tính. Vốn theo từng loại tiền, không quy đổi.', 'Every figure comes from metrics-service\'s indicator snapshots; hover (or tap) a figure to see its basis. Capital per currency, never converted.'],
    zPlanned: ['Khu quy hoạch', 'Zones planned'],
    zEstablished: ['Đã thành lập', 'Established'],
    zOperating: ['Đang hoạt động', 'Operating'],
    occupancy: ['Tỷ lệ lấp đầy', 'Occupancy'],
    occupancyOperating: ['Lấp đầy (khu đang hoạt động)', 'Occupancy (operating zones)'],
    pFdi: ['Dự án FDI', 'FDI projects'],
    pDdi: ['Dự án DDI', 'DDI projects'],
    capFdiUsd: ['Vốn FDI (USD)', 'FDI capital (USD)'],
    capDdiVnd: ['Vốn DDI (VND)', 'DDI capital (VND)'],
    capOther: ['Vốn khác', 'Other capital'],
    workers: ['Lao động', 'Workers'],
    code: ['Mã', 'Code'],
    zones: ['Số khu', 'Zones'],
    industrialLand: ['Đất CN (ha)', 'Industrial land (ha)'],
    leased: ['Đã thuê (ha)', 'Leased (ha)'],
    projects: ['Dự án', 'Projects'],
    bZones: ['Khu mới ở giai đoạn quy hoạch (chưa thành lập); tổng số khu đã đăng ký: {total} (đã đưa ra khỏi quy hoạch: {removed})', 'Zones still at the planning stage (not yet established); all zones registered: {total} (removed from the planning: {removed})'],
    bEstablished: ['Có quyết định thành lập; diện tích thành lập {ha} ha', 'Establishment decision issued; established area {ha} ha'],
    bOperating: ['Đã đi vào hoạt động; diện tích {ha} ha', 'In operation; area {ha} ha'],
    bOcc: ['{leased} ha đã thuê ÷ {land} ha đất công nghiệp, {n} khu; cơ sở: {basis}', '{leased} ha leased ÷ {land} ha industrial land, {n} zones; basis: {basis}'],
    bProjects: ['Dự án đang hoạt động: {active}; ngừng/thu hồi không tính: {inactive}', 'Active projects: {active}; suspended/revoked left out: {inactive}'],
    bCapital: ['Vốn đăng ký theo giấy chứng nhận, cộng theo loại tiền, không quy đổi', 'Registered capital from the investment certificates, summed per currency, never converted'],
    bWorkers: ['Nguồn: {source}', 'Source: {source}'],
    hCode: ['Mã tỉnh', 'Province code'],
    hName: ['Tên tỉnh theo đơn vị hành chính hiện nay (34 tỉnh, thành từ 2025)', 'Today\'s provinces (34 since the 2025 merger)'],
    hZones: ['Tổng số khu đã đăng ký', 'Zones registered'],
    hOperating: ['Số khu đã đi vào hoạt động', 'Zones in operation'],
    hOcc: ['Đã thuê ÷ đất công nghiệp, cộng theo diện tích (không lấy trung bình các tỷ lệ)', 'Leased ÷ industrial land, area-weighted (never an average of percentages)'],
    hProjects: ['Dự án đang hoạt động (FDI + DDI)', 'Active projects (FDI + DDI)'],
    hWorkers: ['Lao động theo báo cáo của các khu', 'Workers as the zones report them'],
    hLand: ['Đất công nghiệp có thể cho thuê', 'Industrial land for lease'],
    hLeased: ['Diện tích đã cho thuê', 'Leased area'],
    hStatus: ['Trạng thái theo vòng đời của khu', 'The zone\'s lifecycle status'],
    placeSource: ['nguồn: {source}', 'source: {source}'],
    history: ['Diễn biến theo thời gian', 'Over time'],
    noSeries: ['Chưa có lịch sử.', 'No history yet.'],
    chartBasis: ['Mỗi điểm là ảnh chụp cuối cùng của tháng', "Each point is the month's last snapshot"],
    landBank: ['Quỹ đất cho nhà đầu tư', 'Land bank for investors'],
    people: ['người', 'people']
  });
  var state = { national: null, provinces: {}, selected: null, zones: [], zone: null };

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
    loadZones();
    loadTrends();
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
    loadTrends();
  }

  // Trends of the scope in view (a zone once one is picked, else the province, else the country): one line chart
  // per indicator of the series API. Capital stays per currency, so FDI in USD and DDI in VND are charts of their own.
  var TRENDS = [
    { indicator: 'occupancy', label: 'occupancy', unit: '%', floor: 100, axis: function (v) { return num(v, 0) + '%'; }, value: function (v) { return num(v); } },
    { indicator: 'workers', label: 'workers', unit: 'people', axis: function (v) { return num(v, 0); }, value: function (v) { return num(v, 0); } },
    { indicator: 'capitalFdiUsd', label: 'capFdiUsd', unit: 'USD', axis: money, value: function (v) { return num(v, 0); } },
    { indicator: 'capitalDomesticVnd', label: 'capDdiVnd', unit: 'VND', axis: money, value: function (v) { return num(v, 0); } }
  ];
  function trendScope() {
    if (state.zone) {
      var z = state.zones.filter(function (x) { return x.scopeCode === state.zone; })[0];
      return { path: 'zones/' + encodeURIComponent(state.zone), name: z ? z.scopeName : state.zone, key: 'zone:' + state.zone };
    }
    if (state.selected) {
      var p = state.provinces[state.selected];
      return { path: 'provinces/' + encodeURIComponent(state.selected), name: p ? (p.scopeName || state.selected) : state.selected, key: 'province:' + state.selected };
    }
    return { path: 'national', name: t('national'), key: 'national:VN' };
  }
  function loadTrends() {
    var scope = trendScope();
    var box = document.getElementById('trends');
    box.dataset.scope = scope.key;
    document.getElementById('trends-scope').textContent = scope.name;
    TRENDS.forEach(function (c) {
      var fig = box.querySelector('[data-indicator="' + c.indicator + '"]');
      if (!fig) {
        fig = document.createElement('figure');
        fig.className = 'chart';
        fig.dataset.indicator = c.indicator;
        fig.innerHTML = '<figcaption></figcaption><div class="plot"></div><p class="basis"></p>';
        box.appendChild(fig);
      }
      fig.querySelector('figcaption').textContent = t(c.label);
      json(API + scope.path + '/series?indicator=' + c.indicator + '&step=MONTH').then(function (series) {
        if (box.dataset.scope !== scope.key) { return; }
        var pts = (series && series.points || []).filter(function (p) { return p.value != null; });
        var unit = c.unit === 'people' ? t('people') : c.unit;
        fig.querySelector('.plot').innerHTML = pts.length
          ? izone.lineChart(pts, { label: t(c.label) + ' · ' + scope.name, unit: unit, floor: c.floor, axis: c.axis, value: c.value })
          : '<p class="empty">' + esc(t('noSeries')) + '</p>';
        var last = pts[pts.length - 1];
        fig.querySelector('.basis').textContent = last ? t('chartBasis') + (last.basis ? ' · ' + last.basis : '')
          + (c.unit === 'USD' || c.unit === 'VND' ? ' · ' + t('bCapital') : '') : '';
      });
    });
  }
  var trendReload = null;
  function reloadTrendsOf(scopeKey) {
    if (document.getElementById('trends').dataset.scope !== scopeKey) { return; }
    clearTimeout(trendReload);
    trendReload = setTimeout(loadTrends, 500);
  }

  var quietRelabel = izone.languageToggle(function () {
    quiet = true;
    try {
      renderHeadline(document.getElementById('national'), state.national);
      if (state.selected) { renderHeadline(document.getElementById('province'), state.provinces[state.selected]); renderZones(); }
      renderProvinces();
      setLive(document.getElementById('live').dataset.state);
      loadTrends();
    } finally { quiet = false; }
  });
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
      zoneReload = setTimeout(loadZones, 400);
    }
    reloadTrendsOf(s.scopeKey);
    window.izoneUpdates = (window.izoneUpdates || 0) + 1;
  }

  function connect() {
    setLive('connecting');
    var es = new EventSource(API + 'live');
    es.onopen = function () { setLive('open'); };
    es.onmessage = function (e) { try { onSnapshot(JSON.parse(e.data)); } catch (err) { /* ignore a malformed event */ } };
    es.onerror = function () { setLive('error'); };
  }

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
    quietRelabel();
    document.body.dataset.ready = 'true';
  });
})();

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
    bProjectsActive: ['Dự án đang hoạt động: {active} (ngừng/thu hồi không tính)', 'Active projects: {active} (suspended/revoked left out)'],
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
    zAll: ['Số khu (mọi loại)', 'Zones (all kinds)'],
    bZonesAll: ['Tổng số khu đã đăng ký, mọi loại; đang hoạt động: {operating}; đã đưa ra khỏi quy hoạch: {removed}', 'All zones registered, every kind; in operation: {operating}; removed from the planning: {removed}'],
    pAll: ['Dự án (cộng các loại)', 'Projects (all kinds)'],
    pFdiAll: ['Dự án FDI (cộng các loại)', 'FDI projects (all kinds)'],
    pDdiAll: ['Dự án DDI (cộng các loại)', 'DDI projects (all kinds)'],
    workersAll: ['Lao động (cộng các loại)', 'Workers (all kinds)'],
    allKindsCombined: ['Tất cả các loại, cộng chung', 'All kinds together'],
    allKindsNote: ['chỉ những số cộng được: dự án và lao động; lấp đầy, diện tích, vốn xem theo từng loại', 'only what adds up: projects and workers; occupancy, areas and capital per kind below'],
    allKinds: ['Tất cả các loại', 'All kinds'],
    kINDUSTRIAL_PARK: ['Khu công nghiệp', 'Industrial parks'],
    kINDUSTRIAL_CLUSTER: ['Cụm công nghiệp', 'Industrial clusters'],
    kECONOMIC_ZONE: ['Khu kinh tế', 'Economic zones'],
    occINDUSTRIAL_PARK: ['Lấp đầy KCN', 'Park occupancy'],
    occINDUSTRIAL_CLUSTER: ['Lấp đầy CCN', 'Cluster occupancy'],
    occECONOMIC_ZONE: ['Lấp đầy KKT', 'EZ occupancy'],
    noneOfKind: ['Không có khu loại này.', 'No zone of this kind.'],
    landHa: ['Đất công nghiệp', 'Industrial land'],
    bLand: ['Đất công nghiệp cho thuê; đã cho thuê {leased} ha; diện tích quy hoạch {planned} ha', 'Industrial land for lease; leased {leased} ha; planned area {planned} ha'],
    bNoCapital: ['Vốn theo loại chưa có (chỉ có trong ảnh chụp riêng của loại)', 'Capital of this kind not available (only in the kind\'s own snapshot)'],
    fromByKind: ['Số liệu theo loại lấy từ byKind của ảnh chụp tỉnh (mới hơn)', 'Kind figures from the scope snapshot\'s byKind (newer)'],
    level: ['Đơn vị', 'Level'],
    levelProvince: ['Tỉnh hiện nay (34)', "Today's provinces (34)"],
    levelFormer: ['Tỉnh cũ (63, trước sáp nhập 2025)', 'Former provinces (63, before the 2025 merger)'],
    formerPrefix: ['Tỉnh cũ', 'Former province'],
    madeOf: ['Gồm các tỉnh cũ', 'Made of the former provinces'],
    boardReport: ['Báo cáo PDF', 'PDF report'],
    declaredFigures: ['Số khai báo', 'Declared figures'],
    liveTitle: ['Cập nhật trực tiếp (server-sent events)', 'Live updates (server-sent events)'],
    src_registry: ['sổ đăng ký khu (registry-service)', 'the zone register (registry-service)'],
    src_snapshot: ['ảnh chụp chỉ tiêu', 'the indicator snapshot'],
    src_undefined: ['chưa rõ', 'unknown'],
    landBank: ['Quỹ đất cho nhà đầu tư', 'Land bank for investors'],
    people: ['người', 'people']
  });
  var KINDS = ['INDUSTRIAL_PARK', 'INDUSTRIAL_CLUSTER', 'ECONOMIC_ZONE'];
  // lists: the latest snapshot of each province / former province; kinds: the latest kind snapshots by scope key
  // (zone-kind:K, province-kind:C:K, former-province-kind:C:K); level and kind: what the list shows.
  var state = { national: null, lists: { PROVINCE: {}, FORMER_PROVINCE: {} }, kinds: {}, level: 'PROVINCE', kind: 'ALL',
    selected: null, zones: [], zone: null, loadedFormer: false, declared: {} };
  function basis(s) { return izone.basis(s); }

  function kindKey(type, c, kind) {
    return type === 'PROVINCE' ? 'province-kind:' + c + ':' + kind : type === 'FORMER_PROVINCE' ? 'former-province-kind:' + c + ':' + kind : 'zone-kind:' + kind;
  }
  function time(s) { var v = s && Date.parse(s.computedAt); return isNaN(v) ? 0 : v; }
  // The figures of one kind in a scope: the kind's own snapshot when it is at least as new as the scope's, else the
  // scope's byKind entry (which has no capital: that is taken from the kind snapshot if there is one). As
  // reporting's Kinds.view does.
  function kindView(parent, type, c, kind) {
    var snap = state.kinds[kindKey(type, c, kind)];
    var b = parent && parent.byKind && parent.byKind[kind];
    if (snap && (!b || time(snap) >= time(parent))) { return snap; }
    if (!b) { return null; }
    // The scope's snapshot is newer: its byKind figures, over the kind snapshot's (which keeps what byKind lacks:
    // capital, suspended/revoked projects).
    var v = snap ? JSON.parse(JSON.stringify(snap)) : { scopeKey: kindKey(type, c, kind), scopeCode: c + ':' + kind, scopeName: parent.scopeName,
      projects: {}, employment: { source: get(parent, 'employment.source') } };
    ['zones', 'areas', 'occupancy', 'occupancyOperating'].forEach(function (f) { if (b[f]) { v[f] = b[f]; } });
    v.projects = Object.assign({}, v.projects || {}, b.projects || {});
    v.employment = Object.assign({}, v.employment || {}, { workers: b.workers });
    v.computedAt = parent.computedAt;
    v.kindSource = 'byKind';
    return v;
  }
  // byKind entries have no count of suspended/revoked projects: then only the active ones are named.
  function projectsBasis(s) {
    var inactive = get(s, 'projects.inactive');
    return inactive == null ? t('bProjectsActive', { active: num(get(s, 'projects.active'), 0) })
      : t('bProjects', { active: num(get(s, 'projects.active'), 0), inactive: num(inactive, 0) });
  }
  function occBasis(o) {
    o = o || {};
    return t('bOcc', { leased: num(o.leasedHa), land: num(o.industrialLandHa), n: num(o.zonesCounted, 0), basis: basis(o.basis) });
  }

  // Headline cards of one kind: [id, label key, value, basis]
  function figures(s) {
    var cap = get(s, 'projects.capitalByCurrency') || null;
    var other = [];
    Object.keys(cap || {}).forEach(function (cur) {
      if (cur !== 'USD' && cur !== 'VND') { other.push(num(cap[cur].fdi, 0) + ' / ' + num(cap[cur].domestic, 0) + ' ' + cur); }
    });
    var occ = s.occupancy || {}, occOp = s.occupancyOperating || {};
    var noCap = t('bNoCapital');
    var list = [
      ['planned', 'zPlanned', num(get(s, 'zones.planned'), 0), t('bZones', { total: num(get(s, 'zones.total'), 0), removed: num(get(s, 'zones.removed'), 0) })],
      ['established', 'zEstablished', num(get(s, 'zones.established'), 0), t('bEstablished', { ha: num(get(s, 'areas.establishedHa')) })],
      ['operating', 'zOperating', num(get(s, 'zones.operating'), 0), t('bOperating', { ha: num(get(s, 'areas.operatingHa')) })],
      ['land', 'landHa', num(get(s, 'areas.industrialLandHa')) + ' ha', t('bLand', { leased: num(get(s, 'areas.leasedHa')), planned: num(get(s, 'areas.plannedHa')) })],
      ['occupancy', 'occupancy', num(occ.ratePercent) + ' %', occBasis(occ)],
      ['occupancyOperating', 'occupancyOperating', num(occOp.ratePercent) + ' %', occBasis(occOp)],
      ['fdi', 'pFdi', num(get(s, 'projects.fdi'), 0), projectsBasis(s)],
      ['ddi', 'pDdi', num(get(s, 'projects.domestic'), 0), projectsBasis(s)],
      ['capitalFdiUsd', 'capFdiUsd', cap ? money(get(cap, 'USD.fdi')) : '–', cap ? num(get(cap, 'USD.fdi'), 0) + ' USD. ' + t('bCapital') + (get(cap, 'USD.domestic') ? ' · DDI USD ' + num(get(cap, 'USD.domestic'), 0) : '') : noCap],
      ['capitalDdiVnd', 'capDdiVnd', cap ? money(get(cap, 'VND.domestic')) : '–', cap ? num(get(cap, 'VND.domestic'), 0) + ' VND. ' + t('bCapital') + (get(cap, 'VND.fdi') ? ' · FDI VND ' + num(get(cap, 'VND.fdi'), 0) : '') : noCap],
      ['workers', 'workers', num(get(s, 'employment.workers'), 0), t('bWorkers', { source: basis(get(s, 'employment.source')) })]
    ];
    if (other.length) { list.push(['capitalOther', 'capOther', other.join('; '), t('bCapital')]); }
    return list;
  }
  // What may be added across kinds: projects and workers, labelled as all kinds together.
  function combined(s) {
    var pr = projectsBasis(s);
    return [
      ['zones', 'zAll', num(get(s, 'zones.total'), 0), t('bZonesAll', { operating: num(get(s, 'zones.operating'), 0), removed: num(get(s, 'zones.removed'), 0) })],
      ['projects', 'pAll', num(get(s, 'projects.active'), 0), pr],
      ['fdi', 'pFdiAll', num(get(s, 'projects.fdi'), 0), pr],
      ['ddi', 'pDdiAll', num(get(s, 'projects.domestic'), 0), pr],
      ['workers', 'workersAll', num(get(s, 'employment.workers'), 0), t('bWorkers', { source: basis(get(s, 'employment.source')) })]
    ];
  }

  function fillCards(cards, list, s) {
    var empty = cards.querySelector('.empty');
    if (empty) { empty.remove(); }
    list.forEach(function (f) {
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
      card.title = t(f[1]) + ': ' + f[2] + '\n' + f[3] + '\n' + t('computedAt') + ' ' + when(s.computedAt) + ' (' + s.scopeKey + ')'
        + (s.kindSource === 'byKind' ? '\n' + t('fromByKind') : '');
    });
  }

  // A scope's headline: all kinds together (projects and workers only), then one group per kind.
  function renderHeadline(section, s, type) {
    var box = section.querySelector('.groups');
    var stamp = section.querySelector('.stamp');
    if (!s) { box.innerHTML = '<p class="empty">' + esc(t('noData')) + '</p>'; return; }
    var lone = box.querySelector(':scope > .empty');
    if (lone) { lone.remove(); }
    stamp.textContent = t('computedAt') + ' ' + when(s.computedAt);
    stamp.title = s.scopeKey;
    ['ALL'].concat(KINDS).forEach(function (k) {
      var g = box.querySelector('.group[data-kind="' + k + '"]');
      if (!g) {
        g = document.createElement('div');
        g.className = 'group';
        g.dataset.kind = k;
        g.innerHTML = '<h3></h3><div class="cards"></div>';
        box.appendChild(g);
      }
      var cards = g.querySelector('.cards');
      if (k === 'ALL') {
        g.querySelector('h3').innerHTML = esc(t('allKindsCombined')) + ' <small>' + esc(t('allKindsNote')) + '</small>';
        fillCards(cards, combined(s), s);
        return;
      }
      var v = kindView(s, type, s.scopeCode, k);
      g.querySelector('h3').textContent = t('k' + k);
      if (!v) {
        cards.innerHTML = '<p class="empty">' + esc(t('noneOfKind')) + '</p>';
        return;
      }
      fillCards(cards, figures(v), v);
    });
    markDeclared(section, s, type);
  }

  // Declared figures (issue #16): a headline card whose figure a province (or the register office) declared
  // differently on some date is marked, with the declaration, its source and the register's figure on that date.
  var CARD = { 'zones.planned': 'planned', 'zones.established': 'established', 'zones.operating': 'operating',
    'areas.industrialLandHa': 'land', 'occupancy.ratePercent': 'occupancy', 'occupancyOperating.ratePercent': 'occupancyOperating',
    'projects.fdi': 'fdi', 'projects.domestic': 'ddi', 'employment.workers': 'workers' };
  var CARD_ALL = { 'zones.total': 'zones', 'projects.active': 'projects', 'projects.fdi': 'fdi', 'projects.domestic': 'ddi',
    'employment.workers': 'workers' };
  function headlineKey(type, c) { return type === 'NATIONAL' ? 'national:VN' : type === 'PROVINCE' ? 'province:' + c : 'former-province:' + c; }
  function markDeclared(section, s, type) {
    if (!s) { return; }
    var pick = {};
    (state.declared[headlineKey(type, s.scopeCode)] || []).forEach(function (r) {
      var g = r.kind || 'ALL', card = (g === 'ALL' ? CARD_ALL : CARD)[r.indicator];
      if (r.status !== 'DIFFERS' || !card) { return; }
      var have = pick[g + '|' + card];
      if (!have || have.validOn < r.validOn) { pick[g + '|' + card] = r; } // the latest date declared
    });
    Array.prototype.forEach.call(section.querySelectorAll('.group .card'), function (card) {
      var r = pick[card.closest('.group').dataset.kind + '|' + card.dataset.figure];
      var mark = card.querySelector('.declared');
      card.classList.toggle('conflict', !!r);
      if (!r) { if (mark) { mark.remove(); } delete card.dataset.declared; return; }
      if (!mark) { mark = document.createElement('span'); mark.className = 'declared'; card.appendChild(mark); }
      var unit = t(r.unit || 'count');
      mark.textContent = t('declaredMark', { value: num(r.declared) + (unit ? ' ' + unit : ''), date: izone.day(r.validOn), source: r.source,
        register: num(r.register), diff: izone.signed(r.difference) });
      card.dataset.declared = String(r.declared);
      card.title = card.title.split('\n\u26a0')[0] + '\n\u26a0 ' + mark.textContent;
    });
  }
  function loadDeclared(query) {
    return json('api/v1/discrepancies?' + query).then(function (answer) {
      if (!answer || !answer.rows) { return; } // registry or metrics away: no marks rather than wrong ones
      answer.rows.forEach(function (r) { (state.declared[r.scopeKey] = []); });
      answer.rows.forEach(function (r) { state.declared[r.scopeKey].push(r); });
      markDeclared(document.getElementById('national'), state.national, 'NATIONAL');
      if (state.selected) { markDeclared(document.getElementById('province'), state.lists[state.level][state.selected], state.level); }
    });
  }

  var quiet = false;
  function flash(el) { if (quiet) { return; } el.classList.add('flash'); setTimeout(function () { el.classList.remove('flash'); }, 60); }

  // Columns: [id, label key, header tooltip key, cell(row), class]; a row is {code, name, s (its figures), parent}.
  function occCol(kind) {
    return ['occ-' + kind, 'occ' + kind, 'hOcc', function (r) {
      var v = kindView(r.parent, state.level, r.code, kind);
      return v ? num(get(v, 'occupancy.ratePercent')) + ' %' : '–';
    }, kind === 'ECONOMIC_ZONE' ? 'opt' : ''];
  }
  var allCols = [
    ['code', 'code', 'hCode', function (r) { return esc(r.code); }, ''],
    ['name', 'name', 'hName', function (r) { return esc(r.name); }, 'txt'],
    ['zones', 'zones', 'hZones', function (r) { return num(get(r.s, 'zones.total'), 0); }, 'opt'],
    ['operating', 'zOperating', 'hOperating', function (r) { return num(get(r.s, 'zones.operating'), 0); }, ''],
    occCol('INDUSTRIAL_PARK'), occCol('INDUSTRIAL_CLUSTER'), occCol('ECONOMIC_ZONE'),
    ['projects', 'pAll', 'hProjects', function (r) { return num(get(r.s, 'projects.active'), 0); }, 'opt'],
    ['workers', 'workersAll', 'hWorkers', function (r) { return num(get(r.s, 'employment.workers'), 0); }, '']
  ];
  var kindCols = [
    ['code', 'code', 'hCode', function (r) { return esc(r.code); }, ''],
    ['name', 'name', 'hName', function (r) { return esc(r.name); }, 'txt'],
    ['zones', 'zones', 'hZones', function (r) { return num(get(r.s, 'zones.total'), 0); }, 'opt'],
    ['operating', 'zOperating', 'hOperating', function (r) { return num(get(r.s, 'zones.operating'), 0); }, ''],
    ['occupancy', 'occupancy', 'hOcc', function (r) { return num(get(r.s, 'occupancy.ratePercent')) + ' %'; }, ''],
    ['occupancyOperating', 'occupancyOperating', 'hOcc', function (r) { return num(get(r.s, 'occupancyOperating.ratePercent')) + ' %'; }, 'opt'],
    ['projects', 'projects', 'hProjects', function (r) { return num(get(r.s, 'projects.active'), 0); }, 'opt'],
    ['capitalFdiUsd', 'capFdiUsd', 'bCapital', function (r) { return money(get(r.s, 'projects.capitalByCurrency.USD.fdi')); }, 'opt'],
    ['workers', 'workers', 'hWorkers', function (r) { return num(get(r.s, 'employment.workers'), 0); }, '']
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
    if (!s) { return t('noneOfKind'); }
    if (col === 'occupancy') { return occBasis(s.occupancy); }
    if (col === 'occupancyOperating') { return occBasis(s.occupancyOperating); }
    if (col === 'workers') { return t('bWorkers', { source: basis(get(s, 'employment.source')) }); }
    if (col === 'projects') { return projectsBasis(s); }
    if (col === 'kind' || col === 'status') { return (get(s, 'place.' + col) || '') + ' · ' + t('placeSource', { source: t('src_' + get(s, 'place.source')) }); }
    if (col === 'capitalFdiUsd') { return num(get(s, 'projects.capitalByCurrency.USD.fdi'), 0) + ' USD. ' + t('bCapital'); }
    return t('computedAt') + ' ' + when(s.computedAt);
  }
  function head(table, cols) {
    table.tHead.innerHTML = '<tr>' + cols.map(function (c) { return '<th class="' + c[4] + '" data-col="' + c[0] + '" title="' + esc(t(c[2])) + '">' + esc(t(c[1])) + '</th>'; }).join('') + '</tr>';
  }
  function fillRow(tr, cols, s, figuresOf) {
    cols.forEach(function (c, i) {
      var td = tr.cells[i] || tr.insertCell(i);
      td.className = c[4];
      if (td.dataset.col !== c[0]) { td.innerHTML = ''; td.dataset.col = c[0]; }
      var html = c[3](s);
      if (td.innerHTML !== html) { if (td.innerHTML) { flash(td); } td.innerHTML = html; }
      var occKind = c[0].indexOf('occ-') === 0 ? c[0].substring(4) : null;
      td.title = occKind ? cellBasis('occupancy', kindView(s.parent, state.level, s.code, occKind)) : cellBasis(c[0], figuresOf ? figuresOf(s) : s);
    });
    while (tr.cells.length > cols.length) { tr.deleteCell(-1); }
  }

  function rowsOfList() {
    var list = state.lists[state.level];
    return Object.keys(list).map(function (c) {
      var p = list[c];
      return { code: c, name: p.scopeName || c, parent: p, s: state.kind === 'ALL' ? p : kindView(p, state.level, c, state.kind) };
    });
  }

  function renderProvinces() {
    var table = document.getElementById('provinces-table');
    var cols = state.kind === 'ALL' ? allCols : kindCols;
    table.dataset.kind = state.kind;
    table.dataset.level = state.level;
    head(table, cols);
    var q = document.getElementById('filter-name').value.trim().toLowerCase();
    var minOcc = Number(document.getElementById('filter-occupancy').value);
    var onlyOperating = document.getElementById('filter-operating').checked;
    var list = rowsOfList()
      .filter(function (r) {
        if (!r.s) { return false; }   // no zone of this kind there
        var name = (r.name + ' ' + r.code).toLowerCase();
        var occ = state.kind === 'ALL'
          ? Math.max.apply(null, KINDS.map(function (k) { var v = kindView(r.parent, state.level, r.code, k); return Number(get(v, 'occupancy.ratePercent') || 0); }).concat([minOcc > 0 ? 0 : 1]))
          : Number(get(r.s, 'occupancy.ratePercent') || 0);
        return (!q || name.indexOf(q) >= 0) && (minOcc === 0 || occ >= minOcc)
          && (!onlyOperating || Number(get(r.s, 'zones.operating') || 0) > 0);
      })
      .sort(function (a, b) { return String(a.name).localeCompare(String(b.name), 'vi'); });
    var body = table.tBodies[0];
    var rows = {};
    Array.prototype.forEach.call(body.rows, function (r) { rows[r.dataset.code] = r; });
    list.forEach(function (r, i) {
      var tr = rows[r.code];
      if (!tr) { tr = document.createElement('tr'); tr.dataset.code = r.code; tr.addEventListener('click', function () { selectProvince(tr.dataset.code); }); }
      delete rows[r.code];
      fillRow(tr, cols, r, function (x) { return x.s; });
      tr.classList.toggle('selected', r.code === state.selected);
      if (body.rows[i] !== tr) { body.insertBefore(tr, body.rows[i] || null); }
    });
    Object.keys(rows).forEach(function (k) { rows[k].remove(); });
    document.getElementById('provinces-empty').hidden = list.length > 0;
    var base = 'api/v1/exports/' + (state.level === 'PROVINCE' ? 'provinces' : 'former-provinces');
    var kq = state.kind === 'ALL' ? '' : '?kind=' + state.kind;
    document.getElementById('list-csv').href = base + '.csv' + kq;
    document.getElementById('list-xlsx').href = base + '.xlsx' + kq;
  }

  function zonesInView() {
    return state.kind === 'ALL' ? state.zones : state.zones.filter(function (z) { return get(z, 'place.kind') === state.kind; });
  }
  function renderZones() {
    var table = document.getElementById('zones-table');
    head(table, zoneCols);
    var body = table.tBodies[0];
    body.innerHTML = '';
    var zones = zonesInView();
    zones.forEach(function (z) {
      var tr = body.insertRow();
      tr.dataset.zone = z.scopeCode;
      tr.addEventListener('click', function () { selectZone(z.scopeCode); });
      fillRow(tr, zoneCols, z);
      tr.classList.toggle('selected', z.scopeCode === state.zone);
    });
    document.getElementById('zones-empty').hidden = zones.length > 0;
    // The former provinces this province was made of, as its zones say: a click drills down to one of them.
    var former = document.getElementById('former-links');
    var codes = [];
    if (state.level === 'PROVINCE') {
      state.zones.forEach(function (z) { var c = get(z, 'place.formerProvinceCode'); if (c && codes.indexOf(c) < 0) { codes.push(c); } });
    }
    codes.sort();
    former.hidden = codes.length === 0;
    former.innerHTML = codes.length ? esc(t('madeOf')) + ': ' + codes.map(function (c) {
      var f = state.lists.FORMER_PROVINCE[c];
      return '<button type="button" class="linkish" data-former="' + esc(c) + '">' + esc((f && f.scopeName) || c) + ' (' + esc(c) + ')</button>';
    }).join('') : '';
  }

  function nameSelected() {
    var s = state.lists[state.level][state.selected], name = s ? (s.scopeName || state.selected) : state.selected;
    document.getElementById('province-name').textContent = (state.level === 'FORMER_PROVINCE' ? t('formerPrefix') + ' ' : '') + name;
  }
  function path(level) { return level === 'PROVINCE' ? 'provinces/' : 'former-provinces/'; }
  function selectProvince(c) {
    state.selected = c;
    state.zone = null;
    var s = state.lists[state.level][c];
    var sec = document.getElementById('province');
    sec.hidden = false;
    sec.dataset.level = state.level;
    sec.dataset.code = c;
    sec.querySelector('.groups').innerHTML = '';
    var name = s ? (s.scopeName || c) : c;
    nameSelected();
    var summary = document.getElementById('province-summary');
    summary.hidden = state.level !== 'PROVINCE';
    summary.href = API + 'provinces/' + encodeURIComponent(c) + '/summary.html';
    document.getElementById('province-report').href = API + path(state.level) + encodeURIComponent(c) + '/report.pdf';
    var declared = document.getElementById('province-discrepancies');
    declared.hidden = state.level !== 'PROVINCE';
    declared.href = 'discrepancies.html?province=' + encodeURIComponent(c);
    renderHeadline(sec, s, state.level);
    renderProvinces();
    document.getElementById('zones-section').hidden = false;
    document.getElementById('zones-province').textContent = name;
    var exp = 'api/v1/exports/' + path(state.level) + encodeURIComponent(c) + '/zones';
    document.getElementById('zones-csv').href = exp + '.csv';
    document.getElementById('zones-xlsx').href = exp + '.xlsx';
    state.zones = [];
    renderZones();
    loadZones();
    loadTrends();
    loadDeclared(state.level === 'PROVINCE' ? 'province=' + encodeURIComponent(c) : 'scopeType=FORMER_PROVINCE&scopeCode=' + encodeURIComponent(c));
  }
  function loadZones() {
    if (!state.selected) { return; }
    var c = state.selected, level = state.level;
    json(API + path(level) + encodeURIComponent(c) + '/zones').then(function (zones) {
      if (state.selected !== c || state.level !== level) { return; }
      state.zones = zones || [];
      renderZones();
    });
  }

  function selectZone(id) {
    state.zone = id;
    renderZones();
    loadTrends();
  }

  // The kind figures as the list endpoints give them (?kind=): those that are the kind's own snapshot are kept.
  function keepKinds(list) {
    (list || []).forEach(function (v) {
      if (v.kindSource === 'snapshot' && v.scopeKey) {
        var have = state.kinds[v.scopeKey];
        if (!have || time(have) <= time(v)) { state.kinds[v.scopeKey] = v; }
      }
    });
  }
  function keepList(type, list) {
    (list || []).forEach(function (s) {
      var have = state.lists[type][s.scopeCode];
      if (!have || time(have) <= time(s)) { state.lists[type][s.scopeCode] = s; }
    });
  }
  function loadLevel(type) {
    var p = type === 'PROVINCE' ? 'provinces' : 'former-provinces';
    return Promise.all([json(API + p)].concat(KINDS.map(function (k) { return json(API + p + '?kind=' + k); }))).then(function (r) {
      keepList(type, r[0]);
      r.slice(1).forEach(keepKinds);
      if (type === 'FORMER_PROVINCE') { state.loadedFormer = true; }
    });
  }
  function setLevel(level) {
    document.getElementById('level').value = level;
    var ready = level === 'FORMER_PROVINCE' && !state.loadedFormer ? loadLevel(level) : Promise.resolve();
    return ready.then(function () {
      if (state.level !== level) {
        state.level = level;
        state.selected = null;
        document.getElementById('province').hidden = true;
        document.getElementById('zones-section').hidden = true;
      }
      quiet = true;
      try { renderProvinces(); } finally { quiet = false; }
    });
  }
  function setKind(kind) {
    state.kind = kind;
    Array.prototype.forEach.call(document.querySelectorAll('#kind-switch button'), function (b) { b.setAttribute('aria-pressed', String(b.dataset.kind === kind)); });
    quiet = true;
    try { renderProvinces(); if (state.selected) { renderZones(); } } finally { quiet = false; }
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
      var p = state.lists[state.level][state.selected];
      return { path: path(state.level) + encodeURIComponent(state.selected), name: p ? (p.scopeName || state.selected) : state.selected,
        key: (state.level === 'PROVINCE' ? 'province:' : 'former-province:') + state.selected };
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
        fig.querySelector('.basis').textContent = last ? t('chartBasis') + (last.basis ? ' · ' + basis(last.basis) : '')
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
      renderHeadline(document.getElementById('national'), state.national, 'NATIONAL');
      if (state.selected) { nameSelected(); renderHeadline(document.getElementById('province'), state.lists[state.level][state.selected], state.level); renderZones(); }
      renderProvinces();
      setLive(document.getElementById('live').dataset.state);
      loadTrends();
    } finally { quiet = false; }
  });
  function setLive(s) {
    var el = document.getElementById('live');
    el.dataset.state = s;
    document.getElementById('live-text').textContent = t(s === 'open' ? 'live' : s === 'error' ? 'offline' : 'connecting');
    el.title = t('liveTitle') + ': api/v1/rollups/live';
  }

  var zoneReload = null;
  function parentOf(s) {
    var c = String(s.scopeCode || ''), i = c.lastIndexOf(':');
    return i < 0 ? c : c.substring(0, i);
  }
  function onSnapshot(s) {
    if (!s || !s.scopeType) { return; }
    var type = s.scopeType;
    if (type === 'NATIONAL') {
      state.national = s;
      renderHeadline(document.getElementById('national'), s, 'NATIONAL');
    } else if (type === 'ZONE_KIND') {
      if (!state.kinds[s.scopeKey] || time(state.kinds[s.scopeKey]) <= time(s)) { state.kinds[s.scopeKey] = s; }
      renderHeadline(document.getElementById('national'), state.national, 'NATIONAL');
    } else if (type === 'PROVINCE' || type === 'FORMER_PROVINCE') {
      if (type === 'PROVINCE' || state.loadedFormer) { state.lists[type][s.scopeCode] = s; }
      if (type === state.level) {
        renderProvinces();
        if (s.scopeCode === state.selected) { renderHeadline(document.getElementById('province'), s, type); }
      }
    } else if (type === 'PROVINCE_KIND' || type === 'FORMER_PROVINCE_KIND') {
      if (!state.kinds[s.scopeKey] || time(state.kinds[s.scopeKey]) <= time(s)) { state.kinds[s.scopeKey] = s; }
      var level = type === 'PROVINCE_KIND' ? 'PROVINCE' : 'FORMER_PROVINCE';
      if (level === state.level) {
        renderProvinces();
        if (parentOf(s) === state.selected) { renderHeadline(document.getElementById('province'), state.lists[level][state.selected], level); }
      }
    } else if (type === 'ZONE' && state.selected) {
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
  document.getElementById('level').addEventListener('change', function (e) { setLevel(e.target.value); });
  Array.prototype.forEach.call(document.querySelectorAll('#kind-switch button'), function (b) {
    b.addEventListener('click', function () { setKind(b.dataset.kind); });
  });
  document.getElementById('former-links').addEventListener('click', function (e) {
    var c = e.target && e.target.dataset && e.target.dataset.former;
    if (c) { setLevel('FORMER_PROVINCE').then(function () { selectProvince(c); }); }
  });

  connect();
  Promise.all([json(API + 'national'), loadLevel('PROVINCE'), izone.loadVocabulary()].concat(KINDS.map(function (k) { return json(API + 'zone-kinds/' + k); })))
    .then(function (r) {
      if (r[0] && (!state.national || time(state.national) <= time(r[0]))) { state.national = r[0]; }
      r.slice(3).forEach(function (k) {
        if (k && k.scopeKey && (!state.kinds[k.scopeKey] || time(state.kinds[k.scopeKey]) <= time(k))) { state.kinds[k.scopeKey] = k; }
      });
      quietRelabel();
      document.body.dataset.ready = 'true';
      loadDeclared('scopeType=NATIONAL');
    });
})();

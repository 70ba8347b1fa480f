// Shared by the dashboard's pages (index.html, land-bank.html): words in both languages, number formats, fetch and
// the line chart. Plain JS, no build step, nothing loaded from elsewhere; everything hangs off window.izone.
(function () {
  'use strict';
  var izone = window.izone = {};
  // Each word once with both languages side by side ([vi, en]), so neither language can miss a key.
  var words = {};
  var lang = localStorage.getItem('izone.lang') === 'en' ? 'en' : 'vi';

  izone.words = function (table) { Object.keys(table).forEach(function (k) { words[k] = table[k]; }); };
  izone.lang = function () { return lang; };
  izone.t = function (key, vars) {
    var w = words[key], s = w ? (lang === 'en' ? w[1] : w[0]) : key;
    if (vars) { Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(vars[k] == null ? '–' : vars[k]); }); }
    return s;
  };
  // Basis sentences come from metrics-service in English; on the Vietnamese page they are shown in Vietnamese from
  // reporting's dictionary (/api/v1/vocabulary: whole sentences, known beginnings), and one not in it yet as a
  // Vietnamese note, never as English.
  var vocabulary = { basis: {}, prefixes: {}, unknown: 'cơ sở tính do metrics-service ghi, chưa có bản tiếng Việt (xem trang tiếng Anh)' };
  izone.vocabulary = function (v) { if (v && v.basis) { vocabulary = v; } };
  izone.basis = function (s) {
    if (s == null || s === '' || lang === 'en') { return s; }
    s = String(s);
    if (vocabulary.basis[s.trim()]) { return vocabulary.basis[s.trim()]; }
    var hit = Object.keys(vocabulary.prefixes || {}).filter(function (p) { return s.indexOf(p) === 0; })[0];
    return hit ? vocabulary.prefixes[hit] + izone.basis(s.substring(hit.length)) : vocabulary.unknown;
  };
  izone.loadVocabulary = function (prefix) { return izone.json((prefix || '') + 'api/v1/vocabulary').then(izone.vocabulary, function () {}); };
  // Registry codes shown in words (docs/glossary.md); the code itself stays in the tooltip.
  izone.code = function (c) { return c ? (words[c] ? izone.t(c) : c) : ''; };
  izone.get = function (o, path) { return path.split('.').reduce(function (a, k) { return a == null ? undefined : a[k]; }, o); };
  izone.num = function (v, digits) {
    if (v == null || v === '' || isNaN(Number(v))) { return '–'; }
    return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: digits == null ? 2 : digits }).format(Number(v));
  };
  // Money in words boards use (tỷ = 10^9, triệu = 10^6); the exact amount is in the figure's basis.
  izone.money = function (v) {
    if (v == null || isNaN(Number(v))) { return '–'; }
    var n = Number(v), a = Math.abs(n), vi = lang === 'vi';
    if (a >= 1e9) { return izone.num(n / 1e9, 2) + (vi ? ' tỷ' : ' bn'); }
    if (a >= 1e6) { return izone.num(n / 1e6, 2) + (vi ? ' triệu' : ' M'); }
    return izone.num(n, 0);
  };
  izone.esc = function (s) {
    return String(s == null ? '' : s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  };
  izone.when = function (iso) { return iso ? new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') : ''; };
  izone.json = function (url) { return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) { return r.ok ? r.json() : null; }); };

  /** The language button (#lang) and every [data-i18n] element; onChange redraws what the page writes itself. */
  izone.languageToggle = function (onChange) {
    function relabel() {
      document.documentElement.lang = lang;
      document.getElementById('lang').textContent = lang === 'vi' ? 'EN' : 'VI';
      Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (el) { el.textContent = izone.t(el.dataset.i18n); });
      Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-title]'), function (el) { el.title = izone.t(el.dataset.i18nTitle); });
      onChange();
    }
    document.getElementById('lang').addEventListener('click', function () {
      lang = lang === 'vi' ? 'en' : 'vi';
      localStorage.setItem('izone.lang', lang);
      relabel();
    });
    return relabel;
  };

  /**
   * An inline SVG line chart of a series' points ({period, value, basis, computedAt}): y from 0 to the larger of
   * o.floor and the values, one point per period with its value, basis and snapshot time in a tooltip.
   * o: label (for screen readers), unit (after each value), axis(v) and value(v) to write numbers, floor.
   */
  izone.lineChart = function (points, o) {
    var W = 720, H = 260, L = 64, R = 28, TOP = 12, B = 36;
    var max = Math.max(o.floor || 0, Math.max.apply(null, points.map(function (p) { return Number(p.value); })));
    if (!(max > 0)) { max = 1; }
    var n = points.length;
    function x(i) { return L + (n === 1 ? (W - L - R) / 2 : i * (W - L - R) / (n - 1)); }
    function y(v) { return TOP + (H - TOP - B) * (1 - Number(v) / max); }
    var svg = ['<svg viewBox="0 0 ' + W + ' ' + H + '" role="img" aria-label="' + izone.esc(o.label) + '" xmlns="http://www.w3.org/2000/svg">'];
    for (var g = 0; g <= 4; g++) {
      var gv = max * g / 4, gy = y(gv);
      svg.push('<line class="grid" x1="' + L + '" x2="' + (W - R) + '" y1="' + gy + '" y2="' + gy + '"/>');
      svg.push('<text x="' + (L - 6) + '" y="' + (gy + 4) + '" text-anchor="end">' + izone.esc(o.axis(gv)) + '</text>');
    }
    svg.push('<line class="axis" x1="' + L + '" x2="' + (W - R) + '" y1="' + y(0) + '" y2="' + y(0) + '"/>');
    svg.push('<polyline class="line" points="' + points.map(function (p, i) { return x(i) + ',' + y(p.value); }).join(' ') + '"/>');
    var every = Math.max(1, Math.ceil(n / 10));
    points.forEach(function (p, i) {
      svg.push('<circle class="pt" cx="' + x(i) + '" cy="' + y(p.value) + '" r="4"><title>' + izone.esc(p.period + ': ' + o.value(p.value)
        + ' ' + o.unit + (p.basis ? '\n' + izone.basis(p.basis) : '') + '\n' + izone.t('computedAt') + ' ' + izone.when(p.computedAt)) + '</title></circle>');
      if (i % every === 0 || i === n - 1) {
        svg.push('<text x="' + x(i) + '" y="' + (H - B + 16) + '" text-anchor="middle">' + izone.esc(p.period) + '</text>');
      }
    });
    svg.push('</svg>');
    return svg.join('');
  };

  izone.words({
    live: ['trực tiếp', 'live'], connecting: ['đang kết nối', 'connecting'], offline: ['mất kết nối, đang thử lại', 'offline, retrying'],
    computedAt: ['tính lúc', 'computed at'], name: ['Tên', 'Name'], kind: ['Loại', 'Kind'], status: ['Trạng thái', 'Status'],
    hKind: ['KCN, CCN hoặc KKT', 'Industrial park, cluster or economic zone'],
    INDUSTRIAL_PARK: ['KCN', 'Industrial park'], INDUSTRIAL_CLUSTER: ['CCN', 'Industrial cluster'], ECONOMIC_ZONE: ['KKT', 'Economic zone'],
    BORDER_GATE_ECONOMIC_ZONE: ['KKT cửa khẩu', 'Border-gate EZ'], PLANNED: ['Có trong quy hoạch', 'Planned'],
    LAND_TARGET_ALLOCATED: ['Được phân bổ chỉ tiêu đất', 'Land target allocated'], ESTABLISHED: ['Đã thành lập', 'Established'],
    INVESTMENT_APPROVED: ['Được chấp thuận chủ trương đầu tư', 'Investment approved'],
    DETAILED_PLANNING_APPROVED: ['Được duyệt quy hoạch chi tiết', 'Detailed planning approved'],
    UNDER_CONSTRUCTION: ['Đang xây dựng hạ tầng', 'Under construction'], IN_OPERATION: ['Đang hoạt động', 'In operation'],
    EXPANDED: ['Mở rộng', 'Expanded'], REMOVED_FROM_PLANNING: ['Đưa ra khỏi quy hoạch', 'Removed from planning'],
    SPECIALISED: ['CCN chuyên ngành', 'Specialised cluster'], ECOLOGICAL: ['CCN sinh thái', 'Ecological cluster'],
    HIGH_TECH: ['CCN công nghệ cao', 'High-tech cluster'], ECOLOGICAL_CRAFT_VILLAGE: ['CCN làng nghề sinh thái', 'Ecological craft-village cluster'],
    MIXED: ['CCN hỗn hợp', 'Mixed cluster'], FDI: ['FDI (vốn nước ngoài)', 'FDI (foreign)'], DOMESTIC: ['DDI (vốn trong nước)', 'DDI (domestic)']
  });
  // The register figures a declaration can name (registry RegisterIndicator), for the discrepancy view and the marks.
  izone.words({
    'zones.total': ['Số khu đã đăng ký', 'Zones registered'], 'zones.planned': ['Số khu quy hoạch', 'Zones planned'],
    'zones.established': ['Số khu đã thành lập', 'Zones established'], 'zones.operating': ['Số khu đang hoạt động', 'Zones in operation'],
    'areas.plannedHa': ['Diện tích quy hoạch (ha)', 'Planned area (ha)'], 'areas.establishedHa': ['Diện tích thành lập (ha)', 'Established area (ha)'],
    'areas.operatingHa': ['Diện tích đang hoạt động (ha)', 'Area in operation (ha)'],
    'areas.industrialLandHa': ['Đất công nghiệp cho thuê (ha)', 'Industrial land for lease (ha)'], 'areas.leasedHa': ['Đã cho thuê (ha)', 'Leased (ha)'],
    'occupancy.ratePercent': ['Tỷ lệ lấp đầy (%)', 'Occupancy (%)'], 'occupancyOperating.ratePercent': ['Lấp đầy khu đang hoạt động (%)', 'Occupancy of operating zones (%)'],
    'projects.active': ['Dự án đang hoạt động', 'Active projects'], 'projects.fdi': ['Dự án FDI', 'FDI projects'],
    'projects.domestic': ['Dự án DDI', 'DDI projects'], 'employment.workers': ['Lao động', 'Workers'],
    AGREES: ['Khớp', 'Agrees'], DIFFERS: ['Chênh lệch', 'Differs'], NOT_A_REGISTER_FIGURE: ['Sổ đăng ký không tính số này', 'Not a register figure'],
    REGISTER_UNAVAILABLE: ['Chưa có số của sổ đăng ký', 'Register figure unavailable'],
    count: ['', ''], ha: ['ha', 'ha'], percent: ['%', '%'], persons: ['người', 'people'], VND: ['VND', 'VND'], USD: ['USD', 'USD'],
    declaredMark: ['Khai báo {value} ngày {date} ({source}); sổ đăng ký khi đó: {register}, chênh lệch {diff}',
      'Declared {value} on {date} ({source}); the register then: {register}, difference {diff}'],
    discrepancies: ['Số khai báo so với sổ đăng ký', 'Declared figures against the register']
  });
  // A date of the register (YYYY-MM-DD) as the page's language writes it.
  izone.day = function (iso) {
    var p = String(iso || '').split('-');
    return p.length === 3 ? p[2] + '/' + p[1] + '/' + p[0] : (iso || ''); // both languages write day/month/year here
  };
  // A difference with its sign (+4, −4), as boards read it.
  izone.signed = function (v) {
    if (v == null || isNaN(Number(v))) { return '–'; }
    var n = Number(v);
    return (n > 0 ? '+' : n < 0 ? '−' : '') + izone.num(Math.abs(n));
  };
})();

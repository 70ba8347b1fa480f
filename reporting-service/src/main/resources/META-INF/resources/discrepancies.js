// Declared figures held against the register (issue #16): GET /api/v1/discrepancies, one row per declaration with its
// source beside the register's figure on the same date. Filters are kept in the address so a view can be shared.
(function () {
  'use strict';
  var t = izone.t, num = izone.num, esc = izone.esc, code = izone.code;
  izone.words({
    dSubtitle: ['Mỗi số tỉnh khai báo, kèm nguồn, bên cạnh số của sổ đăng ký cho cùng phạm vi, loại khu và ngày',
      'Every figure a province declared, with its source, beside the register\'s figure for the same scope, kind and date'],
    backToDashboard: ['Bảng số liệu', 'Dashboard'], fProvince: ['Tỉnh, thành phố', 'Province'], all: ['Tất cả', 'All'],
    dOnlyConflicting: ['Chỉ những số lệch với sổ đăng ký', 'Only figures that differ from the register'],
    dNone: ['Chưa có số khai báo nào khớp bộ lọc.', 'No declared figure matches the filters.'],
    dFooter: ['Số khai báo: registry-service (GET /api/v1/figures, bản mới nhất của mỗi số và ngày). Số của sổ đăng ký: metrics-service tính theo ngày của số khai báo (asOf), mỗi khu, dự án, báo cáo ở trạng thái có hiệu lực ngày đó. Chênh lệch = khai báo − sổ đăng ký.',
      'Declared figures: registry-service (GET /api/v1/figures, the latest submission of each figure and date). Register figures: metrics-service, as of the declaration\'s date (asOf): each zone, project and report as valid on that day. Difference = declared − register.'],
    dScope: ['Phạm vi', 'Scope'], dIndicator: ['Chỉ tiêu', 'Indicator'], dValidOn: ['Ngày số liệu', 'Valid on'],
    dDeclared: ['Khai báo', 'Declared'], dSource: ['Nguồn', 'Source'], dRegister: ['Sổ đăng ký', 'Register'],
    dDifference: ['Chênh lệch', 'Difference'], dStatus: ['Đối chiếu', 'Check'], allKindsShort: ['mọi loại', 'all kinds'],
    dSummary: ['{n} số khai báo, {c} số lệch với sổ đăng ký.', '{n} declared figures, {c} differ from the register.'],
    dError: ['Không tải được số khai báo: {detail}', 'The declared figures could not be loaded: {detail}'],
    sPROVINCE: ['Tỉnh', 'Province'], sFORMER_PROVINCE: ['Tỉnh cũ', 'Former province'], sZONE: ['Khu', 'Zone'], sNATIONAL: ['Toàn quốc', 'Whole country']
  });
  var COLS = [['dScope', 'txt'], ['kind', 'txt'], ['dIndicator', 'txt'], ['dValidOn', ''], ['dDeclared', ''], ['dSource', 'txt opt'],
    ['dRegister', ''], ['dDifference', ''], ['dStatus', 'txt']];
  var answer = null;

  function params() {
    var q = new URLSearchParams();
    var p = document.getElementById('d-province').value, k = document.getElementById('d-kind').value;
    if (p) { q.set('province', p); }
    if (k) { q.set('kind', k); }
    if (document.getElementById('d-conflicting').checked) { q.set('conflicting', 'true'); }
    return q;
  }
  function scope(r) {
    var name = r.scopeType === 'NATIONAL' ? '' : (r.scopeName || r.scopeCode);
    return t('s' + r.scopeType) + (name ? ' ' + name : '');
  }
  function value(v, unit) { var u = t(unit || 'count'); return num(v) + (u ? ' ' + u : ''); }
  function render() {
    var table = document.getElementById('d-table');
    table.tHead.innerHTML = '<tr>' + COLS.map(function (c) { return '<th class="' + c[1] + '">' + esc(t(c[0])) + '</th>'; }).join('') + '</tr>';
    var rows = answer ? answer.rows : [];
    document.getElementById('d-empty').hidden = rows.length > 0;
    document.getElementById('d-summary').textContent = answer ? t('dSummary', { n: answer.declarations, c: answer.conflicting }) : '';
    table.tBodies[0].innerHTML = rows.map(function (r) {
      var cells = [scope(r), r.kind ? code(r.kind) : t('allKindsShort'), r.indicator ? t(r.indicator) : r.figure, izone.day(r.validOn),
        value(r.declared, r.unit), r.source, r.register == null ? '–' : value(r.register, r.unit), izone.signed(r.difference), t(r.status)];
      var tip = r.figure + ' · ' + r.scopeKey + (r.registerScopeKey ? ' → ' + r.registerScopeKey : '') + (r.registerBasis ? '\n' + izone.basis(r.registerBasis) : '')
        + (r.note ? '\n' + r.note : '') + '\n' + (r.actor || '') + ' · ' + izone.when(r.recordedAt);
      return '<tr class="s-' + esc(r.status) + '" data-scope="' + esc(r.scopeKey) + '" data-indicator="' + esc(r.indicator || '') + '" data-kind="' + esc(r.kind || '')
        + '" title="' + esc(tip) + '">' + cells.map(function (c, i) { return '<td class="' + COLS[i][1] + '">' + esc(c) + '</td>'; }).join('') + '</tr>';
    }).join('');
  }
  function load() {
    var q = params();
    history.replaceState(null, '', q.toString() ? '?' + q.toString() : location.pathname);
    var err = document.getElementById('d-error');
    return fetch('api/v1/discrepancies?' + q.toString(), { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (body) {
        if (!r.ok) { answer = null; err.hidden = false; err.textContent = t('dError', { detail: (body && body.detail) || r.status }); }
        else { answer = body; err.hidden = true; }
        render();
        document.body.dataset.ready = 'true';
      });
    });
  }
  var relabel = izone.languageToggle(render);
  var start = new URLSearchParams(location.search);
  ['province', 'kind'].forEach(function (k) { if (start.get(k)) { document.getElementById('d-' + k).dataset.want = start.get(k); } });
  document.getElementById('d-conflicting').checked = start.get('conflicting') === 'true';
  Promise.all([izone.json('api/v1/rollups/provinces'), izone.loadVocabulary()]).then(function (r) {
    var sel = document.getElementById('d-province');
    (r[0] || []).slice().sort(function (a, b) { return String(a.scopeName).localeCompare(String(b.scopeName), 'vi'); }).forEach(function (p) {
      var o = document.createElement('option'); o.value = p.scopeCode; o.textContent = p.scopeName || p.scopeCode; sel.appendChild(o);
    });
    ['province', 'kind'].forEach(function (k) {
      var el = document.getElementById('d-' + k), want = el.dataset.want;
      if (want && !Array.prototype.some.call(el.options, function (o) { return o.value === want; })) {
        var o = document.createElement('option'); o.value = want; o.textContent = want; el.appendChild(o);
      }
      if (want) { el.value = want; }
    });
    relabel();
    load();
  });
  document.getElementById('d-filters').addEventListener('change', load);
})();

package vn.izone.reporting.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import vn.izone.reporting.kinds.Kinds;
import vn.izone.reporting.series.IndicatorPaths;
import vn.izone.reporting.vocabulary.Basis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The board report of a province or former province as a PDF (A4, in Vietnamese): headline figures per kind with
 * their basis, all kinds together only for what adds up (projects, workers), the zone table, the date of the figures
 * and their sources, page numbers. Rendered by openhtmltopdf (PDFBox) from XHTML; the DejaVu Sans font (full
 * Vietnamese) comes with the build, from the jasperreports-fonts jar, and is embedded (subset) in the file.
 */
public final class BoardReport {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String FONT = "net/sf/jasperreports/fonts/dejavu/";
    static final Map<String, String> KIND_NAMES = Map.of("INDUSTRIAL_PARK", "Khu công nghiệp", "INDUSTRIAL_CLUSTER", "Cụm công nghiệp",
            "ECONOMIC_ZONE", "Khu kinh tế");
    static final Map<String, String> STATUS = Map.ofEntries(Map.entry("PLANNED", "Có trong quy hoạch"),
            Map.entry("LAND_TARGET_ALLOCATED", "Được phân bổ chỉ tiêu đất"), Map.entry("ESTABLISHED", "Đã thành lập"),
            Map.entry("INVESTMENT_APPROVED", "Được chấp thuận chủ trương đầu tư"), Map.entry("DETAILED_PLANNING_APPROVED", "Được duyệt quy hoạch chi tiết"),
            Map.entry("UNDER_CONSTRUCTION", "Đang xây dựng hạ tầng"), Map.entry("IN_OPERATION", "Đang hoạt động"),
            Map.entry("EXPANDED", "Mở rộng"), Map.entry("REMOVED_FROM_PLANNING", "Đưa ra khỏi quy hoạch"));

    private BoardReport() {
    }

    /** @param kinds the figures of each kind present (Kinds.view), in the usual order */
    public static byte[] pdf(boolean former, JsonNode p, Map<String, JsonNode> kinds, List<JsonNode> zones) {
        String html = html(former, p, kinds, zones);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.useFont(() -> font("DejaVuSans.ttf"), "DejaVu Sans", 400, BaseRendererBuilder.FontStyle.NORMAL, true);
            b.useFont(() -> font("DejaVuSans-Bold.ttf"), "DejaVu Sans", 700, BaseRendererBuilder.FontStyle.NORMAL, true);
            b.useFont(() -> font("DejaVuSans-Oblique.ttf"), "DejaVu Sans", 400, BaseRendererBuilder.FontStyle.ITALIC, true);
            b.withHtmlContent(html, null);
            b.toStream(out);
            b.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream font(String name) {
        InputStream in = BoardReport.class.getClassLoader().getResourceAsStream(FONT + name);
        if (in == null) {
            throw new IllegalStateException("font " + FONT + name + " is not on the class path (net.sf.jasperreports:jasperreports-fonts)");
        }
        return in;
    }

    static String html(boolean former, JsonNode p, Map<String, JsonNode> kinds, List<JsonNode> zones) {
        String name = esc(p.path("scopeName").asText(p.path("scopeCode").asText()));
        String code = esc(p.path("scopeCode").asText());
        String title = (former ? "Tỉnh cũ " : "") + name;
        StringBuilder h = new StringBuilder(16_384 + zones.size() * 400);
        h.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <html xmlns="http://www.w3.org/1999/xhtml" lang="vi"><head><meta charset="utf-8"/>
                <title>Báo cáo khu, cụm công nghiệp: %1$s</title>
                <style>
                @page { size: A4 portrait; margin: 16mm 12mm 16mm 12mm;
                  @top-left { content: "izone · Báo cáo khu, cụm công nghiệp · %1$s"; font: 7.5pt 'DejaVu Sans'; color: #555; }
                  @bottom-left { content: "Số liệu tính lúc %3$s (giờ Việt Nam)"; font: 7.5pt 'DejaVu Sans'; color: #555; }
                  @bottom-right { content: "Trang " counter(page) " / " counter(pages); font: 7.5pt 'DejaVu Sans'; color: #555; } }
                body { font-family: 'DejaVu Sans'; font-size: 9pt; line-height: 1.3; color: #111; }
                h1 { font-size: 16pt; margin: 0 0 1mm; } h2 { font-size: 11pt; margin: 5mm 0 1.5mm; border-bottom: 0.6pt solid #888; }
                h3 { font-size: 10pt; margin: 3mm 0 1mm; }
                .meta { color: #444; font-size: 8pt; }
                table { width: 100%%; border-collapse: collapse; -fs-table-paginate: paginate; }
                th, td { border-bottom: 0.4pt solid #bbb; padding: 0.8mm 1.2mm; vertical-align: top; }
                th { text-align: left; font-weight: bold; background: #eef2f0; }
                td.n, th.n { text-align: right; white-space: nowrap; }
                table.figs td.v { font-weight: bold; text-align: right; white-space: nowrap; width: 26mm; }
                table.figs td.l { width: 42mm; } table.figs td.b { color: #444; font-size: 7.5pt; }
                table.zones { font-size: 7.5pt; } thead { display: table-header-group; } tr { page-break-inside: avoid; }
                .k-INDUSTRIAL_PARK { color: #0b6e4f; } .k-INDUSTRIAL_CLUSTER { color: #a35f00; } .k-ECONOMIC_ZONE { color: #2a5db0; }
                .src { font-size: 7.5pt; color: #444; }
                </style></head><body>
                <h1>%1$s</h1>
                <div class="meta">%4$s %2$s · Số liệu tính lúc %3$s (giờ Việt Nam) · Báo cáo lập lúc %5$s</div>
                """.formatted(title, code, when(p.path("computedAt").asText()), former ? "Mã tỉnh cũ (trước sáp nhập 2025)" : "Mã tỉnh",
                when(Instant.now().toString())));

        h.append("<h2>Tất cả các loại, cộng chung</h2>\n<div class=\"meta\">Chỉ những số cộng được giữa khu công nghiệp, cụm công nghiệp và khu kinh tế: ")
                .append("dự án và lao động. Lấp đầy, diện tích và vốn xem theo từng loại bên dưới.</div>\n<table class=\"figs\"><tbody>\n");
        row(h, "Số khu (mọi loại)", num(p, "/zones/total"), "đang hoạt động " + num(p, "/zones/operating") + "; đã đưa ra khỏi quy hoạch " + num(p, "/zones/removed"));
        row(h, "Dự án (cộng các loại)", num(p, "/projects/active"), "FDI " + num(p, "/projects/fdi") + " · DDI " + num(p, "/projects/domestic")
                + "; dự án ngừng, thu hồi không tính (" + num(p, "/projects/inactive") + ")");
        row(h, "Lao động (cộng các loại)", num(p, "/employment/workers"), "Nguồn: " + Basis.vi(text(p, "/employment/source")));
        h.append("</tbody></table>\n");

        for (String kind : Kinds.ALL) {
            JsonNode k = kinds.get(kind);
            h.append("<h2 class=\"k-").append(kind).append("\">").append(KIND_NAMES.get(kind)).append("</h2>\n");
            if (k == null) {
                h.append("<div class=\"meta\">Không có khu loại này.</div>\n");
                continue;
            }
            h.append("<div class=\"meta\">Số liệu lấy từ ").append("byKind".equals(text(k, "/kindSource"))
                    ? "phần theo loại (byKind) của ảnh chụp " + esc(p.path("scopeKey").asText())
                    : "ảnh chụp " + esc(k.path("scopeKey").asText())).append(", tính lúc ").append(when(k.path("computedAt").asText())).append("</div>\n");
            h.append("<table class=\"figs\"><tbody>\n");
            row(h, "Khu quy hoạch", num(k, "/zones/planned"), "mới ở giai đoạn quy hoạch; tổng số khu đã đăng ký " + num(k, "/zones/total"));
            row(h, "Đã thành lập", num(k, "/zones/established"), "có quyết định thành lập; diện tích thành lập " + num(k, "/areas/establishedHa") + " ha");
            row(h, "Đang hoạt động", num(k, "/zones/operating"), "đã đi vào hoạt động; diện tích " + num(k, "/areas/operatingHa") + " ha");
            row(h, "Đất công nghiệp", num(k, "/areas/industrialLandHa") + " ha", "đã cho thuê " + num(k, "/areas/leasedHa") + " ha; diện tích quy hoạch "
                    + num(k, "/areas/plannedHa") + " ha");
            occupancy(h, "Tỷ lệ lấp đầy", k.path("occupancy"));
            occupancy(h, "Lấp đầy (khu đang hoạt động)", k.path("occupancyOperating"));
            row(h, "Dự án FDI / DDI", num(k, "/projects/fdi") + " / " + num(k, "/projects/domestic"), "dự án đang hoạt động " + num(k, "/projects/active"));
            JsonNode cap = k.path("projects").path("capitalByCurrency");
            if (cap.isObject()) {
                row(h, "Vốn FDI (USD)", num(k, "/projects/capitalByCurrency/USD/fdi"), "vốn đăng ký, cộng theo loại tiền, không quy đổi");
                row(h, "Vốn DDI (VND)", num(k, "/projects/capitalByCurrency/VND/domestic"), "vốn đăng ký, cộng theo loại tiền, không quy đổi"
                        + (decimal(k, "/projects/capitalByCurrency/USD/domestic") ? "; DDI bằng USD " + num(k, "/projects/capitalByCurrency/USD/domestic") : "")
                        + (decimal(k, "/projects/capitalByCurrency/VND/fdi") ? "; FDI bằng VND " + num(k, "/projects/capitalByCurrency/VND/fdi") : ""));
            } else {
                row(h, "Vốn", "–", "chưa có vốn theo loại (chỉ có trong ảnh chụp riêng của loại)");
            }
            row(h, "Lao động", num(k, "/employment/workers"), "Nguồn: " + Basis.vi(text(k, "/employment/source")));
            h.append("</tbody></table>\n");
        }

        h.append("<h2>Các khu (").append(zones.size()).append(")</h2>\n<table class=\"zones\"><thead><tr>")
                .append("<th>Khu</th><th>Loại</th><th>Trạng thái</th><th class=\"n\">Đất CN (ha)</th><th class=\"n\">Đã thuê (ha)</th>")
                .append("<th class=\"n\">Lấp đầy</th><th class=\"n\">Dự án</th><th class=\"n\">Lao động</th></tr></thead><tbody>\n");
        for (JsonNode z : zones) {
            String kind = text(z, "/place/kind");
            String status = text(z, "/place/status");
            h.append("<tr><td>").append(esc(z.path("scopeName").asText(z.path("scopeCode").asText()))).append("</td><td>")
                    .append(esc(KIND_NAMES.getOrDefault(kind, kind))).append("</td><td>").append(esc(STATUS.getOrDefault(status, status)))
                    .append("</td><td class=\"n\">").append(num(z, "/areas/industrialLandHa")).append("</td><td class=\"n\">").append(num(z, "/areas/leasedHa"))
                    .append("</td><td class=\"n\">").append(percent(z.path("occupancy"))).append("</td><td class=\"n\">").append(num(z, "/projects/active"))
                    .append("</td><td class=\"n\">").append(num(z, "/employment/workers")).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");

        Set<String> scopes = new LinkedHashSet<>();
        scopes.add(p.path("scopeKey").asText());
        kinds.values().stream().filter(k -> !"byKind".equals(text(k, "/kindSource"))).forEach(k -> scopes.add(k.path("scopeKey").asText()));
        h.append("<h2>Nguồn số liệu</h2>\n<div class=\"src\">")
                .append("Mọi số liệu lấy từ ảnh chụp chỉ tiêu do metrics-service tính từ sổ đăng ký khu (registry-service) và công bố trên ")
                .append("izone.metrics.indicators.v1; reporting-service không tự tính số nào. Ảnh chụp dùng ở đây: ")
                .append(esc(String.join(", ", scopes))).append(" (số liệu theo loại không có ảnh chụp riêng lấy từ phần byKind của ")
                .append(esc(p.path("scopeKey").asText())).append(") và ").append(zones.size()).append(" ảnh chụp của từng khu. ")
                .append("Tỷ lệ lấp đầy = diện tích đã cho thuê ÷ đất công nghiệp cho thuê, cộng theo diện tích (không lấy trung bình các tỷ lệ), ")
                .append("tính riêng cho từng loại khu. Vốn theo từng loại tiền, không quy đổi. Vị trí của khu: ")
                .append("theo ảnh chụp của khu, nếu không có thì theo sổ đăng ký.</div>\n</body></html>\n");
        return h.toString();
    }

    private static void occupancy(StringBuilder h, String label, JsonNode o) {
        row(h, label, percent(o), num(o, "/leasedHa") + " ha đã thuê ÷ " + num(o, "/industrialLandHa") + " ha đất công nghiệp, "
                + num(o, "/zonesCounted") + " khu; cơ sở: " + Basis.vi(text(o, "/basis")));
    }

    private static void row(StringBuilder h, String label, String value, String basis) {
        h.append("<tr><td class=\"l\">").append(esc(label)).append("</td><td class=\"v\">").append(esc(value)).append("</td><td class=\"b\">")
                .append(esc(basis)).append("</td></tr>\n");
    }

    static String percent(JsonNode o) {
        String n = num(o, "/ratePercent");
        return "–".equals(n) ? n : n + " %";
    }

    private static boolean decimal(JsonNode n, String pointer) {
        BigDecimal d = IndicatorPaths.decimal(n.at(pointer));
        return d != null && d.signum() != 0;
    }

    /** Numbers as Vietnamese write them: 12.325 and 91,25. */
    static String num(JsonNode n, String pointer) {
        BigDecimal d = IndicatorPaths.decimal(n.at(pointer));
        if (d == null) {
            return "–";
        }
        DecimalFormatSymbols vi = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi-VN"));
        vi.setGroupingSeparator('.');
        vi.setDecimalSeparator(',');
        return new DecimalFormat("#,##0.##", vi).format(d);
    }

    static String text(JsonNode n, String pointer) {
        JsonNode v = n.at(pointer);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    static String when(String iso) {
        try {
            return DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").format(Instant.parse(iso).atZone(VIETNAM));
        } catch (RuntimeException e) {
            return "–";
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "–";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

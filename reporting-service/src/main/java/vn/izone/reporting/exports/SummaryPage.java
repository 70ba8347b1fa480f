package vn.izone.reporting.exports;

import com.fasterxml.jackson.databind.JsonNode;
import vn.izone.reporting.series.IndicatorPaths;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/** A one-page, print-styled province summary (A4): headline figures with their basis, then the zone table. */
public final class SummaryPage {
    private SummaryPage() {
    }

    public static String html(JsonNode p, List<JsonNode> zones) {
        String name = esc(p.path("scopeName").asText(p.path("scopeCode").asText()));
        StringBuilder h = new StringBuilder(8192);
        h.append("""
                <!doctype html>
                <html lang="vi"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s: tóm tắt khu công nghiệp / industrial zones summary</title>
                <style>
                @page { size: A4 portrait; margin: 12mm; }
                * { box-sizing: border-box; }
                body { font: 10pt/1.35 "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
                h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; }
                .meta { color: #555; font-size: 8.5pt; }
                .grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; }
                .fig { border: 1px solid #bbb; border-radius: 2mm; padding: 2mm; break-inside: avoid; }
                .fig b { display: block; font-size: 13pt; } .fig small { display: block; color: #555; font-size: 7.5pt; }
                table { width: 100%%; border-collapse: collapse; font-size: 8pt; }
                th, td { border-bottom: 1px solid #ccc; padding: 1mm 1.5mm; text-align: right; vertical-align: top; }
                th:first-child, td:first-child { text-align: left; }
                thead { display: table-header-group; } tr { break-inside: avoid; }
                footer { margin-top: 4mm; font-size: 7.5pt; color: #555; }
                @media print { body { padding: 0; } a { color: inherit; text-decoration: none; } }
                @media screen and (max-width: 600px) { .grid { grid-template-columns: repeat(2, 1fr); } }
                </style></head><body>
                <h1>%1$s</h1>
                <div class="meta">Mã tỉnh / Province code %2$s · Số liệu tính lúc / Computed at %3$s</div>
                <h2>Chỉ tiêu chính / Headline indicators</h2>
                <div class="grid">
                """.formatted(name, esc(p.path("scopeCode").asText()), esc(p.path("computedAt").asText())));
        fig(h, "Khu quy hoạch / Zones planned", num(p, "/zones/planned"), "mới ở giai đoạn quy hoạch / still at the planning stage; tổng số khu / all zones: " + num(p, "/zones/total"));
        fig(h, "Đã thành lập / Established", num(p, "/zones/established"), "có quyết định thành lập / establishment decision issued");
        fig(h, "Đang hoạt động / Operating", num(p, "/zones/operating"), "đã đi vào hoạt động / in operation");
        fig(h, "Tỷ lệ lấp đầy / Occupancy", num(p, "/occupancy/ratePercent") + " %",
                num(p, "/occupancy/leasedHa") + " ha ÷ " + num(p, "/occupancy/industrialLandHa") + " ha; " + text(p, "/occupancy/basis")
                        + " (" + num(p, "/occupancy/zonesCounted") + ")");
        fig(h, "Dự án FDI / FDI projects", num(p, "/projects/fdi"), "dự án đang hoạt động / active projects: " + num(p, "/projects/active"));
        fig(h, "Dự án DDI / DDI projects", num(p, "/projects/domestic"), "dự án bị ngừng, thu hồi không tính / suspended and revoked left out: " + num(p, "/projects/inactive"));
        fig(h, "Vốn FDI / FDI capital (USD)", num(p, "/projects/capitalByCurrency/USD/fdi"), "vốn đăng ký, không quy đổi / registered, not converted");
        fig(h, "Vốn DDI / DDI capital (VND)", num(p, "/projects/capitalByCurrency/VND/domestic"), "vốn đăng ký, không quy đổi / registered, not converted");
        fig(h, "Lao động / Workers", num(p, "/employment/workers"), text(p, "/employment/source"));
        fig(h, "Đất công nghiệp / Industrial land", num(p, "/areas/industrialLandHa") + " ha", "đã cho thuê / leased " + num(p, "/areas/leasedHa") + " ha");
        fig(h, "DT thành lập / Established area", num(p, "/areas/establishedHa") + " ha", "quy hoạch / planned " + num(p, "/areas/plannedHa") + " ha");
        h.append("</div>\n<h2>Các khu / Zones (").append(zones.size()).append(")</h2>\n<table><thead><tr>")
                .append("<th>Khu / Zone</th><th>Trạng thái / Status</th><th>Đất CN (ha)</th><th>Đã thuê (ha)</th>")
                .append("<th>Lấp đầy / Occupancy %</th><th>Dự án / Projects</th><th>Lao động / Workers</th></tr></thead><tbody>\n");
        for (JsonNode z : zones) {
            h.append("<tr><td>").append(esc(z.path("scopeName").asText())).append("</td><td>").append(esc(text(z, "/place/status")))
                    .append("</td><td>").append(num(z, "/areas/industrialLandHa")).append("</td><td>").append(num(z, "/areas/leasedHa"))
                    .append("</td><td title=\"").append(esc(text(z, "/occupancy/basis"))).append("\">").append(num(z, "/occupancy/ratePercent"))
                    .append("</td><td>").append(num(z, "/projects/active")).append("</td><td>").append(num(z, "/employment/workers"))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<footer>Nguồn / Source: izone, từ các ảnh chụp chỉ tiêu của metrics-service / from metrics-service indicator snapshots. ")
                .append("Tỷ lệ lấp đầy = diện tích đã cho thuê ÷ đất công nghiệp, cộng theo diện tích / occupancy = leased ÷ industrial land, area-weighted. ")
                .append("Vốn theo từng loại tiền, không quy đổi / capital per currency, never converted.</footer>\n</body></html>\n");
        return h.toString();
    }

    private static void fig(StringBuilder h, String label, String value, String basis) {
        h.append("<div class=\"fig\"><span>").append(esc(label)).append("</span><b>").append(esc(value)).append("</b><small>")
                .append(esc(basis)).append("</small></div>\n");
    }

    static String num(JsonNode n, String pointer) {
        BigDecimal d = IndicatorPaths.decimal(n.at(pointer));
        if (d == null) {
            return "–";
        }
        DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(d);
    }

    static String text(JsonNode n, String pointer) {
        JsonNode v = n.at(pointer);
        return v.isValueNode() && !v.isNull() ? v.asText() : "–";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

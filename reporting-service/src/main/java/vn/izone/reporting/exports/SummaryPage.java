package vn.izone.reporting.exports;

import com.fasterxml.jackson.databind.JsonNode;
import vn.izone.reporting.kinds.Kinds;
import vn.izone.reporting.series.IndicatorPaths;
import vn.izone.reporting.vocabulary.Basis;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A one-page, print-styled province summary (A4), in Vietnamese and English side by side: what adds up across kinds
 * (zones, projects, workers), then parks, clusters and economic zones in columns of their own (never an occupancy over
 * both), each figure with its basis, then the zone table with each zone's kind.
 */
public final class SummaryPage {
    private SummaryPage() {
    }

    /** @param kinds the figures of each kind present (Kinds.view): parks, clusters and economic zones are shown apart */
    public static String html(JsonNode p, Map<String, JsonNode> kinds, List<JsonNode> zones) {
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
                body { font: 9.5pt/1.3 "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
                h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 4mm 0 1.5mm; border-bottom: 1px solid #999; }
                .meta { color: #555; font-size: 8.5pt; }
                .grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm; }
                .fig { border: 1px solid #bbb; border-radius: 2mm; padding: 2mm; break-inside: avoid; }
                .fig b { display: block; font-size: 13pt; } .fig small { display: block; color: #555; font-size: 7.5pt; }
                table { width: 100%%; border-collapse: collapse; font-size: 8pt; }
                th, td { border-bottom: 1px solid #ccc; padding: 1mm 1.5mm; text-align: right; vertical-align: top; }
                th:first-child, td:first-child { text-align: left; }
                table.kinds td b { display: block; font-size: 10pt; } table.kinds td small { display: block; color: #555; font-size: 7pt; }
                table.kinds th.k-INDUSTRIAL_PARK { color: #0b6e4f; } table.kinds th.k-INDUSTRIAL_CLUSTER { color: #a35f00; }
                table.kinds th.k-ECONOMIC_ZONE { color: #2a5db0; } td.none { color: #777; font-style: italic; }
                thead { display: table-header-group; } tr { break-inside: avoid; }
                footer { margin-top: 4mm; font-size: 7.5pt; color: #555; }
                @media print { body { padding: 0; } a { color: inherit; text-decoration: none; } }
                @media screen and (max-width: 600px) { .grid { grid-template-columns: repeat(2, 1fr); } }
                </style></head><body>
                <h1>%1$s</h1>
                <div class="meta">Mã tỉnh / Province code %2$s · Số liệu tính lúc / Computed at %3$s</div>
                <h2>Tất cả các loại, cộng chung / All kinds together</h2>
                <div class="meta">chỉ những số cộng được: số khu, dự án, lao động / only what adds up: zones, projects, workers</div>
                <div class="grid">
                """.formatted(name, esc(p.path("scopeCode").asText()), esc(p.path("computedAt").asText())));
        fig(h, "Số khu (mọi loại) / Zones (all kinds)", num(p, "/zones/total"), "đang hoạt động / in operation " + num(p, "/zones/operating")
                + "; đã đưa ra khỏi quy hoạch / removed " + num(p, "/zones/removed"));
        fig(h, "Dự án (cộng các loại) / Projects (all kinds)", num(p, "/projects/active"), "FDI " + num(p, "/projects/fdi") + " · DDI "
                + num(p, "/projects/domestic") + "; ngừng, thu hồi không tính / suspended, revoked left out: " + num(p, "/projects/inactive"));
        fig(h, "Lao động (cộng các loại) / Workers (all kinds)", num(p, "/employment/workers"), source(p));
        h.append("</div>\n<h2>Theo loại khu / By kind of zone</h2>\n<table class=\"kinds\"><thead><tr><th>Chỉ tiêu / Indicator</th>");
        for (String kind : Kinds.ALL) {
            h.append("<th class=\"k-").append(kind).append("\">").append(KIND_NAMES.get(kind)).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        kindRow(h, kinds, "Khu quy hoạch / Zones planned", k -> num(k, "/zones/planned"), k -> "tổng số khu / all zones " + num(k, "/zones/total"));
        kindRow(h, kinds, "Đã thành lập / Established", k -> num(k, "/zones/established"), k -> num(k, "/areas/establishedHa") + " ha");
        kindRow(h, kinds, "Đang hoạt động / Operating", k -> num(k, "/zones/operating"), k -> num(k, "/areas/operatingHa") + " ha");
        kindRow(h, kinds, "Đất công nghiệp / Industrial land", k -> num(k, "/areas/industrialLandHa") + " ha",
                k -> "đã cho thuê / leased " + num(k, "/areas/leasedHa") + " ha");
        kindRow(h, kinds, "Tỷ lệ lấp đầy / Occupancy", k -> percent(k.path("occupancy")), k -> occupancyBasis(k.path("occupancy")));
        kindRow(h, kinds, "Lấp đầy khu đang hoạt động / Occupancy of operating zones", k -> percent(k.path("occupancyOperating")),
                k -> occupancyBasis(k.path("occupancyOperating")));
        kindRow(h, kinds, "Dự án FDI / DDI / FDI / DDI projects", k -> num(k, "/projects/fdi") + " / " + num(k, "/projects/domestic"),
                k -> "đang hoạt động / active " + num(k, "/projects/active"));
        kindRow(h, kinds, "Vốn FDI / FDI capital (USD)", k -> capital(k, "/projects/capitalByCurrency/USD/fdi"), k -> "không quy đổi / never converted");
        kindRow(h, kinds, "Vốn DDI / DDI capital (VND)", k -> capital(k, "/projects/capitalByCurrency/VND/domestic"), k -> "không quy đổi / never converted");
        kindRow(h, kinds, "Lao động / Workers", k -> num(k, "/employment/workers"), SummaryPage::source);
        h.append("</tbody></table>\n<h2>Các khu / Zones (").append(zones.size()).append(")</h2>\n<table><thead><tr>")
                .append("<th>Khu / Zone</th><th>Loại / Kind</th><th>Trạng thái / Status</th><th>Đất CN (ha)</th><th>Đã thuê (ha)</th>")
                .append("<th>Lấp đầy / Occupancy %</th><th>Dự án / Projects</th><th>Lao động / Workers</th></tr></thead><tbody>\n");
        for (JsonNode z : zones) {
            String kind = text(z, "/place/kind");
            h.append("<tr><td>").append(esc(z.path("scopeName").asText())).append("</td><td>").append(esc(kind == null ? "–" : SHORT_KINDS.getOrDefault(kind, kind)))
                    .append("</td><td>").append(esc(status(text(z, "/place/status"))))
                    .append("</td><td>").append(num(z, "/areas/industrialLandHa")).append("</td><td>").append(num(z, "/areas/leasedHa"))
                    .append("</td><td title=\"").append(esc(text(z, "/occupancy/basis"))).append("\">").append(num(z, "/occupancy/ratePercent"))
                    .append("</td><td>").append(num(z, "/projects/active")).append("</td><td>").append(num(z, "/employment/workers"))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<footer>Nguồn / Source: izone, từ các ảnh chụp chỉ tiêu của metrics-service / from metrics-service indicator snapshots. ")
                .append("Tỷ lệ lấp đầy = diện tích đã cho thuê ÷ đất công nghiệp, cộng theo diện tích, riêng cho từng loại khu / occupancy = leased ÷ industrial land, ")
                .append("area-weighted, for each kind apart. Vốn theo từng loại tiền, không quy đổi / capital per currency, never converted.</footer>\n</body></html>\n");
        return h.toString();
    }

    static final Map<String, String> KIND_NAMES = Map.of("INDUSTRIAL_PARK", "Khu công nghiệp / Industrial parks",
            "INDUSTRIAL_CLUSTER", "Cụm công nghiệp / Industrial clusters", "ECONOMIC_ZONE", "Khu kinh tế / Economic zones");
    static final Map<String, String> SHORT_KINDS = Map.of("INDUSTRIAL_PARK", "KCN / IP", "INDUSTRIAL_CLUSTER", "CCN / IC", "ECONOMIC_ZONE", "KKT / EZ");

    /** One figure across the kinds: a cell per kind, "no zone of this kind" where the scope has none. */
    private static void kindRow(StringBuilder h, Map<String, JsonNode> kinds, String label, Function<JsonNode, String> value,
                                Function<JsonNode, String> basis) {
        h.append("<tr><td>").append(esc(label)).append("</td>");
        for (String kind : Kinds.ALL) {
            JsonNode k = kinds.get(kind);
            if (k == null) {
                h.append("<td class=\"none\">không có / none</td>");
            } else {
                h.append("<td><b>").append(esc(value.apply(k))).append("</b><small>").append(esc(basis.apply(k))).append("</small></td>");
            }
        }
        h.append("</tr>\n");
    }

    /** A status in both languages ("Đang hoạt động / In operation"); the code itself when neither knows it. */
    private static String status(String code) {
        return "–".equals(code) ? code : ReportLanguage.VI.status(code) + " / " + ReportLanguage.EN.status(code);
    }

    private static String percent(JsonNode o) {
        String n = num(o, "/ratePercent");
        return "–".equals(n) ? n : n + " %";
    }

    private static String occupancyBasis(JsonNode o) {
        return num(o, "/leasedHa") + " ha ÷ " + num(o, "/industrialLandHa") + " ha, " + num(o, "/zonesCounted") + " khu / zones";
    }

    /** Capital comes only with a kind's own snapshot; byKind has none, and the page says so rather than print 0. */
    private static String capital(JsonNode k, String pointer) {
        return k.path("projects").path("capitalByCurrency").isObject() ? num(k, pointer) : "chưa có / n/a";
    }

    private static String source(JsonNode s) {
        String en = text(s, "/employment/source");
        return "–".equals(en) ? en : Basis.vi(en) + " / " + en;
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

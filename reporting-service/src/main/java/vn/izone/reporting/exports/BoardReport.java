package vn.izone.reporting.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import vn.izone.reporting.kinds.Kinds;
import vn.izone.reporting.series.IndicatorPaths;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The board report of a province or former province as a PDF (A4, in Vietnamese, or English with {@code ?lang=en}:
 * ReportLanguage): headline figures per kind with
 * their basis, all kinds together only for what adds up (projects, workers), the zone table, the date of the figures
 * and their sources, page numbers. Rendered by openhtmltopdf (PDFBox) from XHTML; the DejaVu Sans font (full
 * Vietnamese) comes with the build, from the jasperreports-fonts jar, and is embedded (subset) in the file.
 */
public final class BoardReport {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String FONT = "net/sf/jasperreports/fonts/dejavu/";

    private BoardReport() {
    }

    /** @param kinds the figures of each kind present (Kinds.view), in the usual order */
    public static byte[] pdf(boolean former, JsonNode p, Map<String, JsonNode> kinds, List<JsonNode> zones) {
        return pdf(former, p, kinds, zones, ReportLanguage.VI);
    }

    /** The same in {@code lang}: every word, number and basis sentence in that language. */
    public static byte[] pdf(boolean former, JsonNode p, Map<String, JsonNode> kinds, List<JsonNode> zones, ReportLanguage lang) {
        String html = html(former, p, kinds, zones, lang);
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

    static String html(boolean former, JsonNode p, Map<String, JsonNode> kinds, List<JsonNode> zones, ReportLanguage l) {
        String name = esc(p.path("scopeName").asText(p.path("scopeCode").asText()));
        String code = esc(p.path("scopeCode").asText());
        String title = (former ? l.w("formerPrefix") : "") + name;
        String computed = when(l, p.path("computedAt").asText());
        StringBuilder h = new StringBuilder(16_384 + zones.size() * 400);
        h.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <html xmlns="http://www.w3.org/1999/xhtml" lang="%6$s"><head><meta charset="utf-8"/>
                <title>%7$s: %1$s</title>
                <style>
                @page { size: A4 portrait; margin: 16mm 12mm 16mm 12mm;
                  @top-left { content: "izone · %7$s · %1$s"; font: 7.5pt 'DejaVu Sans'; color: #555; }
                  @bottom-left { content: "%8$s %3$s (%9$s)"; font: 7.5pt 'DejaVu Sans'; color: #555; }
                  @bottom-right { content: "%10$s " counter(page) " / " counter(pages); font: 7.5pt 'DejaVu Sans'; color: #555; } }
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
                <div class="meta">%4$s %2$s · %8$s %3$s (%9$s) · %11$s %5$s</div>
                """.formatted(title, code, computed, former ? l.w("formerCode") : l.w("provinceCode"), when(l, Instant.now().toString()),
                l.code(), l.w("title"), l.w("computedAt"), l.w("vnTime"), l.w("page"), l.w("madeAt")));

        h.append("<h2>").append(l.w("allKinds")).append("</h2>\n<div class=\"meta\">").append(esc(l.w("allKindsNote")))
                .append("</div>\n<table class=\"figs\"><tbody>\n");
        row(h, l.w("zonesAll"), num(l, p, "/zones/total"), l.w("operatingRemoved").formatted(num(l, p, "/zones/operating"), num(l, p, "/zones/removed")));
        row(h, l.w("projectsAll"), num(l, p, "/projects/active"), "FDI " + num(l, p, "/projects/fdi") + " · DDI " + num(l, p, "/projects/domestic")
                + "; " + l.w("inactiveLeftOut").formatted(num(l, p, "/projects/inactive")));
        row(h, l.w("workersAll"), num(l, p, "/employment/workers"), l.w("source") + l.basis(text(p, "/employment/source")));
        h.append("</tbody></table>\n");

        for (String kind : Kinds.ALL) {
            JsonNode k = kinds.get(kind);
            h.append("<h2 class=\"k-").append(kind).append("\">").append(esc(l.kind(kind))).append("</h2>\n");
            if (k == null) {
                h.append("<div class=\"meta\">").append(esc(l.w("noneOfKind"))).append("</div>\n");
                continue;
            }
            boolean byKind = "byKind".equals(text(k, "/kindSource"));
            h.append("<div class=\"meta\">").append(esc((byKind ? l.w("fromByKind") : l.w("fromSnapshot"))
                    .formatted(byKind ? p.path("scopeKey").asText() : k.path("scopeKey").asText(), when(l, k.path("computedAt").asText())))).append("</div>\n");
            h.append("<table class=\"figs\"><tbody>\n");
            row(h, l.w("planned"), num(l, k, "/zones/planned"), l.w("plannedBasis").formatted(num(l, k, "/zones/total")));
            row(h, l.w("established"), num(l, k, "/zones/established"), l.w("establishedBasis").formatted(num(l, k, "/areas/establishedHa")));
            row(h, l.w("operating"), num(l, k, "/zones/operating"), l.w("operatingBasis").formatted(num(l, k, "/areas/operatingHa")));
            row(h, l.w("land"), num(l, k, "/areas/industrialLandHa") + " ha", l.w("landBasis").formatted(num(l, k, "/areas/leasedHa"),
                    num(l, k, "/areas/plannedHa")));
            occupancy(h, l, l.w("occupancy"), k.path("occupancy"));
            occupancy(h, l, l.w("occupancyOperating"), k.path("occupancyOperating"));
            row(h, l.w("fdiDdi"), num(l, k, "/projects/fdi") + " / " + num(l, k, "/projects/domestic"), l.w("activeProjects").formatted(num(l, k, "/projects/active")));
            JsonNode cap = k.path("projects").path("capitalByCurrency");
            if (cap.isObject()) {
                row(h, l.w("capFdiUsd"), num(l, k, "/projects/capitalByCurrency/USD/fdi"), l.w("capitalBasis"));
                row(h, l.w("capDdiVnd"), num(l, k, "/projects/capitalByCurrency/VND/domestic"), l.w("capitalBasis")
                        + (decimal(k, "/projects/capitalByCurrency/USD/domestic") ? l.w("ddiInUsd").formatted(num(l, k, "/projects/capitalByCurrency/USD/domestic")) : "")
                        + (decimal(k, "/projects/capitalByCurrency/VND/fdi") ? l.w("fdiInVnd").formatted(num(l, k, "/projects/capitalByCurrency/VND/fdi")) : ""));
            } else {
                row(h, l.w("capital"), "–", l.w("noCapital"));
            }
            row(h, l.w("workers"), num(l, k, "/employment/workers"), l.w("source") + l.basis(text(k, "/employment/source")));
            h.append("</tbody></table>\n");
        }

        h.append("<h2>").append(l.w("zones")).append(" (").append(zones.size()).append(")</h2>\n<table class=\"zones\"><thead><tr>")
                .append("<th>").append(l.w("zone")).append("</th><th>").append(l.w("kind")).append("</th><th>").append(l.w("status"))
                .append("</th><th class=\"n\">").append(l.w("landHa")).append("</th><th class=\"n\">").append(l.w("leasedHa"))
                .append("</th><th class=\"n\">").append(l.w("occ")).append("</th><th class=\"n\">").append(l.w("projects"))
                .append("</th><th class=\"n\">").append(l.w("workers")).append("</th></tr></thead><tbody>\n");
        for (JsonNode z : zones) {
            String kind = text(z, "/place/kind");
            String status = text(z, "/place/status");
            h.append("<tr><td>").append(esc(z.path("scopeName").asText(z.path("scopeCode").asText()))).append("</td><td>")
                    .append(esc(kind == null ? null : l.zoneKind(kind))).append("</td><td>").append(esc(status == null ? null : l.status(status)))
                    .append("</td><td class=\"n\">").append(num(l, z, "/areas/industrialLandHa")).append("</td><td class=\"n\">").append(num(l, z, "/areas/leasedHa"))
                    .append("</td><td class=\"n\">").append(percent(l, z.path("occupancy"))).append("</td><td class=\"n\">").append(num(l, z, "/projects/active"))
                    .append("</td><td class=\"n\">").append(num(l, z, "/employment/workers")).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");

        Set<String> scopes = new LinkedHashSet<>();
        scopes.add(p.path("scopeKey").asText());
        kinds.values().stream().filter(k -> !"byKind".equals(text(k, "/kindSource"))).forEach(k -> scopes.add(k.path("scopeKey").asText()));
        h.append("<h2>").append(l.w("sources")).append("</h2>\n<div class=\"src\">")
                .append(esc(l.w("sourcesText").formatted(String.join(", ", scopes), p.path("scopeKey").asText(), zones.size())))
                .append("</div>\n</body></html>\n");
        return h.toString();
    }

    private static void occupancy(StringBuilder h, ReportLanguage l, String label, JsonNode o) {
        row(h, label, percent(l, o), l.w("occupancyBasis").formatted(num(l, o, "/leasedHa"), num(l, o, "/industrialLandHa"),
                num(l, o, "/zonesCounted"), l.basis(text(o, "/basis"))));
    }

    private static void row(StringBuilder h, String label, String value, String basis) {
        h.append("<tr><td class=\"l\">").append(esc(label)).append("</td><td class=\"v\">").append(esc(value)).append("</td><td class=\"b\">")
                .append(esc(basis)).append("</td></tr>\n");
    }

    static String percent(ReportLanguage l, JsonNode o) {
        String n = num(l, o, "/ratePercent");
        return "–".equals(n) ? n : n + " %";
    }

    private static boolean decimal(JsonNode n, String pointer) {
        BigDecimal d = IndicatorPaths.decimal(n.at(pointer));
        return d != null && d.signum() != 0;
    }

    /** Numbers as the report's language writes them: 12.325 and 91,25 in Vietnamese, 12,325 and 91.25 in English. */
    static String num(ReportLanguage l, JsonNode n, String pointer) {
        return l.number(IndicatorPaths.decimal(n.at(pointer)));
    }

    static String text(JsonNode n, String pointer) {
        JsonNode v = n.at(pointer);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /** Vietnamese write 02/12/2026; in English that reads as February, so the English report writes 2026-12-02. */
    static String when(ReportLanguage l, String iso) {
        try {
            return DateTimeFormatter.ofPattern(l == ReportLanguage.VI ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm").format(Instant.parse(iso).atZone(VIETNAM));
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

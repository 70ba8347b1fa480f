package vn.izone.reporting.exports;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.izone.reporting.series.IndicatorPaths;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list rollup as a table: one row per snapshot, one column per figure (with its basis next to it), written as CSV
 * (UTF-8 with a byte-order mark, so Excel shows Vietnamese) or XLSX. Headers are bilingual ("Vietnamese / English").
 */
public final class Table {
    public record Column(String header, Function<JsonNode, Object> value) {
    }

    private final String title;
    private final List<Column> columns;
    private final List<JsonNode> rows;

    public Table(String title, List<Column> columns, List<JsonNode> rows) {
        this.title = title;
        this.columns = columns;
        this.rows = rows;
    }

    static Column text(String header, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        return new Column(header, n -> {
            JsonNode v = n.at(p);
            return v.isValueNode() && !v.isNull() ? v.asText() : null;
        });
    }

    static Column number(String header, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        return new Column(header, n -> IndicatorPaths.decimal(n.at(p)));
    }

    /** The columns of a province / former province / zone list. */
    public static List<Column> scopeColumns(boolean zones) {
        List<Column> c = new ArrayList<>();
        c.add(text(zones ? "Mã khu / Zone id" : "Mã / Code", "/scopeCode"));
        c.add(text("Tên / Name", "/scopeName"));
        if (zones) {
            c.add(text("Loại / Kind", "/place/kind"));
            c.add(text("Trạng thái / Status", "/place/status"));
            c.add(text("Tỉnh / Province", "/place/provinceCode"));
            c.add(text("Tỉnh cũ / Former province", "/place/formerProvinceCode"));
        } else {
            c.add(number("Số khu / Zones", "/zones/total"));
            c.add(number("Quy hoạch / Planned", "/zones/planned"));
            c.add(number("Đã thành lập / Established", "/zones/established"));
            c.add(number("Đang hoạt động / Operating", "/zones/operating"));
        }
        c.add(number("DT quy hoạch (ha) / Planned area (ha)", "/areas/plannedHa"));
        c.add(number("DT thành lập (ha) / Established area (ha)", "/areas/establishedHa"));
        c.add(number("Đất công nghiệp (ha) / Industrial land (ha)", "/areas/industrialLandHa"));
        c.add(number("Đã cho thuê (ha) / Leased (ha)", "/areas/leasedHa"));
        c.add(number("Tỷ lệ lấp đầy (%) / Occupancy (%)", "/occupancy/ratePercent"));
        c.add(text("Cơ sở tỷ lệ lấp đầy / Occupancy basis", "/occupancy/basis"));
        c.add(number("Dự án hoạt động / Active projects", "/projects/active"));
        c.add(number("Dự án FDI / FDI projects", "/projects/fdi"));
        c.add(number("Dự án DDI / DDI projects", "/projects/domestic"));
        c.add(number("Vốn FDI (USD) / FDI capital (USD)", "/projects/capitalByCurrency/USD/fdi"));
        c.add(number("Vốn DDI (USD) / DDI capital (USD)", "/projects/capitalByCurrency/USD/domestic"));
        c.add(number("Vốn FDI (VND) / FDI capital (VND)", "/projects/capitalByCurrency/VND/fdi"));
        c.add(number("Vốn DDI (VND) / DDI capital (VND)", "/projects/capitalByCurrency/VND/domestic"));
        c.add(number("Lao động / Workers", "/employment/workers"));
        c.add(text("Nguồn số lao động / Workers source", "/employment/source"));
        c.add(text("Tính lúc / Computed at", "/computedAt"));
        return c;
    }

    public String title() {
        return title;
    }

    public byte[] csv() {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, columns.stream().map(c -> (Object) c.header()).toList());
        for (JsonNode row : rows) {
            line(out, columns.stream().map(c -> c.value().apply(row)).toList());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = values.get(i);
            String s = v == null ? "" : v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            out.append(s);
        }
        out.append("\r\n");
    }

    public byte[] xlsx() {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(title.length() > 31 ? title.substring(0, 31) : title);
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            bold.setWrapText(true);
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(columns.get(i).header());
                cell.setCellStyle(bold);
            }
            int r = 1;
            for (JsonNode node : rows) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < columns.size(); i++) {
                    Object v = columns.get(i).value().apply(node);
                    if (v instanceof BigDecimal d) {
                        row.createCell(i).setCellValue(d.doubleValue());
                    } else if (v != null) {
                        row.createCell(i).setCellValue(v.toString());
                    }
                }
            }
            sheet.createFreezePane(2, 1);
            for (int i = 0; i < columns.size(); i++) {
                sheet.setColumnWidth(i, i == 1 ? 40 * 256 : 18 * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

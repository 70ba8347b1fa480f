package vn.izone.reporting.exports;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.izone.reporting.series.IndicatorPaths;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list rollup as a table: one row per snapshot, one column per figure (with its basis next to it), written as CSV
 * (Apache Commons CSV: RFC 4180, UTF-8 with a byte-order mark so Excel shows Vietnamese, CRLF) or XLSX (Apache POI,
 * one sheet per table). Headers are bilingual ("Vietnamese / English").
 *
 * <p>Text that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, carriage
 * return first) is written to CSV with a leading {@code '}; numbers are numbers and never touched (a negative
 * figure stays {@code -12.5}). XLSX cells are typed, so text stays text there and needs no guard.
 */
public final class Table {
    public record Column(String header, boolean numeric, Function<JsonNode, Object> value) {
    }

    private final String title;
    private final List<Column> columns;
    private final List<JsonNode> rows;

    public Table(String title, List<Column> columns, List<JsonNode> rows) {
        this.title = title;
        this.columns = columns;
        this.rows = rows;
    }

    public static Column text(String header, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        return new Column(header, false, n -> {
            JsonNode v = n.at(p);
            return v.isValueNode() && !v.isNull() ? v.asText() : null;
        });
    }

    public static Column number(String header, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        return new Column(header, true, n -> IndicatorPaths.decimal(n.at(p)));
    }

    /** The columns of a province / former province / zone list; with {@code kind}, a "Kind" column after the name. */
    public static List<Column> scopeColumns(boolean zones) {
        return scopeColumns(zones, false);
    }

    public static List<Column> scopeColumns(boolean zones, boolean kind) {
        List<Column> c = new ArrayList<>();
        c.add(text(zones ? "Mã khu / Zone id" : "Mã / Code", zones ? "/scopeCode" : "/exportCode"));
        c.add(text("Tên / Name", "/scopeName"));
        if (zones) {
            c.add(text("Loại / Kind", "/place/kind"));
            c.add(text("Trạng thái / Status", "/place/status"));
            c.add(text("Tỉnh / Province", "/place/provinceCode"));
            c.add(text("Tỉnh cũ / Former province", "/place/formerProvinceCode"));
        } else {
            if (kind) {
                c.add(text("Loại / Kind", "/exportKind"));
            }
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
        c.add(number("Lấp đầy khu đang hoạt động (%) / Occupancy of operating zones (%)", "/occupancyOperating/ratePercent"));
        c.add(number("Dự án hoạt động / Active projects", "/projects/active"));
        c.add(number("Dự án FDI / FDI projects", "/projects/fdi"));
        c.add(number("Dự án DDI / DDI projects", "/projects/domestic"));
        c.add(number("Vốn FDI (USD) / FDI capital (USD)", "/projects/capitalByCurrency/USD/fdi"));
        c.add(number("Vốn DDI (USD) / DDI capital (USD)", "/projects/capitalByCurrency/USD/domestic"));
        c.add(number("Vốn FDI (VND) / FDI capital (VND)", "/projects/capitalByCurrency/VND/fdi"));
        c.add(number("Vốn DDI (VND) / DDI capital (VND)", "/projects/capitalByCurrency/VND/domestic"));
        c.add(number("Lao động / Workers", "/employment/workers"));
        c.add(text("Nguồn số lao động / Workers source", "/employment/source"));
        if (kind) {
            c.add(text("Số liệu loại lấy từ / Kind figures from", "/kindSource"));
        }
        c.add(text("Tính lúc / Computed at", "/computedAt"));
        return c;
    }

    public String title() {
        return title;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<JsonNode> rows() {
        return rows;
    }

    /** A text cell as it goes into CSV: a leading =, +, -, @, tab or CR gets a ' so no spreadsheet runs it. */
    public static String guard(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }

    static String plain(Object v) {
        return v == null ? "" : v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v.toString();
    }

    public byte[] csv() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get())) {
            out.write('\uFEFF');
            List<String> header = new ArrayList<>();
            columns.forEach(c -> header.add(guard(c.header())));
            csv.printRecord(header);
            for (JsonNode row : rows) {
                List<String> cells = new ArrayList<>(columns.size());
                for (Column c : columns) {
                    Object v = c.value().apply(row);
                    cells.add(c.numeric() && v instanceof BigDecimal ? plain(v) : guard(plain(v)));
                }
                csv.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public byte[] xlsx() {
        return xlsx(List.of(this));
    }

    /**
     * One workbook, one sheet per table: typed cells (numbers numeric, text as text, never a formula), a bold
     * wrapped header frozen with the first two columns, widths from the contents (8–60 characters).
     */
    public static byte[] xlsx(List<Table> sheets) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            bold.setWrapText(true);
            CellStyle number = book.createCellStyle();
            number.setDataFormat(book.createDataFormat().getFormat("#,##0.##"));
            List<String> names = new ArrayList<>();
            for (Table t : sheets) {
                String name = WorkbookUtil.createSafeSheetName(t.title.length() > 31 ? t.title.substring(0, 31) : t.title);
                while (names.contains(name)) {
                    name = name.substring(0, Math.min(name.length(), 28)) + "_" + names.size();
                }
                names.add(name);
                Sheet sheet = book.createSheet(name);
                int[] widths = new int[t.columns.size()];
                Row header = sheet.createRow(0);
                for (int i = 0; i < t.columns.size(); i++) {
                    Cell cell = header.createCell(i);
                    cell.setCellValue(t.columns.get(i).header());
                    cell.setCellStyle(bold);
                    widths[i] = Math.min(t.columns.get(i).header().length() / 2 + 2, 24);
                }
                int r = 1;
                for (JsonNode node : t.rows) {
                    Row row = sheet.createRow(r++);
                    for (int i = 0; i < t.columns.size(); i++) {
                        Object v = t.columns.get(i).value().apply(node);
                        if (v instanceof BigDecimal d) {
                            Cell cell = row.createCell(i);
                            cell.setCellValue(d.doubleValue());
                            cell.setCellStyle(number);
                            widths[i] = Math.max(widths[i], d.toPlainString().length() + 3);
                        } else if (v != null) {
                            row.createCell(i).setCellValue(v.toString());   // a string cell: text stays text
                            widths[i] = Math.max(widths[i], v.toString().length() + 1);
                        }
                    }
                }
                sheet.createFreezePane(2, 1);
                for (int i = 0; i < widths.length; i++) {
                    sheet.setColumnWidth(i, Math.max(8, Math.min(60, widths[i])) * 256);
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

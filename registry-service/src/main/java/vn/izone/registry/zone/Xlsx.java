package vn.izone.registry.zone;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.izone.registry.api.RejectedChange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An XLSX workbook read as the rows of a CSV file: one list of cell texts per sheet row (index = row number - 1, so
 * that a row's {@code line} in the answer is its row number in Excel). Cells are read by their type: numbers as
 * plain decimals (no exponent, no locale), dates as {@code YYYY-MM-DD}, booleans as {@code true}/{@code false},
 * formulas by their cached value, text as written.
 */
final class Xlsx {
    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Xlsx() {
    }

    static List<List<String>> read(byte[] bytes, String sheetName) {
        if (bytes == null || bytes.length == 0) {
            throw RejectedChange.invalid("body", "an XLSX workbook whose first row names the columns");
        }
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw RejectedChange.invalid("body", "the workbook has no sheet");
            }
            Sheet sheet = sheetName == null || sheetName.isBlank() ? workbook.getSheetAt(0) : workbook.getSheet(sheetName.strip());
            if (sheet == null) {
                String names = IntStream.range(0, workbook.getNumberOfSheets()).mapToObj(workbook::getSheetName)
                        .collect(Collectors.joining(", "));
                throw RejectedChange.invalid("sheet", "no sheet named '" + sheetName + "'; the workbook has: " + names);
            }
            if (sheet.getLastRowNum() > ZoneImport.MAX_ROWS + 1) {
                throw RejectedChange.invalid("body", "at most " + ZoneImport.MAX_ROWS + " rows per import");
            }
            List<List<String>> table = new ArrayList<>();
            DataFormatter formatter = new DataFormatter();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        cells.add(text(row.getCell(c), formatter));
                    }
                }
                table.add(cells);
            }
            return table;
        } catch (RejectedChange e) {
            throw e;
        } catch (IOException | RuntimeException e) { // not a workbook, a broken one, or one POI refuses (zip bomb)
            throw RejectedChange.invalid("body", "not a readable XLSX workbook (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                    : number(cell.getNumericCellValue());
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case STRING -> cell.getRichStringCellValue().getString();
            case BLANK, _NONE -> "";
            case ERROR -> "#ERROR";
            default -> formatter.formatCellValue(cell);
        };
    }

    /** 30.5 → "30.5", 5e9 → "5000000000": the shortest decimal that is the double Excel stored. */
    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal d = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}

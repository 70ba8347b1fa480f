package vn.izone.registry.zone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import org.jboss.logging.Logger;
import vn.izone.registry.api.Problem;
import vn.izone.registry.api.ProblemMappers;
import vn.izone.registry.api.RejectedChange;
import vn.izone.registry.api.UnknownProperties;
import vn.izone.registry.api.WriteAccess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bulk registration of zones from CSV (one zone per row, a header row naming the columns). Every row is its own
 * change: its own transaction, its own {@code zone.registered} event; a rejected row writes nothing and does not
 * stop the others. Columns are the fields of {@link ZoneRequest}; nested ones use a dot
 * ({@code wastewater.centralised}, {@code infrastructureInvestmentVnd.localBudget}); empty cells are absent.
 * Phases and targets are not importable from CSV (use the JSON API).
 * <p>
 * Files as departments have them: the delimiter is detected from the header row ({@code ,}, or {@code ;} and tab as
 * Excel writes CSV in a Vietnamese locale), decimal commas are read in numeric columns where they cannot mean
 * anything else ({@link Decimals}), and an XLSX workbook is read directly ({@link #importXlsx}), typed cells and
 * all, with the same per-row report and the same rules.
 */
@ApplicationScoped
public class ZoneImport {
    private static final Logger LOG = Logger.getLogger(ZoneImport.class);
    public static final int MAX_ROWS = 5_000;
    /** Why an import is not one province's at the edge: each row names its own (see {@link #importRow}). */
    public static final String EACH_ROW = "each row names its province and is checked as it is read";
    static final Set<String> COLUMNS = Set.of("kind", "name", "provinceCode", "formerProvinceCode", "commune",
            "planningPeriod", "status", "statusDate", "constructionProgressPercent", "clusterModel", "plannedAreaHa",
            "establishedAreaHa", "industrialLandHa", "leasedAreaHa", "infrastructureInvestor", "latitude", "longitude",
            "validOn", "source", "wastewater.centralised", "wastewater.meetsStandard",
            "infrastructureInvestmentVnd.centralBudget", "infrastructureInvestmentVnd.localBudget",
            "infrastructureInvestmentVnd.investor");

    /** The columns that hold numbers: where a decimal comma is read. */
    static final Set<String> NUMERIC = Set.of("constructionProgressPercent", "plannedAreaHa", "establishedAreaHa",
            "industrialLandHa", "leasedAreaHa", "latitude", "longitude", "infrastructureInvestmentVnd.centralBudget",
            "infrastructureInvestmentVnd.localBudget", "infrastructureInvestmentVnd.investor");

    public enum Outcome { ACCEPTED, REJECTED }

    /** One data row: its line in the file (the header is line 1), what happened, and why when rejected. */
    public record RowResult(int line, Outcome outcome, UUID id, String name, List<Problem.FieldError> errors) {
    }

    public record Result(int rows, int accepted, int rejected, List<RowResult> results) {
    }

    private final ZoneService zones;
    private final ObjectMapper json;
    private final WriteAccess access;

    public ZoneImport(ZoneService zones, ObjectMapper json, WriteAccess access) {
        this.zones = zones;
        this.json = json;
        this.access = access;
    }

    public Result importCsv(String csv, String actor) {
        return importCsv(csv, null, actor);
    }

    /** A CSV file; {@code decimal}: {@code auto} (absent), {@code comma} or {@code point} (docs/registry-api.md). */
    public Result importCsv(String csv, String decimal, String actor) {
        Decimals decimals = Decimals.of(decimal);
        String text = csv == null ? "" : csv;
        char delimiter = Csv.delimiter(text);
        return importTable(Csv.parse(text, delimiter), decimals.inFileSeparatedBy(delimiter), actor);
    }

    /** An XLSX workbook: its first sheet, or the one named {@code sheet}; the first row names the columns. */
    public Result importXlsx(byte[] xlsx, String sheet, String decimal, String actor) {
        Decimals decimals = Decimals.of(decimal);
        return importTable(Xlsx.read(xlsx, sheet), decimals, actor);
    }

    private Result importTable(List<List<String>> table, Decimals decimals, String actor) {
        if (table.isEmpty() || table.get(0).stream().allMatch(String::isBlank)) {
            throw RejectedChange.invalid("body", "a CSV file with a header row naming the columns, e.g. kind,name,provinceCode,status,validOn");
        }
        List<String> header = table.get(0).stream().map(String::strip).toList();
        List<Problem.FieldError> unknown = header.stream().filter(c -> !COLUMNS.contains(c))
                .map(c -> new Problem.FieldError(c, UnknownProperties.message("unknown column", c, COLUMNS),
                        UnknownProperties.suggestion(c, COLUMNS).orElse(null)))
                .toList();
        if (!unknown.isEmpty()) {
            throw RejectedChange.invalid(unknown);
        }
        if (table.size() - 1 > MAX_ROWS) {
            throw RejectedChange.invalid("body", "at most " + MAX_ROWS + " rows per import");
        }
        List<RowResult> results = new ArrayList<>();
        for (int i = 1; i < table.size(); i++) {
            List<String> row = table.get(i);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            results.add(importRow(i + 1, header, row, decimals, actor));
        }
        int accepted = (int) results.stream().filter(r -> r.outcome() == Outcome.ACCEPTED).count();
        return new Result(results.size(), accepted, results.size() - accepted, results);
    }

    private RowResult importRow(int line, List<String> header, List<String> row, Decimals decimals, String actor) {
        ObjectNode body = json.createObjectNode();
        List<Problem.FieldError> unreadable = new ArrayList<>();
        for (int c = 0; c < header.size() && c < row.size(); c++) {
            String value = row.get(c).strip();
            if (value.isEmpty()) {
                continue;
            }
            String column = header.get(c);
            if (NUMERIC.contains(column)) {
                try {
                    value = decimals.read(value);
                } catch (IllegalArgumentException e) {
                    unreadable.add(new Problem.FieldError(column, e.getMessage()));
                    continue;
                }
            }
            int dot = column.indexOf('.');
            if (dot < 0) {
                body.put(column, value);
            } else {
                ObjectNode parent = body.has(column.substring(0, dot)) ? (ObjectNode) body.get(column.substring(0, dot))
                        : body.putObject(column.substring(0, dot));
                parent.put(column.substring(dot + 1), value);
            }
        }
        String name = body.path("name").asText(null);
        if (row.size() > header.size() && row.subList(header.size(), row.size()).stream().anyMatch(v -> !v.isBlank())) {
            return rejected(line, name, List.of(new Problem.FieldError("row", "more cells than columns")));
        }
        if (!unreadable.isEmpty()) {
            return rejected(line, name, unreadable);
        }
        ZoneRequest request;
        try {
            request = json.treeToValue(body, ZoneRequest.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                    ? m.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(Collectors.joining(".")) : "row";
            String message = e instanceof InvalidFormatException f
                    ? "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName() : e.getOriginalMessage();
            return rejected(line, name, List.of(new Problem.FieldError(field, message)));
        }
        try {
            // A row is the edge of its change: a department's row of another province is rejected like a bad value.
            access.requireProvince(request.provinceCode(), "provinceCode");
            UUID id = zones.register(request, actor).id();
            return new RowResult(line, Outcome.ACCEPTED, id, name, null);
        } catch (RejectedChange e) {
            List<Problem.FieldError> errors = e.problem().errors();
            return rejected(line, name, errors == null ? List.of(new Problem.FieldError("row", e.problem().detail())) : errors);
        } catch (ConstraintViolationException e) {
            return rejected(line, name, e.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(ProblemMappers.fieldName(v.getPropertyPath().toString()), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field)).toList());
        } catch (RuntimeException e) {
            LOG.warnf(e, "import line %d failed", line);
            return rejected(line, name, List.of(new Problem.FieldError("row", "could not be stored; nothing was written")));
        }
    }

    private static RowResult rejected(int line, String name, List<Problem.FieldError> errors) {
        return new RowResult(line, Outcome.REJECTED, null, name, errors);
    }

    /**
     * RFC 4180 CSV: commas (or the {@code ;} or tab Excel writes in locales whose decimal mark is a comma), double
     * quotes (doubled inside quotes), CRLF or LF, an optional byte order mark.
     */
    static final class Csv {
        private Csv() {
        }

        /** The delimiter of the header row: whichever of {@code , ; tab} it holds most often outside quotes. */
        static char delimiter(String text) {
            int commas = 0;
            int semicolons = 0;
            int tabs = 0;
            boolean quoted = false;
            for (int i = text.startsWith("\uFEFF") ? 1 : 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '"') {
                    quoted = !quoted;
                } else if (!quoted && (ch == '\n' || ch == '\r')) {
                    break;
                } else if (!quoted) {
                    commas += ch == ',' ? 1 : 0;
                    semicolons += ch == ';' ? 1 : 0;
                    tabs += ch == '\t' ? 1 : 0;
                }
            }
            return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
        }

        static List<List<String>> parse(String text) {
            return parse(text, ',');
        }

        static List<List<String>> parse(String text, char delimiter) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            int i = text.startsWith("\uFEFF") ? 1 : 0;
            for (; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == delimiter) {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    cell.append(ch);
                }
            }
            if (cell.length() > 0 || !row.isEmpty()) {
                row.add(cell.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}

package vn.izone.registry.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue #6, bad-input drill. Every write endpoint of the registry (enumerated from its OpenAPI document, so a new
 * one fails this test until it is covered here) gets malformed JSON, wrong types, missing and extra fields,
 * out-of-range and huge numbers, oversized strings, SQL and script injection strings, invalid UTF-8, JSON nested
 * 10,000 levels deep, wrong content types and bad If-Match / Idempotency-Key / actor headers. Each answer must be
 * a 4xx application/problem+json naming the field where one applies, never a 5xx (an unknown property: 400
 * {@code unknown-property} naming it, e.g. {@code items[0].unexpected}, and the known one it probably meant, issue #15);
 * afterwards the register's
 * tables and the outbox are unchanged (checksums) and the service is healthy.
 * <p>
 * Every case is a guaranteed-invalid request; hostile strings that are valid text are the register's data, not
 * bad input, and are stored verbatim elsewhere. The CSV import refuses bad rows one by one (200, every row
 * REJECTED naming its field, nothing written) and bad files as a whole (4xx). Generated cases are drawn from a
 * seeded {@link Random}: {@code -Dizone.fuzz.seed=N} replays a run; the seed is printed and named in failures.
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class BadInputDrillTest {
    static final long SEED = Long.getLong("izone.fuzz.seed", System.nanoTime());
    static final int RANDOM_CASES_PER_ENDPOINT = 40;
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String SQL = "'; DROP TABLE zone; --";
    static final String SCRIPT = "<script>alert('x')</script>";
    static final List<String> HOSTILE = List.of(SQL, "' OR '1'='1", SCRIPT, "${jndi:ldap://127.0.0.1/x}", "\u202Eevil", "../../etc/passwd");
    static final String MEGABYTE = "x".repeat(1 << 20);
    static final String PROBLEM = "application/problem+json";
    static final List<String> TABLES = List.of("zone", "project", "report", "idempotency_key", "declared_figure");

    @Inject
    DataSource db;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Random random = new Random(SEED);
    final Map<String, Integer> answers = new TreeMap<>();
    /** Every wrong answer, collected so that one run lists them all. */
    final List<String> wrong = new ArrayList<>();
    int cases;

    // ------------------------------------------------------------------ the write endpoints

    enum Kind { TEXT, NAME, CODE, ENUM, DATE, PAST_DATE, NUMBER, SIGNED, AMOUNT, PERCENT, INTEGER, RANGE, UUID, OBJECT, LIST, BOOLEAN }

    /** A field of a request body: its JSON path (dots), what it holds, whether it is required, its limits. */
    record Field(String path, Kind kind, boolean required, int max) {
        static Field of(String path, Kind kind, boolean required) {
            return new Field(path, kind, required, 0);
        }

        static Field text(String path, boolean required, int max) {
            return new Field(path, required ? Kind.NAME : Kind.TEXT, required, max);
        }
    }

    /** A write endpoint: how to call it with a valid request, and its fields. */
    record Endpoint(String method, String template, String path, String validBody, List<Field> fields,
                    boolean idempotencyKey, boolean ifMatch, boolean ifMatchRequired) {
        String key() {
            return method + " " + template;
        }
    }

    List<Endpoint> endpoints(String zone, String project, String report) {
        List<Field> zoneFields = List.of(Field.of("kind", Kind.ENUM, true), Field.text("name", true, 300),
                Field.of("provinceCode", Kind.CODE, true), Field.of("formerProvinceCode", Kind.CODE, false),
                Field.text("commune", false, 200), Field.text("planningPeriod", false, 100),
                Field.of("status", Kind.ENUM, true), Field.of("statusDate", Kind.PAST_DATE, false),
                Field.of("constructionProgressPercent", Kind.PERCENT, false), Field.of("clusterModel", Kind.ENUM, false),
                Field.of("plannedAreaHa", Kind.AMOUNT, false), Field.of("establishedAreaHa", Kind.AMOUNT, false),
                Field.of("industrialLandHa", Kind.AMOUNT, false), Field.of("leasedAreaHa", Kind.AMOUNT, false),
                Field.text("infrastructureInvestor", false, 300), Field.of("latitude", Kind.NUMBER, false),
                Field.of("longitude", Kind.NUMBER, false), Field.of("validOn", Kind.PAST_DATE, true),
                Field.of("parkType", Kind.ENUM, false), Field.of("outline", Kind.OBJECT, false),
                Field.text("source", false, 500), Field.of("phases", Kind.LIST, false),
                Field.of("phases.0.name", Kind.NAME, true), Field.of("phases.0.areaHa", Kind.AMOUNT, true),
                Field.of("infrastructureInvestmentVnd", Kind.OBJECT, false),
                Field.of("infrastructureInvestmentVnd.localBudget", Kind.AMOUNT, false),
                Field.of("wastewater", Kind.OBJECT, false), Field.of("wastewater.centralised", Kind.BOOLEAN, true),
                Field.of("targets", Kind.LIST, false), Field.of("targets.0.indicator", Kind.CODE, true),
                Field.of("targets.0.percent", Kind.PERCENT, true), Field.text("targets.0.due", true, 40));
        String zoneBody = """
                {"kind":"INDUSTRIAL_PARK","name":"Khu công nghiệp fuzz (valid)","provinceCode":"37","formerProvinceCode":"37",
                 "commune":"Gia Sinh","planningPeriod":"2021-2030","status":"IN_OPERATION","statusDate":"2008-01-01",
                 "plannedAreaHa":351,"establishedAreaHa":351,"industrialLandHa":250,
                 "leasedAreaHa":232,"infrastructureInvestor":"Investor","latitude":20.25,"longitude":105.97,
                 "validOn":"2025-09-30","source":"fuzz","phases":[{"name":"phase 1","areaHa":100}],
                 "infrastructureInvestmentVnd":{"localBudget":1000000},"wastewater":{"centralised":true,"meetsStandard":true},
                 "targets":[{"indicator":"OCCUPANCY","percent":50,"due":"YEAR_THREE"}]}""";
        List<Field> statusFields = List.of(Field.of("status", Kind.ENUM, true), Field.of("statusDate", Kind.PAST_DATE, false),
                Field.of("constructionProgressPercent", Kind.PERCENT, false), Field.of("validOn", Kind.PAST_DATE, false),
                Field.text("source", false, 500), Field.text("reason", false, 500));
        String statusBody = """
                {"status":"EXPANDED","statusDate":"2025-01-01","constructionProgressPercent":100,"validOn":"2025-01-01",
                 "source":"fuzz","reason":"fuzz"}""";
        List<Field> projectFields = List.of(Field.text("name", true, 300), Field.text("investor", true, 300),
                Field.of("origin", Kind.ENUM, true), Field.of("investorCountry", Kind.CODE, false), Field.text("sector", false, 200),
                Field.of("registeredCapital", Kind.OBJECT, false), Field.of("registeredCapital.amount", Kind.AMOUNT, true),
                Field.of("registeredCapital.currency", Kind.CODE, true), Field.of("leasedAreaHa", Kind.AMOUNT, false),
                Field.of("workers", Kind.INTEGER, false), Field.of("status", Kind.ENUM, true), Field.text("statusReason", false, 500),
                Field.of("statusDate", Kind.PAST_DATE, false), Field.of("validOn", Kind.PAST_DATE, true), Field.text("source", false, 500));
        List<Field> reportFields = List.of(Field.of("projectId", Kind.UUID, false), Field.of("periodKind", Kind.ENUM, true),
                Field.of("year", Kind.RANGE, true), Field.of("revenueVnd", Kind.AMOUNT, false), Field.of("exportUsd", Kind.AMOUNT, false),
                Field.of("budgetPaidVnd", Kind.AMOUNT, false), Field.of("workers", Kind.INTEGER, false),
                Field.of("averageMonthlyIncomeVnd", Kind.AMOUNT, false), Field.of("validOn", Kind.PAST_DATE, true),
                Field.text("source", false, 500));
        String quarterReport = """
                {"periodKind":"QUARTER","year":2025,"number":1,"revenueVnd":1000000,"exportUsd":1000,"budgetPaidVnd":1000,
                 "workers":100,"averageMonthlyIncomeVnd":7500000,"validOn":"2025-06-30","source":"fuzz"}""";
        List<Field> figureFields = List.of(Field.of("scopeType", Kind.CODE, true), Field.of("scopeCode", Kind.CODE, true),
                Field.of("figure", Kind.CODE, true), Field.of("kind", Kind.ENUM, false), Field.of("indicator", Kind.CODE, false),
                Field.of("value", Kind.SIGNED, true), Field.of("unit", Kind.CODE, true),
                Field.of("validOn", Kind.PAST_DATE, true), Field.text("source", true, 500));
        String figureBody = """
                {"scopeType":"PROVINCE","scopeCode":"37","figure":"PLANNED_CLUSTERS","kind":"INDUSTRIAL_CLUSTER",
                 "indicator":"zones.planned","value":117,"unit":"count",
                 "validOn":"2025-09-30","source":"fuzz"}""";
        return List.of(
                new Endpoint("POST", "/api/v1/zones", "/api/v1/zones", zoneBody, zoneFields, true, false, false),
                new Endpoint("PUT", "/api/v1/zones/{id}", "/api/v1/zones/" + zone, zoneBody, zoneFields, false, true, true),
                new Endpoint("POST", "/api/v1/zones/{id}/status", "/api/v1/zones/" + zone + "/status", statusBody, statusFields, false, true, false),
                new Endpoint("POST", "/api/v1/zones/{zoneId}/projects", "/api/v1/zones/" + zone + "/projects", Api.PROJECT, projectFields, true, false, false),
                new Endpoint("PUT", "/api/v1/projects/{id}", "/api/v1/projects/" + project, Api.PROJECT, projectFields, false, true, true),
                new Endpoint("POST", "/api/v1/zones/{zoneId}/reports", "/api/v1/zones/" + zone + "/reports", quarterReport, reportFields, true, false, false),
                new Endpoint("PUT", "/api/v1/zones/{zoneId}/reports/{id}", "/api/v1/zones/" + zone + "/reports/" + report,
                        Api.NINE_MONTHS_2025, reportFields, false, true, true),
                new Endpoint("POST", "/api/v1/figures", "/api/v1/figures", figureBody, figureFields, false, false, false),
                new Endpoint("POST", "/api/v1/zones/{zoneId}/projects/batch", "/api/v1/zones/" + zone + "/projects/batch",
                        batch(Api.PROJECT), batched(projectFields), true, false, false),
                new Endpoint("POST", "/api/v1/zones/{zoneId}/reports/batch", "/api/v1/zones/" + zone + "/reports/batch",
                        batch(quarterReport.replace("\"number\":1", "\"number\":2")), batched(reportFields), true, false, false));
    }

    /** A batch body holding one valid item, as the batch endpoints take it. */
    static String batch(String item) {
        return "{\"items\":[" + item + "]}";
    }

    /** The item's fields as fields of the batch's first item, plus the list itself. */
    static List<Field> batched(List<Field> itemFields) {
        List<Field> fields = new java.util.ArrayList<>();
        fields.add(Field.of("items", Kind.LIST, true));
        itemFields.forEach(f -> fields.add(new Field("items.0." + f.path(), f.kind(), f.required(), f.max())));
        return fields;
    }

    static final String IMPORT = "POST /api/v1/zones/import";
    /**
     * The operator's recovery commands (issue #18) read no body and no header: nothing to fuzz, and running them here
     * (checks are off in this profile) would reconcile with topics other test classes share. Who may call them:
     * security/RecoveryAccessTest.
     */
    static final Set<String> BODYLESS_OPERATOR_COMMANDS = Set.of("POST /api/v1/admin/rebuild", "POST /api/v1/admin/recovery/reconcile");

    // ------------------------------------------------------------------ the drill

    @Test
    void everyWriteEndpointRefusesBadInputWithA4xxProblemAndChangesNothing() throws Exception {
        say("seed " + SEED + " (replay with -Dizone.fuzz.seed=" + SEED + ")");
        Instant started = Instant.now();
        String zone = Api.zone(Api.PARK.replace("Khánh Phú (test)", "fuzz target"));
        String project = Api.project(zone, Api.PROJECT);
        String report = Api.report(zone, Api.NINE_MONTHS_2025);
        List<Endpoint> endpoints = endpoints(zone, project, report);
        // the same keys again with another body below must be refused, not create
        for (Endpoint e : endpoints) {
            if (e.idempotencyKey()) {
                ObjectNode other = (ObjectNode) JSON.readTree(e.validBody());
                ObjectNode first = other.has("items") ? (ObjectNode) other.get("items").get(0) : other; // batches: in the item
                first.put("source", "fuzz: the body first sent with this key");
                Answer a = send(e.method(), e.path(), "application/json", bytes(other.toString()),
                        Map.of("Idempotency-Key", "fuzz-used-" + e.template()));
                assertEquals(201, a.status(), () -> e.key() + " setup: " + a.body());
            }
        }
        assertEveryWriteEndpointCovered(endpoints);
        Map<String, String> before = checksums();

        for (Endpoint e : endpoints) {
            bodyLevelCases(e);
            headerCases(e);
            for (Field f : e.fields()) {
                for (Mutation m : mutations(f)) {
                    ObjectNode body = (ObjectNode) JSON.readTree(e.validBody());
                    m.apply().accept(body);
                    expectRefused(e, body, Set.of(f.path()), f.path() + " " + m.name());
                }
            }
            extraFieldCases(e);
            for (int i = 0; i < RANDOM_CASES_PER_ENDPOINT; i++) {
                randomCase(e, i);
            }
            assertHealthy(e.key());
        }
        importCases(zone);
        assertHealthy(IMPORT);

        if (!wrong.isEmpty()) {
            wrong.forEach(w -> say("WRONG " + w));
            fail(wrong.size() + " wrong answers of " + cases + " (seed " + SEED + "):\n  " + String.join("\n  ", wrong.subList(0, Math.min(80, wrong.size()))));
        }
        Map<String, String> after = checksums();
        assertEquals(before, after, "a refused request changed the register or the outbox (seed " + SEED + ")");
        say(cases + " bad requests to " + (endpoints.size() + 1) + " write endpoints in " + Duration.between(started, Instant.now()).toMillis()
                + " ms; answers by status " + answers + "; register and outbox unchanged; health UP");
    }

    /** Every write operation the OpenAPI document lists is one this drill covers. */
    void assertEveryWriteEndpointCovered(List<Endpoint> endpoints) throws IOException, InterruptedException {
        Answer a = send("GET", "/q/openapi?format=json", null, null, Map.of("Accept", "application/json"));
        assertEquals(200, a.status());
        Set<String> listed = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = a.body().path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("post", "put", "patch", "delete")) {
                if (path.getValue().has(method)) {
                    listed.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        Set<String> covered = new TreeSet<>();
        endpoints.forEach(e -> covered.add(e.key()));
        covered.add(IMPORT);
        covered.addAll(BODYLESS_OPERATOR_COMMANDS);
        Set<String> missing = new TreeSet<>(listed);
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "write endpoints the bad-input drill does not cover yet: " + missing);
        Set<String> gone = new TreeSet<>(covered);
        gone.removeAll(listed);
        assertTrue(gone.isEmpty(), "covered endpoints the OpenAPI document no longer lists: " + gone);
        say("write endpoints (from /q/openapi): " + listed);
    }

    // ------------------------------------------------------------------ cases

    void bodyLevelCases(Endpoint e) throws Exception {
        String valid = e.validBody();
        List<String> malformed = new ArrayList<>(List.of("", "{", "}", "{\"name\":", "{\"name\" \"x\"}", "{\"a\":1,}", "[]", "null",
                "42", "\"text\"", "true", "{'kind':'INDUSTRIAL_PARK'}", "{\"kind\":NaN}", "\u0000", "<zone/>",
                valid.substring(0, valid.length() / 2), valid + "}", valid + valid, "{\"name\":\"" + SQL + "\"" + SCRIPT));
        malformed.add(valid.substring(0, 1 + random.nextInt(valid.length() - 2))); // cut at a random place
        for (String body : malformed) {
            expect(e, "application/json", bytes(body), null, "malformed JSON " + abbreviate(body));
        }
        // invalid UTF-8 inside a string value, and as the whole body
        for (byte[] bad : List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF, (byte) 0xFE}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0xC0, (byte) 0xAF})) {
            ObjectNode body = (ObjectNode) JSON.readTree(valid);
            String firstText = firstRequiredTextField(e);
            body.put(firstText, "@@BAD@@");
            expect(e, "application/json", splice(bytes(body.toString()), "@@BAD@@", bad), null, "invalid UTF-8 in " + firstText);
            expect(e, "application/json", bad, null, "invalid UTF-8 body");
        }
        // nested 10,000 levels: as a field's value, and as the whole body
        String deepArray = "[".repeat(10_000) + "]".repeat(10_000);
        String deepObject = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        ObjectNode marker = (ObjectNode) JSON.readTree(valid);
        String firstText = firstRequiredTextField(e);
        marker.put(firstText, "@@DEEP@@");
        expect(e, "application/json", bytes(marker.toString().replace("\"@@DEEP@@\"", deepArray)), null, "10,000 nested arrays");
        expect(e, "application/json", bytes(marker.toString().replace("\"@@DEEP@@\"", deepObject)), null, "10,000 nested objects");
        expect(e, "application/json", bytes(deepArray), null, "10,000 nested arrays as the body");
        // a number too long to be a number
        expect(e, "application/json", bytes(valid.replaceFirst("\\{", "{\"extra\":" + "9".repeat(5_000) + ",")
                .replaceFirst("\"" + firstText + "\":\"[^\"]*\"", "\"" + firstText + "\":{}")), null, "5,000-digit number");
        // a body beyond the size limit
        expect(e, "application/json", bytes("{\"name\":\"" + "x".repeat(11 << 20) + "\"}"), null, "an 11 MB body");
        // wrong content types with a valid body
        for (String type : new String[]{"text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/csv", "application/octet-stream", "application/json-patch+json", "image/png", null}) {
            expect(e, type, bytes(valid), null, "content type " + type);
        }
    }

    void headerCases(Endpoint e) throws Exception {
        byte[] valid = bytes(e.validBody());
        if (e.idempotencyKey()) {
            expectHeaders(e, valid, Map.of("Idempotency-Key", "k".repeat(201)), "Idempotency-Key", "201-character Idempotency-Key");
            expectHeaders(e, valid, Map.of("Idempotency-Key", SQL + "x".repeat(200)), "Idempotency-Key", "hostile long Idempotency-Key");
            expectHeaders(e, valid, Map.of("Idempotency-Key", "fuzz-used-" + e.template()), "Idempotency-Key", "Idempotency-Key reused with another body");
        }
        expectHeaders(e, valid, withIfMatch(e, Map.of("X-Izone-Actor", "a".repeat(201))), "X-Izone-Actor", "201-character actor");
        expectHeaders(e, valid, withIfMatch(e, Map.of("X-Izone-Actor", SCRIPT.repeat(20))), "X-Izone-Actor", "hostile long actor");
        if (e.ifMatch()) {
            for (String bad : List.of("abc", "\"abc\"", "\"99999999999999999999\"", "*", "\"7\"", "\"-1\"", "\"0\"", "\"\"", "W/\"x\"",
                    "\"" + SQL + "\"", "\"1\", \"2\"", "1e3")) {
                expectHeaders(e, valid, Map.of("If-Match", bad), "If-Match", "If-Match " + bad);
            }
            if (e.ifMatchRequired()) {
                expectHeaders(e, valid, Map.of(), "If-Match", "no If-Match");
            }
        }
    }

    /**
     * Strict input (issue #15): an unknown property, at the top, in a nested object and in a batch's item, is a 400
     * naming it where it was sent; a known one in another case is named with the property it means.
     */
    void extraFieldCases(Endpoint e) throws Exception {
        ObjectNode valid = (ObjectNode) JSON.readTree(e.validBody());
        boolean batch = valid.has("items");
        ObjectNode item = batch ? (ObjectNode) valid.get("items").get(0) : valid;
        String prefix = batch ? "items.0." : "";
        for (String extra : List.of("unexpected", SQL)) {
            ObjectNode body = valid.deepCopy();
            (batch ? (ObjectNode) body.get("items").get(0) : body).put(extra, "x");
            expectUnknown(e, body, prefix + extra, null, "extra field " + abbreviate(extra));
        }
        if (batch) {
            ObjectNode body = valid.deepCopy();
            body.put("unexpected", 1);
            expectUnknown(e, body, "unexpected", null, "extra field beside the items");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = item.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getValue().isObject() && f.getValue().size() > 0) { // a nested object: an unknown property inside it
                ObjectNode body = valid.deepCopy();
                ObjectNode nested = (ObjectNode) get(body, prefix + f.getKey());
                nested.put("unexpected", true);
                expectUnknown(e, body, prefix + f.getKey() + ".unexpected", null, "extra field in " + f.getKey());
            }
        }
        String known = item.fieldNames().next();
        ObjectNode misspelled = valid.deepCopy();
        ObjectNode target = batch ? (ObjectNode) misspelled.get("items").get(0) : misspelled;
        JsonNode value = target.remove(known);
        target.set(known.toUpperCase(java.util.Locale.ROOT), value);
        expectUnknown(e, misspelled, prefix + known.toUpperCase(java.util.Locale.ROOT), known, known + " in upper case");
    }

    /** 400 problem+json of type unknown-property naming the field (and suggesting {@code meant}). */
    void expectUnknown(Endpoint e, ObjectNode body, String field, String meant, String what) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (e.idempotencyKey()) {
            headers.put("Idempotency-Key", "fuzz-" + random.nextLong());
        }
        Answer a = send(e.method(), e.path(), "application/json", bytes(body.toString()), withIfMatch(e, headers));
        check(e, a, Set.of(field), what);
        String context = e.key() + " with " + what + ": answered " + a.status() + " " + abbreviate(a.text());
        JsonNode error = a.body() == null ? null : a.body().path("errors").path(0);
        if (a.status() != 400 || !"https://izone.vn/problems/unknown-property".equals(a.body().path("type").asText())) {
            wrong.add("not a 400 unknown-property: " + context);
        } else if (!error.path("field").asText().replaceAll("\\[(\\d+)]", ".$1").equals(field)) {
            wrong.add("names " + error.path("field") + ", not " + field + ": " + context);
        } else if (meant != null && !meant.equals(error.path("suggestion").asText(null))) {
            wrong.add("suggests " + error.path("suggestion") + ", not " + meant + ": " + context);
        }
    }

    void randomCase(Endpoint e, int n) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(e.validBody());
        Set<String> mutated = new TreeSet<>();
        StringBuilder what = new StringBuilder("random #" + n + ":");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            Field f = e.fields().get(random.nextInt(e.fields().size()));
            List<Mutation> options = mutations(f);
            Mutation m = options.get(random.nextInt(options.size()));
            m.apply().accept(body);
            mutated.add(f.path());
            what.append(' ').append(f.path()).append(' ').append(m.name()).append(';');
        }
        if (random.nextBoolean()) { // unknown fields ride along: refused too (strict input), so naming it is right as well
            String extra = random.nextBoolean() ? "unexpected" : HOSTILE.get(random.nextInt(HOSTILE.size()));
            body.put(extra, HOSTILE.get(random.nextInt(HOSTILE.size())));
            mutated.add(extra);
            what.append(" extra field;");
        }
        expectRefused(e, body, mutated, what.toString());
    }

    void importCases(String zone) throws Exception {
        Endpoint csv = new Endpoint("POST", "/api/v1/zones/import", "/api/v1/zones/import", null, List.of(), false, false, false);
        String header = "kind,name,provinceCode,status,validOn,plannedAreaHa,latitude";
        String good = "INDUSTRIAL_PARK,Khu công nghiệp fuzz import,37,IN_OPERATION,2025-09-30,100,20.1";
        // whole files refused
        expect(csv, "text/csv", bytes(""), null, "empty CSV");
        expect(csv, "application/json", bytes(header + "\n" + good), null, "CSV sent as JSON");
        expect(csv, "text/csv", bytes(header + "," + SQL + "\n" + good), SQL, "hostile column name");
        expect(csv, "text/csv", bytes(header + "\n" + (good + "\n").repeat(5_001)), "body", "5,001 rows");
        expect(csv, "text/csv", bytes("x".repeat(11 << 20)), null, "an 11 MB file");
        expectHeaders(csv, bytes(header + "\n" + good), Map.of("X-Izone-Actor", "a".repeat(201), "Content-Type", "text/csv"),
                "X-Izone-Actor", "201-character actor");
        // rows refused one by one: 200, nothing accepted, each row naming its field
        String[] cells = good.split(",");
        String[] columns = header.split(",");
        Map<String, List<String>> bad = new LinkedHashMap<>();
        bad.put("kind", List.of(SQL, SCRIPT, "", "42"));
        bad.put("name", List.of("", "x".repeat(301), MEGABYTE, "nul\u0000byte"));
        bad.put("provinceCode", List.of(SQL, "XX", ""));
        bad.put("status", List.of(SCRIPT, ""));
        bad.put("validOn", List.of("9999-12-31", "2025-02-30", SQL, ""));
        bad.put("plannedAreaHa", List.of("-1", "1e309", "1e40", "abc", SQL));
        bad.put("latitude", List.of("91", "1e309", "-1e40", SCRIPT));
        for (var entry : bad.entrySet()) {
            int column = List.of(columns).indexOf(entry.getKey());
            for (String value : entry.getValue()) {
                String[] row = cells.clone();
                row[column] = value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
                expectRowsRejected(csv, bytes(header + "\n" + String.join(",", row)), entry.getKey(), entry.getKey() + " = " + abbreviate(value));
            }
        }
        // invalid UTF-8 in a cell that must hold a known word
        byte[] file = bytes(header + "\n" + good.replace("INDUSTRIAL_PARK", "@@BAD@@"));
        expectRowsRejected(csv, splice(file, "@@BAD@@", new byte[]{(byte) 0xFF, (byte) 0xC3, 0x28}), "kind", "invalid UTF-8 in kind");
        expectRowsRejected(csv, bytes(header + "\n" + good + ",extra cell"), "row", "more cells than columns");
    }

    // ------------------------------------------------------------------ mutations (each makes the field invalid)

    record Mutation(String name, Consumer<ObjectNode> apply) {
    }

    List<Mutation> mutations(Field f) {
        List<Mutation> m = new ArrayList<>();
        if (f.required()) {
            m.add(new Mutation("missing", b -> remove(b, f.path())));
            m.add(new Mutation("null", b -> set(b, f.path(), NODES.nullNode())));
        }
        String hostile = HOSTILE.get(random.nextInt(HOSTILE.size()));
        switch (f.kind()) {
            case TEXT, NAME -> {
                m.add(new Mutation("object", b -> set(b, f.path(), NODES.objectNode().put("x", 1))));
                m.add(new Mutation("array", b -> set(b, f.path(), NODES.arrayNode().add(1))));
                if (f.max() > 0) {
                    String over = (hostile + " ").repeat(f.max() / (hostile.length() + 1) + 1) + "x".repeat(f.max());
                    m.add(new Mutation("hostile, over " + f.max() + " characters", b -> set(b, f.path(), NODES.textNode(over.substring(0, f.max() + 1)))));
                    m.add(new Mutation("1 MB", b -> set(b, f.path(), NODES.textNode(MEGABYTE))));
                }
                m.add(new Mutation("NUL character", b -> set(b, f.path(), NODES.textNode("before\u0000after " + hostile))));
                if (f.kind() == Kind.NAME) {
                    m.add(new Mutation("blank", b -> set(b, f.path(), NODES.textNode("   "))));
                }
            }
            case CODE -> {
                m.add(new Mutation("hostile", b -> set(b, f.path(), NODES.textNode(hostile))));
                m.add(new Mutation("SQL", b -> set(b, f.path(), NODES.textNode("' OR 1=1 --"))));
                m.add(new Mutation("1 MB", b -> set(b, f.path(), NODES.textNode(MEGABYTE))));
                m.add(new Mutation("object", b -> set(b, f.path(), NODES.objectNode())));
            }
            case ENUM -> {
                m.add(new Mutation("hostile", b -> set(b, f.path(), NODES.textNode(hostile))));
                m.add(new Mutation("unknown", b -> set(b, f.path(), NODES.textNode("NOT_A_VALUE"))));
                m.add(new Mutation("ordinal out of range", b -> set(b, f.path(), NODES.numberNode(42))));
                m.add(new Mutation("array", b -> set(b, f.path(), NODES.arrayNode().add("IN_OPERATION"))));
            }
            case DATE, PAST_DATE -> {
                m.add(new Mutation("no such day", b -> set(b, f.path(), NODES.textNode("2025-02-30"))));
                m.add(new Mutation("hostile", b -> set(b, f.path(), NODES.textNode(hostile))));
                m.add(new Mutation("object", b -> set(b, f.path(), NODES.objectNode())));
                if (f.kind() == Kind.PAST_DATE) {
                    m.add(new Mutation("future", b -> set(b, f.path(), NODES.textNode("9999-12-31"))));
                }
            }
            case NUMBER, SIGNED, AMOUNT, PERCENT -> {
                m.add(new Mutation("1e309", b -> setRaw(b, f.path(), "1e309")));
                m.add(new Mutation("10^40", b -> setRaw(b, f.path(), "1" + "0".repeat(40))));
                m.add(new Mutation("-10^40", b -> setRaw(b, f.path(), "-1" + "0".repeat(40))));
                m.add(new Mutation("text", b -> set(b, f.path(), NODES.textNode(hostile))));
                m.add(new Mutation("object", b -> set(b, f.path(), NODES.objectNode())));
                if (f.kind() == Kind.AMOUNT || f.kind() == Kind.PERCENT) {
                    m.add(new Mutation("-1", b -> setRaw(b, f.path(), "-1")));
                }
                if (f.kind() == Kind.PERCENT) {
                    m.add(new Mutation("100.01", b -> setRaw(b, f.path(), "100.01")));
                }
                if (f.kind() == Kind.NUMBER) {
                    m.add(new Mutation("1e3 degrees", b -> setRaw(b, f.path(), "1e3")));
                }
            }
            case INTEGER, RANGE -> {
                m.add(new Mutation("-1", b -> setRaw(b, f.path(), "-1")));
                m.add(new Mutation("1e309", b -> setRaw(b, f.path(), "1e309")));
                m.add(new Mutation("10^40", b -> setRaw(b, f.path(), "1" + "0".repeat(40))));
                m.add(new Mutation("2^31", b -> setRaw(b, f.path(), "2147483648")));
                m.add(new Mutation("text", b -> set(b, f.path(), NODES.textNode(hostile))));
                m.add(new Mutation("object", b -> set(b, f.path(), NODES.objectNode())));
            }
            case UUID -> {
                m.add(new Mutation("hostile", b -> set(b, f.path(), NODES.textNode(hostile))));
                m.add(new Mutation("not a uuid", b -> set(b, f.path(), NODES.textNode("123"))));
                m.add(new Mutation("unknown project", b -> set(b, f.path(), NODES.textNode(java.util.UUID.randomUUID().toString()))));
                m.add(new Mutation("number", b -> set(b, f.path(), NODES.numberNode(7))));
            }
            case OBJECT -> {
                m.add(new Mutation("text", b -> set(b, f.path(), NODES.textNode(hostile))));
                m.add(new Mutation("number", b -> set(b, f.path(), NODES.numberNode(5))));
                m.add(new Mutation("array", b -> set(b, f.path(), NODES.arrayNode().add(1))));
            }
            case LIST -> {
                m.add(new Mutation("text", b -> set(b, f.path(), NODES.textNode(hostile))));
                m.add(new Mutation("object", b -> set(b, f.path(), NODES.objectNode())));
                m.add(new Mutation("21 items", b -> {
                    ArrayNode list = NODES.arrayNode();
                    JsonNode item = get(b, f.path() + ".0");
                    for (int i = 0; i < 21; i++) {
                        list.add(item.deepCopy());
                    }
                    set(b, f.path(), list);
                }));
                m.add(new Mutation("list of numbers", b -> set(b, f.path(), NODES.arrayNode().add(1).add(2))));
            }
            case BOOLEAN -> {
                m.add(new Mutation("text", b -> set(b, f.path(), NODES.textNode("maybe"))));
                m.add(new Mutation("object", b -> set(b, f.path(), NODES.objectNode())));
                m.add(new Mutation("array", b -> set(b, f.path(), NODES.arrayNode().add(true))));
            }
        }
        if (f.path().equals("year")) {
            m.add(new Mutation("1989", b -> setRaw(b, f.path(), "1989")));
            m.add(new Mutation("2101", b -> setRaw(b, f.path(), "2101")));
        }
        return m;
    }

    // ------------------------------------------------------------------ expectations

    record Answer(int status, String contentType, JsonNode body, String text) {
    }

    /** A body with these fields made invalid: 4xx problem+json naming one of them. */
    void expectRefused(Endpoint e, ObjectNode body, Set<String> fields, String what) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (e.idempotencyKey()) {
            headers.put("Idempotency-Key", "fuzz-" + random.nextLong());
        }
        Answer a = send(e.method(), e.path(), "application/json", bytes(body.toString()), withIfMatch(e, headers));
        check(e, a, fields, what);
    }

    void expect(Endpoint e, String contentType, byte[] body, String field, String what) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (e.idempotencyKey()) {
            headers.put("Idempotency-Key", "fuzz-" + random.nextLong());
        }
        Answer a = send(e.method(), e.path(), contentType, body, withIfMatch(e, headers));
        check(e, a, field == null ? Set.of() : Set.of(field), what);
    }

    void expectHeaders(Endpoint e, byte[] body, Map<String, String> headers, String field, String what) throws Exception {
        Map<String, String> h = new LinkedHashMap<>(headers);
        String type = h.remove("Content-Type");
        Answer a = send(e.method(), e.path(), type == null ? "application/json" : type, body, h);
        check(e, a, Set.of(field), what);
    }

    void expectRowsRejected(Endpoint e, byte[] csv, String field, String what) throws Exception {
        Answer a = send(e.method(), e.path(), "text/csv", csv, Map.of());
        if (a.status() >= 400 && a.status() < 500) {
            check(e, a, Set.of(field), what);
            return;
        }
        cases++;
        answers.merge(a.status() + " " + a.contentType(), 1, Integer::sum);
        String context = e.key() + " with " + what + ": " + a.status() + " " + abbreviate(a.text());
        if (a.status() != 200 || a.body() == null) {
            wrong.add(context);
            return;
        }
        if (a.body().path("accepted").asInt() != 0 || a.body().path("rejected").asInt() == 0) {
            wrong.add("a bad row was accepted: " + context);
            return;
        }
        for (JsonNode row : a.body().path("results")) {
            List<String> named = new ArrayList<>();
            row.path("errors").forEach(err -> named.add(err.path("field").asText()));
            if (named.stream().noneMatch(n -> names(n, field))) {
                wrong.add("the rejected row names " + named + ", not " + field + ": " + context);
            }
        }
    }

    Map<String, String> withIfMatch(Endpoint e, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (e.ifMatch()) {
            h.putIfAbsent("If-Match", "\"1\"");
        }
        return h;
    }

    void check(Endpoint e, Answer a, Set<String> fields, String what) {
        cases++;
        answers.merge(a.status() + (a.contentType().equals(PROBLEM) ? "" : " " + a.contentType()), 1, Integer::sum);
        String context = e.key() + " with " + what + ": answered " + a.status() + " " + a.contentType() + " " + abbreviate(a.text());
        if (a.status() >= 500 || a.status() < 400) {
            wrong.add(context);
            return;
        }
        if (a.status() == 413 && a.text() != null && a.contentType().equals("connection closed")) {
            return; // the client could not read the answer before the connection closed; a read 413 is a problem document
        }
        if (!PROBLEM.equals(a.contentType())) {
            wrong.add("not a problem document: " + context);
            return;
        }
        if (a.status() == 413) {
            // the mutations made the whole body larger than the limit: the answer names the body, whatever was mutated
            List<String> named = new ArrayList<>();
            a.body().path("errors").forEach(err -> named.add(err.path("field").asText()));
            if (!named.contains("body")) {
                wrong.add("a 413 that does not name body: " + context);
            }
            return;
        }
        if (!fields.isEmpty() && a.status() != 415) {
            List<String> named = new ArrayList<>();
            a.body().path("errors").forEach(err -> named.add(err.path("field").asText()));
            if (named.stream().noneMatch(n -> fields.stream().anyMatch(f -> names(n, f)))) {
                wrong.add("names " + named + ", not " + fields + ": " + context);
            }
        }
    }

    /** Whether a problem's field name points at the mutated JSON path (a.b.0.c ~ a.b[0].c ~ c). */
    static boolean names(String named, String path) {
        String n = named.replaceAll("\\[(\\d+)]", ".$1").replaceAll("\\.+", ".");
        String p = path;
        String last = p.substring(p.lastIndexOf('.') + 1);
        return n.equals(p) || p.startsWith(n + ".") || n.startsWith(p + ".") || n.endsWith("." + last) || n.equals(last)
                || n.endsWith(".<list element>") && p.startsWith(n.substring(0, n.indexOf(".<")));
    }

    void assertHealthy(String after) throws Exception {
        Answer a = send("GET", "/q/health", null, null, Map.of("Accept", "application/json"));
        assertEquals(200, a.status(), "health after " + after + ": " + a.text());
        assertEquals("UP", a.body().path("status").asText(), "health after " + after + ": " + a.text());
    }

    /** A checksum per table of the register, and of the outbox's events (not their published_at, set by the relay). */
    Map<String, String> checksums() throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + table + " t")) {
                    rs.next();
                    sums.put(table, rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(event_id || ':' || aggregate_version || ':' || payload, '|' ORDER BY id)), '') FROM outbox_event")) {
                rs.next();
                sums.put("outbox_event", rs.getString(1));
            }
        }
        return sums;
    }

    // ------------------------------------------------------------------ HTTP and JSON plumbing

    Answer send(String method, String path, String contentType, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // the server may close the connection on a body it refuses before reading it all (the 11 MB ones)
            if (body != null && body.length > (10 << 20)) {
                return new Answer(413, "connection closed", null, e.toString());
            }
            throw e;
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String type = response.headers().firstValue("Content-Type").orElse("none").replaceAll(";.*", "").strip();
        JsonNode json = null;
        if (type.contains("json") && !text.isBlank()) {
            json = JSON.readTree(text);
        }
        return new Answer(response.statusCode(), type, json, text);
    }

    static String firstRequiredTextField(Endpoint e) {
        return e.fields().stream().filter(f -> f.kind() == Kind.NAME && !f.path().contains(".")).findFirst()
                .or(() -> e.fields().stream().filter(f -> f.kind() == Kind.ENUM && f.required()).findFirst())
                .or(() -> e.fields().stream().filter(f -> f.required() && !f.path().contains(".")).findFirst())
                .orElseThrow().path();
    }

    static JsonNode get(ObjectNode body, String path) {
        JsonNode node = body;
        for (String part : path.split("\\.")) {
            node = node.isArray() ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node;
    }

    static void set(ObjectNode body, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode parent = body;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = parent.isArray() ? parent.path(Integer.parseInt(parts[i])) : parent.path(parts[i]);
            boolean arrayMisfits = next.isArray() && !parts[i + 1].matches("\\d+"); // e.g. an object replaced by []
            if (next.isMissingNode() || !next.isContainerNode() || arrayMisfits) { // a parent another mutation replaced: rebuild it
                next = NODES.objectNode();
                if (parent instanceof ArrayNode array) { // e.g. a batch's items emptied by another mutation
                    int index = Integer.parseInt(parts[i]);
                    while (array.size() <= index) {
                        array.addNull();
                    }
                    array.set(index, next);
                } else {
                    ((ObjectNode) parent).set(parts[i], next);
                }
            }
            parent = next;
        }
        String last = parts[parts.length - 1];
        if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    static void remove(ObjectNode body, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? body : get(body, path.substring(0, dot));
        if (parent instanceof ObjectNode o) {
            o.remove(path.substring(dot + 1));
        }
    }

    /** A raw JSON number (1e309, 10^40) that Jackson's tree would not keep as written. */
    static void setRaw(ObjectNode body, String path, String literal) {
        set(body, path, NODES.rawValueNode(new com.fasterxml.jackson.databind.util.RawValue(literal)));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] splice(byte[] body, String marker, byte[] replacement) {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.indexOf(marker);
        byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(replacement);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "… (" + s.length() + " chars)" : oneLine;
    }

    static void say(String line) {
        System.out.println("[bad-input drill] " + line);
    }
}

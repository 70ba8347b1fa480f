package vn.izone.registry.strict;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;

import javax.sql.DataSource;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue #15, strict input: a property a resource does not have is refused (400 problem+json naming it where it was
 * sent, and the known property it probably meant), never dropped; and a refused request writes and publishes
 * nothing (rows of the register, idempotency keys and the outbox unchanged).
 */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class StrictInputTest {
    static final String TYPE = "https://izone.vn/problems/unknown-property";

    @Inject
    DataSource db;

    /** Sends the body and expects the 400 naming {@code field}, suggesting {@code meant} (null: no suggestion). */
    ValidatableResponse refused(String method, String path, String body, String ifMatch, String field, String meant) {
        String before = Rows.snapshot(db);
        var request = given().contentType(ContentType.JSON).header("Idempotency-Key", "strict-" + UUID.randomUUID()).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        ValidatableResponse answer = request.request(method, path).then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(TYPE)).body("status", equalTo(400))
                .body("errors.size()", equalTo(1)).body("errors[0].field", equalTo(field))
                .body("detail", containsString(field));
        if (meant == null) {
            answer.body("errors[0].suggestion", nullValue()).body("errors[0].message", containsString("known: "));
        } else {
            answer.body("errors[0].suggestion", equalTo(meant)).body("errors[0].message", containsString("did you mean " + meant + "?"));
        }
        assertEquals(before, Rows.snapshot(db), method + " " + path + " with " + field + " wrote or published something");
        return answer;
    }

    @Test
    void aZoneWithAMisspelledFieldIsRefusedNamingItAndTheFieldItMeant() {
        // The example: the department's figure under another case, and the date in snake case.
        refused("POST", "/api/v1/zones", Api.PARK.replace("\"plannedAreaHa\"", "\"plannedAreaHA\""), null, "plannedAreaHA", "plannedAreaHa");
        refused("POST", "/api/v1/zones", Api.PARK.replace("\"validOn\"", "\"valid_on\""), null, "valid_on", "validOn");
        // A typo (two letters swapped), inside a nested object, and a name nothing is close to.
        refused("POST", "/api/v1/zones", Api.PARK.replace("\"leasedAreaHa\"", "\"leasedAraeHa\""), null, "leasedAraeHa", "leasedAreaHa");
        refused("POST", "/api/v1/zones", Api.PARK.replace("\"source\"", "\"wastewater\":{\"centralised\":true,\"meetStandard\":true},\"source\""),
                null, "wastewater.meetStandard", "meetsStandard");
        refused("POST", "/api/v1/zones", Api.PARK.replace("\"source\"", "\"colour\":\"green\",\"source\""), null, "colour", null);
        // The same body without the misspelling is accepted: the refusal was for the property, nothing else.
        Api.zone(Api.PARK);
    }

    @Test
    void aProjectAndAReportWithAnUnknownFieldAreRefused() {
        String zone = Api.zone(Api.PARK);
        refused("POST", "/api/v1/zones/" + zone + "/projects", Api.PROJECT.replace("\"workers\"", "\"WORKERS\""), null, "WORKERS", "workers");
        refused("POST", "/api/v1/zones/" + zone + "/projects", Api.PROJECT.replace("\"currency\"", "\"curency\""), null,
                "registeredCapital.curency", "currency");
        refused("POST", "/api/v1/zones/" + zone + "/reports", Api.NINE_MONTHS_2025.replace("\"exportUsd\"", "\"exportUSD\""), null,
                "exportUSD", "exportUsd");
        refused("POST", "/api/v1/zones/" + zone + "/reports", Api.NINE_MONTHS_2025.replace("\"source\"", "\"note\":\"x\",\"source\""), null,
                "note", null);
        refused("POST", "/api/v1/figures", """
                {"scopeType":"PROVINCE","scopeCode":"37","figure":"PLANNED_CLUSTERS","value":117,"units":"count",
                 "validOn":"2025-09-30","source":"strict"}""", null, "units", "unit");
        assertEquals(0, Rows.count(db, "project", "zone_id = '" + zone + "'"));
        assertEquals(0, Rows.count(db, "report", "zone_id = '" + zone + "'"));
    }

    @Test
    void aBatchItemWithAnUnknownFieldRefusesTheWholeBatchNamingTheItem() {
        String zone = Api.zone(Api.PARK);
        String projects = IntStream.range(0, 5).mapToObj(i -> i == 3
                        ? Api.PROJECT.replace("\"leasedAreaHa\":15", "\"leasedAreaHA\":1").replace("(test)", "3")
                        : Api.PROJECT.replace("\"leasedAreaHa\":15", "\"leasedAreaHa\":1").replace("(test)", "" + i))
                .collect(Collectors.joining(",", "{\"items\":[", "]}"));
        refused("POST", "/api/v1/zones/" + zone + "/projects/batch", projects, null, "items[3].leasedAreaHA", "leasedAreaHa");
        String reports = "{\"items\":[" + Api.NINE_MONTHS_2025 + "," + Api.NINE_MONTHS_2025.replace("2025", "2024")
                .replace("\"budgetPaidVnd\"", "\"budgetPaidVdn\"") + "]}";
        refused("POST", "/api/v1/zones/" + zone + "/reports/batch", reports, null, "items[1].budgetPaidVdn", "budgetPaidVnd");
        // beside the items, at the batch's own level
        refused("POST", "/api/v1/zones/" + zone + "/reports/batch", "{\"item\":[" + Api.NINE_MONTHS_2025 + "]}", null, "item", "items");
        assertEquals(0, Rows.count(db, "project", "zone_id = '" + zone + "'"));
        assertEquals(0, Rows.count(db, "report", "zone_id = '" + zone + "'"));
    }

    @Test
    void aCorrectionWithAnUnknownFieldIsRefusedAndTheRecordKeepsItsRevision() {
        String zone = Api.zone(Api.PARK);
        String project = Api.project(zone, Api.PROJECT);
        String report = Api.report(zone, Api.NINE_MONTHS_2025);
        refused("PUT", "/api/v1/zones/" + zone, Api.PARK.replace("\"industrialLandHa\"", "\"industrialLandHA\""), "\"1\"",
                "industrialLandHA", "industrialLandHa");
        refused("PUT", "/api/v1/projects/" + project, Api.PROJECT.replace("\"status\"", "\"statusReson\":\"x\",\"status\""), "\"1\"",
                "statusReson", "statusReason");
        refused("PUT", "/api/v1/zones/" + zone + "/reports/" + report, Api.NINE_MONTHS_2025.replace("\"workers\"", "\"worker\""), "\"1\"",
                "worker", "workers");
        refused("POST", "/api/v1/zones/" + zone + "/status", "{\"status\":\"EXPANDED\",\"statusDate\":\"2025-01-01\",\"reasn\":\"more land\"}",
                null, "reasn", "reason");
        given().get("/api/v1/zones/" + zone).then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("IN_OPERATION"));
        given().get("/api/v1/projects/" + project).then().statusCode(200).header("ETag", "\"1\"");
        given().get("/api/v1/zones/" + zone + "/reports/" + report).then().statusCode(200).header("ETag", "\"1\"").body("workers", equalTo(9500));
    }
}

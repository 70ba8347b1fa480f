package vn.izone.registry.report;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #7: the clusters that have not filed the report of the last period whose cut-off (14 June, 14 December) passed. */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class OverdueReportsTest {

    static String cluster(String name, String status) {
        return """
                {"kind":"INDUSTRIAL_CLUSTER","name":"%s","provinceCode":"25","status":"%s",
                 "plannedAreaHa":50,"establishedAreaHa":50,"industrialLandHa":40,"leasedAreaHa":30,
                 "validOn":"2025-09-30","source":"test"}""".formatted(name, status);
    }

    static String report(String kind, int year, Integer number, String validOn) {
        return """
                {"periodKind":"%s","year":%d,"number":%s,"workers":100,"validOn":"%s","source":"test"}"""
                .formatted(kind, year, number, validOn);
    }

    @Test
    void onlyEstablishedClustersMissingTheLastDueReportAreListed() {
        String filedHalf = Api.zone(cluster("Cụm công nghiệp đã nộp 6 tháng (test)", "IN_OPERATION"));
        String filedYear = Api.zone(cluster("Cụm công nghiệp chỉ nộp năm (test)", "IN_OPERATION"));
        String planned = Api.zone(cluster("Cụm công nghiệp quy hoạch (test)", "PLANNED"));
        Api.report(filedHalf, report("HALF_YEAR", 2026, 1, "2026-06-30"));
        Api.report(filedYear, report("YEAR", 2025, null, "2025-12-31"));

        // 1 July 2026: the first-half report of 2026 is due (cut-off 14 June)
        JsonPath july = given().get("/api/v1/reports/overdue?asOf=2026-07-01").then().statusCode(200)
                .body("period.periodKind", equalTo("HALF_YEAR")).body("period.year", equalTo(2026))
                .body("period.number", equalTo(1)).body("period.cutOff", equalTo("2026-06-14"))
                .extract().jsonPath();
        List<String> overdueInJuly = july.getList("overdue.zoneId");
        assertTrue(overdueInJuly.contains(filedYear), overdueInJuly.toString());
        assertFalse(overdueInJuly.contains(filedHalf), overdueInJuly.toString());
        assertFalse(overdueInJuly.contains(planned), "a planned cluster is not expected to report");

        // 1 March 2026: the annual report of 2025 is due (cut-off 14 December 2025)
        JsonPath march = given().get("/api/v1/reports/overdue?asOf=2026-03-01").then().statusCode(200)
                .body("period.periodKind", equalTo("YEAR")).body("period.year", equalTo(2025))
                .extract().jsonPath();
        List<String> overdueInMarch = march.getList("overdue.zoneId");
        assertTrue(overdueInMarch.contains(filedHalf), overdueInMarch.toString());
        assertFalse(overdueInMarch.contains(filedYear), overdueInMarch.toString());
        // on the cut-off day itself the annual report of that year is due
        given().get("/api/v1/reports/overdue?asOf=2026-12-14").then().statusCode(200)
                .body("period.periodKind", equalTo("YEAR")).body("period.year", equalTo(2026));

        given().get("/api/v1/reports/overdue?asOf=14/06/2026").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
    }
}

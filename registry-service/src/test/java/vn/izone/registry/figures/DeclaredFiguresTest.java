package vn.izone.registry.figures;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.RegistryTestServers;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The press gave 115 and 117 planned clusters for merged Ninh Bình: both stay, with their sources. */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class DeclaredFiguresTest {

    static String planned(int value, String source) {
        return """
                {"scopeType":"FORMER_PROVINCE","scopeCode":"36","figure":"PLANNED_CLUSTERS","value":%d,"unit":"count",
                 "validOn":"2025-06-30","source":"%s"}""".formatted(value, source);
    }

    @Test
    void aCorrectionChangesTheFigureAsKnownTodayButNotAsReportedBefore() {
        String firstRecordedAt = given().contentType(ContentType.JSON).header("X-Izone-Actor", "dept:37:planning")
                .body(planned(70, "Quy hoạch tỉnh Nam Định 2021-2030")).post("/api/v1/figures")
                .then().statusCode(201).extract().path("recordedAt");
        given().contentType(ContentType.JSON).header("X-Izone-Actor", "dept:37:industry")
                .body(planned(72, "Sở Công Thương, báo cáo 6 tháng 2025")).post("/api/v1/figures")
                .then().statusCode(201);

        given().get("/api/v1/figures?scopeType=FORMER_PROVINCE&scopeCode=36&figure=PLANNED_CLUSTERS").then()
                .body("value", equalTo(List.of(72)))
                .body("[0].source", equalTo("Sở Công Thương, báo cáo 6 tháng 2025"));
        given().get("/api/v1/figures?scopeType=FORMER_PROVINCE&scopeCode=36&figure=PLANNED_CLUSTERS&asReportedAt=" + firstRecordedAt)
                .then().body("value", equalTo(List.of(70)));
        given().get("/api/v1/figures/discrepancies?scopeType=FORMER_PROVINCE&scopeCode=36").then().statusCode(200)
                .body("[0].figure", equalTo("PLANNED_CLUSTERS"))
                .body("[0].submissions.value", equalTo(List.of(70, 72)))
                .body("[0].submissions.source", equalTo(List.of("Quy hoạch tỉnh Nam Định 2021-2030", "Sở Công Thương, báo cáo 6 tháng 2025")))
                .body("[0].submissions.actor", equalTo(List.of("dept:37:planning", "dept:37:industry")));
    }

    @Test
    void anUnknownScopeOrUnitIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body(planned(1, "x").replace("\"36\"", "\"99\"")).post("/api/v1/figures")
                .then().statusCode(422).body("errors[0].field", equalTo("scopeCode"));
        given().contentType(ContentType.JSON).body(planned(1, "x").replace("\"count\"", "\"acres\"")).post("/api/v1/figures")
                .then().statusCode(422).body("errors[0].field", equalTo("unit"));
    }
}

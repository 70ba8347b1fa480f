package vn.izone.registry.figures;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.Api;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;

import javax.sql.DataSource;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The press gave 115 and 117 planned clusters for merged Ninh Bình: both stay, with their sources. */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class DeclaredFiguresTest {
    @Inject
    DataSource db;

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

    static String operatingClusters(String scopeType, String scopeCode, String unit) {
        return """
                {"scopeType":"%s","scopeCode":"%s","figure":"OPERATING_CLUSTERS","kind":"INDUSTRIAL_CLUSTER",
                 "indicator":"zones.operating","value":43,"unit":"%s","validOn":"2025-12-31",
                 "source":"Sở Công Thương Ninh Bình, báo cáo năm 2025"}""".formatted(scopeType, scopeCode, unit);
    }

    /** Issue #16: a figure names the register figure it corresponds to, is published, and is found by its province. */
    @Test
    void aDeclarationNamesItsRegisterFigureAndIsPublishedInTheSameTransaction() {
        String where = "topic = 'izone.registry.figures.v1' AND partition_key = 'province:37' AND aggregate_type = 'figure'";
        long events = Rows.count(db, "outbox_event", where);
        given().contentType(ContentType.JSON).header("X-Izone-Actor", "dept:37:industry").body(operatingClusters("PROVINCE", "37", "count"))
                .post("/api/v1/figures").then().statusCode(201)
                .body("scopeKey", equalTo("province:37"))
                .body("provinceCode", equalTo("37"))
                .body("kind", equalTo("INDUSTRIAL_CLUSTER"))
                .body("indicator", equalTo("zones.operating"))
                .body("registerScopeKey", equalTo("province-kind:37:INDUSTRIAL_CLUSTER"))
                .body("value", equalTo(43));
        assertEquals(events + 1, Rows.count(db, "outbox_event", where));
        assertEquals(events + 1, Rows.count(db, "outbox_event", where + " AND payload LIKE '%\"eventType\":\"figure.%' AND payload LIKE '%\"zoneId\":null%'"));

        // everything declared about Ninh Bình: the province's own figures and its former provinces' (36 above)
        given().contentType(ContentType.JSON).body(planned(12, "Quy hoạch tỉnh").replace("PLANNED_CLUSTERS", "PLANNED_PARKS"))
                .post("/api/v1/figures").then().statusCode(201);
        given().get("/api/v1/figures?provinceCode=37").then().statusCode(200)
                .body("scopeKey", hasItem("province:37"))
                .body("scopeKey", hasItem("former-province:36"));
        given().get("/api/v1/figures?provinceCode=25").then().statusCode(200)
                .body("scopeKey", not(hasItem("province:37")));
    }

    @Test
    void aRegisterFigureNamedInconsistentlyIsRefusedNamingTheField() {
        long before = Rows.count(db, "declared_figure") + Rows.count(db, "outbox_event");
        given().contentType(ContentType.JSON).body(operatingClusters("PROVINCE", "37", "percent")).post("/api/v1/figures")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("unit"));
        given().contentType(ContentType.JSON).body(operatingClusters("PROVINCE", "37", "count").replace("zones.operating", "zones.happy"))
                .post("/api/v1/figures").then().statusCode(422).body("errors[0].field", equalTo("indicator"));
        given().contentType(ContentType.JSON).body(operatingClusters("PROVINCE", "37", "count").replace("INDUSTRIAL_CLUSTER", "CCN"))
                .post("/api/v1/figures").then().statusCode(422).body("errors[0].field", equalTo("kind"));
        given().contentType(ContentType.JSON).body(operatingClusters("NATIONAL", "37", "count")).post("/api/v1/figures")
                .then().statusCode(422).body("errors[0].field", equalTo("scopeCode"));
        String zone = Api.zone(Api.PARK);
        long withZone = Rows.count(db, "declared_figure") + Rows.count(db, "outbox_event");
        given().contentType(ContentType.JSON).body(operatingClusters("ZONE", zone, "count")).post("/api/v1/figures")
                .then().statusCode(422).body("errors[0].field", equalTo("kind"));
        assertEquals(withZone, Rows.count(db, "declared_figure") + Rows.count(db, "outbox_event"));
        assertEquals(before + 1, withZone, "only the zone's own event was written");
    }

    /** The declaration and its event commit together: a failure after the outbox write keeps neither. */
    @Test
    void aDeclarationWhoseEventFailsIsNotKept() {
        long before = Rows.count(db, "declared_figure") + Rows.count(db, "outbox_event");
        given().contentType(ContentType.JSON).header("X-Izone-Actor", vn.izone.registry.support.FailAfterOutbox.ACTOR)
                .body(operatingClusters("PROVINCE", "37", "count")).post("/api/v1/figures").then().statusCode(500);
        assertEquals(before, Rows.count(db, "declared_figure") + Rows.count(db, "outbox_event"));
    }
}

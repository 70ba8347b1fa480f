package vn.izone.registry.zone;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.izone.registry.events.Topics;
import vn.izone.registry.support.RegistryTestServers;
import vn.izone.registry.support.Rows;
import vn.izone.registry.support.TopicReader;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class ZoneImportTest {
    @Inject
    DataSource db;

    static final String CSV = """
            kind,name,provinceCode,formerProvinceCode,status,plannedAreaHa,establishedAreaHa,industrialLandHa,leasedAreaHa,wastewater.centralised,wastewater.meetsStandard,infrastructureInvestmentVnd.localBudget,validOn,source\r
            INDUSTRIAL_PARK,"Khu công nghiệp Đồng Văn II (import)",37,35,IN_OPERATION,264,264,190,180,true,true,,2025-09-30,"import test, row 2"\r
            INDUSTRIAL_PARK,Khu công nghiệp quá tải (import),37,35,IN_OPERATION,100,100,50,60,,,,2025-09-30,import test\r
            INDUSTRIAL_CLUSTER,Cụm công nghiệp sai tỉnh (import),25,35,PLANNED,30,,,,,,,2025-09-30,import test\r
            INDUSTRIAL_CLUSTER,Cụm công nghiệp diện tích lỗi (import),22,22,PLANNED,ba mươi,,,,,,,2025-09-30,import test\r
            \r
            INDUSTRIAL_CLUSTER,"Cụm công nghiệp ""Quảng Tân"" (import)",22,22,ESTABLISHED,60,60,,,false,false,5000000000,2025-07-15,import test\r
            """;

    @Test
    void eachRowIsItsOwnChangeAndTheAnswerSaysWhichWereRejectedAndWhy() {
        long zonesBefore = Rows.count(db, "zone");
        long eventsBefore = Rows.count(db, "outbox_event");
        var response = given().contentType("text/csv; charset=UTF-8").header("X-Izone-Actor", "dept:37:import").body(CSV)
                .post("/api/v1/zones/import")
                .then().statusCode(200)
                .body("rows", equalTo(5)).body("accepted", equalTo(2)).body("rejected", equalTo(3))
                .body("results[0].line", equalTo(2)).body("results[0].outcome", equalTo("ACCEPTED"))
                .body("results[0].errors", nullValue())
                .body("results[1].outcome", equalTo("REJECTED")).body("results[1].errors.field", hasItem("leasedAreaHa"))
                .body("results[2].errors.field", hasItem("formerProvinceCode"))
                .body("results[3].errors.field", hasItem("plannedAreaHa"))
                .body("results[4].line", equalTo(7)).body("results[4].outcome", equalTo("ACCEPTED"))
                .extract();
        assertEquals(zonesBefore + 2, Rows.count(db, "zone"));
        assertEquals(eventsBefore + 2, Rows.count(db, "outbox_event"));

        String first = response.path("results[0].id");
        String last = response.path("results[4].id");
        given().get("/api/v1/zones/" + first).then().statusCode(200)
                .body("name", equalTo("Khu công nghiệp Đồng Văn II (import)")).body("source", equalTo("import test, row 2"))
                .body("wastewater.meetsStandard", equalTo(true)).body("updatedBy", equalTo("dept:37:import"));
        var zone = given().get("/api/v1/zones/" + last).then().statusCode(200)
                .body("name", equalTo("Cụm công nghiệp \"Quảng Tân\" (import)")).extract().jsonPath();
        assertEquals(0, new java.math.BigDecimal("5000000000").compareTo(new java.math.BigDecimal(zone.getString("infrastructureInvestmentVnd.localBudget"))));
        for (String id : List.of(first, last)) {
            assertEquals(1, TopicReader.read(Topics.ZONES, TopicReader.aggregate(id), 1, Duration.ofSeconds(30)).size());
        }
    }

    @Test
    void anUnknownColumnRefusesTheWholeFileNamingIt() {
        long before = Rows.count(db, "zone");
        given().contentType("text/csv").body("kind,name,province\nINDUSTRIAL_PARK,X,37\n").post("/api/v1/zones/import")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("province"));
        given().contentType("text/csv").body("kind,name,provinceCode,plannedAreaHA\nINDUSTRIAL_PARK,X,37,31\n").post("/api/v1/zones/import")
                .then().statusCode(422).body("errors[0].field", equalTo("plannedAreaHA"))
                .body("errors[0].suggestion", equalTo("plannedAreaHa"));
        given().contentType("text/csv").body("").post("/api/v1/zones/import")
                .then().statusCode(422).body("errors[0].field", equalTo("body"));
        assertEquals(before, Rows.count(db, "zone"));
    }
}

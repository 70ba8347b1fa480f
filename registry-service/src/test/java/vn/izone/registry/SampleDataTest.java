package vn.izone.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.izone.registry.support.RegistryTestServers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample dataset (deploy/sample-data) goes into the register through the API, every record of it. */
@QuarkusTest
@QuarkusTestResource(RegistryTestServers.class)
class SampleDataTest {
    static final Path SAMPLE = Path.of("..", "deploy", "sample-data", "sample-zones.json");

    @Test
    void everyZoneProjectReportAndFigureOfTheSampleIsAccepted() throws IOException {
        JsonNode sample = new ObjectMapper().readTree(SAMPLE.toFile());
        List<String> refused = new ArrayList<>();
        int zones = 0;
        int projects = 0;
        int reports = 0;
        for (JsonNode zone : sample.path("zones")) {
            ObjectNode body = zone.deepCopy();
            JsonNode nestedProjects = body.remove("projects");
            JsonNode nestedReports = body.remove("reports");
            Response created = post("/api/v1/zones", body);
            if (created.statusCode() / 100 != 2) {
                refused.add("zone " + zone.path("name").asText() + ": " + created.asString());
                continue;
            }
            zones++;
            String zoneId = created.path("id");
            for (JsonNode project : nestedProjects == null ? List.<JsonNode>of() : iterable(nestedProjects)) {
                Response r = post("/api/v1/zones/" + zoneId + "/projects", project);
                if (r.statusCode() / 100 == 2) {
                    projects++;
                } else {
                    refused.add("project " + project.path("name").asText() + ": " + r.asString());
                }
            }
            for (JsonNode report : nestedReports == null ? List.<JsonNode>of() : iterable(nestedReports)) {
                Response r = post("/api/v1/zones/" + zoneId + "/reports", report);
                if (r.statusCode() / 100 == 2) {
                    reports++;
                } else {
                    refused.add("report " + report + ": " + r.asString());
                }
            }
            if (zone.has("phases")) {
                given().get("/api/v1/zones/" + zoneId).then().statusCode(200)
                        .body("phases.size()", equalTo(zone.get("phases").size()))
                        .body("phases[0].name", equalTo(zone.get("phases").get(0).get("name").asText()));
            }
        }
        int figures = 0;
        for (JsonNode figure : sample.path("figures")) {   // declared figures (issue #16), each naming its register figure
            Response r = post("/api/v1/figures", figure);
            if (r.statusCode() == 201) {
                figures++;
            } else {
                refused.add("figure " + figure.path("figure").asText() + ": " + r.asString());
            }
        }
        assertTrue(refused.isEmpty(), "refused: " + String.join("\n", refused));
        assertEquals(List.of(19, 18, 10, 3), List.of(zones, projects, reports, figures));
    }

    private static Response post(String path, JsonNode body) {
        return given().contentType(ContentType.JSON).body(body.toString()).post(path);
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}

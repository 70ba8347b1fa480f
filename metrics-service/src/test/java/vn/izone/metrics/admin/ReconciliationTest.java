package vn.izone.metrics.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison behind POST /api/v1/admin/reconcile (the end-to-end run belongs to the suite test). */
class ReconciliationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final UUID zoneId = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private final UUID projectId = UUID.fromString("00000000-0000-0000-0000-000000000002");

    private JsonNode registryZone(String leased) throws Exception {
        return JSON.readTree("""
                {"id":"%s","revision":3,"kind":"INDUSTRIAL_PARK","name":"Đồng Văn I","provinceCode":"37","provinceName":"Ninh Bình",
                 "formerProvinceCode":"35","status":"IN_OPERATION","statusDate":"2021-01-15","constructionProgressPercent":100,
                 "clusterModel":null,"plannedAreaHa":150.0,"establishedAreaHa":120,"industrialLandHa":100.50,"leasedAreaHa":%s,
                 "commune":"ignored"}""".formatted(zoneId, leased));
    }

    private JsonNode registryProject(int workers) throws Exception {
        return JSON.readTree("""
                {"id":"%s","zoneId":"%s","revision":2,"origin":"FDI","registeredCapital":{"amount":120000000.00,"currency":"USD"},
                 "leasedAreaHa":1.5,"workers":%d,"status":"OPERATING","name":"ignored"}""".formatted(projectId, zoneId, workers));
    }

    private Reconciliation.Snapshot metrics() {
        Map<String, String> zone = new LinkedHashMap<>();
        zone.put("revision", "3");
        zone.put("kind", "INDUSTRIAL_PARK");
        zone.put("name", "Đồng Văn I");
        zone.put("provinceCode", "37");
        zone.put("formerProvinceCode", "35");
        zone.put("status", "IN_OPERATION");
        zone.put("clusterModel", null);
        zone.put("plannedAreaHa", Reconciliation.number("150.0000"));
        zone.put("establishedAreaHa", Reconciliation.number("120.0000"));
        zone.put("industrialLandHa", Reconciliation.number("100.5000"));
        zone.put("leasedAreaHa", Reconciliation.number("80.2500"));
        zone.put("statusDate", "2021-01-15");
        zone.put("constructionProgressPercent", Reconciliation.number("100.00"));
        Map<String, String> project = new LinkedHashMap<>();
        project.put("zoneId", zoneId.toString());
        project.put("revision", "2");
        project.put("origin", "FDI");
        project.put("capitalAmount", Reconciliation.number("120000000.00"));
        project.put("capitalCurrency", "USD");
        project.put("leasedAreaHa", Reconciliation.number("1.5000"));
        project.put("workers", "1500");
        project.put("status", "OPERATING");
        Reconciliation.Snapshot snapshot = Reconciliation.Snapshot.empty();
        snapshot.zones().put(zoneId, zone);
        snapshot.projects().put(projectId, project);
        return snapshot;
    }

    private Reconciliation.Snapshot registry(String leased, int workers) throws Exception {
        Reconciliation.Snapshot snapshot = Reconciliation.Snapshot.empty();
        snapshot.zones().put(zoneId, Reconciliation.zoneOfRegistry(registryZone(leased)));
        snapshot.projects().put(projectId, Reconciliation.projectOfRegistry(registryProject(workers)));
        return snapshot;
    }

    @Test
    void sameStateWrittenDifferentlyIsNoDifference() throws Exception {
        Reconciliation.Report report = Reconciliation.compare(registry("80.25", 1500), metrics());
        assertTrue(report.consistent(), report.differences().toString());
        assertEquals(1, report.zonesCompared());
        assertEquals(1, report.projectsCompared());
    }

    @Test
    void everyDifferingFieldIsReported() throws Exception {
        Reconciliation.Report report = Reconciliation.compare(registry("90", 1600), metrics());
        assertEquals(List.of(
                new Reconciliation.Difference("zone", zoneId, "leasedAreaHa", "90", "80.25"),
                new Reconciliation.Difference("project", projectId, "workers", "1600", "1500")), report.differences());
    }

    @Test
    void aggregatesMissingOnEitherSideAreReported() throws Exception {
        Reconciliation.Snapshot registry = registry("80.25", 1500);
        UUID onlyInRegistry = UUID.fromString("00000000-0000-0000-0000-000000000003");
        registry.zones().put(onlyInRegistry, Reconciliation.zoneOfRegistry(registryZone("1")));
        Reconciliation.Snapshot metrics = metrics();
        UUID onlyInMetrics = UUID.fromString("00000000-0000-0000-0000-000000000004");
        metrics.projects().put(onlyInMetrics, Map.of("status", "OPERATING"));
        Reconciliation.Report report = Reconciliation.compare(registry, metrics);
        assertEquals(List.of(
                new Reconciliation.Difference("zone", onlyInRegistry, "(missing)", "present", null),
                new Reconciliation.Difference("project", onlyInMetrics, "(missing)", null, "present")), report.differences());
    }
}

package vn.izone.kubernetes.check;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders each overlay with {@code kubectl kustomize} (offline) and checks the result as a cluster would receive
 * it: every per-document rule again, plus the promises of the issue (1 broker locally, 3 in production, 2+ pods
 * and a PodDisruptionBudget per service in production, 3 PostgreSQL instances, a database reachable only from
 * its service). Skipped where kubectl is not installed (Debian package "kubectl").
 */
class RenderedOverlaysTest {
    private static final Path ROOT = KubernetesManifestsTest.ROOT;

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void overlayRendersAndKeepsItsPromises(String overlay) throws Exception {
        List<ManifestChecker.Doc> docs = render(overlay);
        List<ManifestChecker.Violation> violations = new ArrayList<>();
        docs.forEach(d -> violations.addAll(KubernetesManifestsTest.CHECKER.check(d)));
        violations.addAll(ManifestChecker.topics(ManifestChecker.topicsUsed(ROOT, KubernetesManifestsTest.SERVICES), docs));
        violations.addAll(ManifestChecker.secrets(docs));
        violations.addAll(ManifestChecker.backups(docs));
        if (!violations.isEmpty()) fail(violations.toString());

        // issue #18: in production the registry's database archives its WAL to an object store with a retention
        // policy and has a scheduled base backup; the trial node (local) has none of it
        ManifestChecker.Doc registryDb = of(docs, "Cluster").stream().filter(c -> c.name().equals("registry-db")).findFirst().orElseThrow();
        boolean archives = false;
        for (JsonNode plugin : registryDb.node().path("spec").path("plugins")) {
            archives |= plugin.path("isWALArchiver").asBoolean(false);
        }
        boolean scheduled = of(docs, "ScheduledBackup").stream()
                .anyMatch(b -> "registry-db".equals(b.node().path("spec").path("cluster").path("name").asText()));
        boolean retained = of(docs, "ObjectStore").stream().anyMatch(o -> o.node().path("spec").hasNonNull("retentionPolicy"));
        if (overlay.equals("production")) {
            assertTrue(archives && scheduled && retained, "registry-db: WAL archiving " + archives + ", scheduled backup " + scheduled
                    + ", retention " + retained);
        } else {
            assertTrue(!archives && !scheduled && of(docs, "ObjectStore").isEmpty(), "the local overlay needs no object store");
        }

        int brokers = docs.stream().filter(d -> d.kind().equals("KafkaNodePool"))
                .filter(d -> d.node().path("spec").path("roles").toString().contains("broker"))
                .mapToInt(d -> d.node().path("spec").path("replicas").asInt()).sum();
        assertEquals(overlay.equals("local") ? 1 : 3, brokers, "broker nodes");
        for (ManifestChecker.Doc t : of(docs, "KafkaTopic")) {
            int replicas = t.node().path("spec").path("replicas").asInt();
            int minIsr = t.node().path("spec").path("config").path("min.insync.replicas").asInt(1);
            assertTrue(replicas <= brokers, t.where() + ": more replicas than brokers");
            assertTrue(minIsr <= replicas && (replicas == 1 || minIsr < replicas), t.where() + ": min ISR must allow losing one replica");
            if (overlay.equals("production")) assertEquals(3, replicas, t.where());
        }
        for (ManifestChecker.Doc c : of(docs, "Cluster")) {
            int instances = c.node().path("spec").path("instances").asInt();
            assertTrue(overlay.equals("local") ? instances >= 1 : instances >= 3, c.where() + " instances " + instances);
            onlyItsServiceReaches(c, docs);
        }
        for (String service : KubernetesManifestsTest.SERVICES) {
            ManifestChecker.Doc d = of(docs, "Deployment").stream().filter(x -> x.name().equals(service)).findFirst()
                    .orElseThrow(() -> new AssertionError("no Deployment " + service));
            assertEquals("izone", d.node().path("metadata").path("namespace").asText(), service + " namespace");
            if (overlay.equals("production")) {
                assertTrue(d.node().path("spec").path("replicas").asInt() >= 2, service + " replicas");
                assertTrue(of(docs, "PodDisruptionBudget").stream().anyMatch(p -> service.equals(
                        p.node().path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText())),
                        service + " has no PodDisruptionBudget");
            }
        }
        ManifestChecker.Doc hpa = of(docs, "HorizontalPodAutoscaler").stream().findFirst().orElseThrow();
        assertEquals("reporting-service", hpa.node().path("spec").path("scaleTargetRef").path("name").asText());
        if (overlay.equals("production")) assertTrue(hpa.node().path("spec").path("minReplicas").asInt() >= 2);
    }

    /** A NetworkPolicy selects the cluster's pods and admits, among the services, only the owning one. */
    private static void onlyItsServiceReaches(ManifestChecker.Doc cluster, List<ManifestChecker.Doc> docs) {
        String name = cluster.name();
        String owner = name.replaceFirst("-db$", "") + "-service";
        List<ManifestChecker.Doc> policies = of(docs, "NetworkPolicy").stream()
                .filter(p -> name.equals(p.node().path("spec").path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText()))
                .toList();
        assertEquals(1, policies.size(), "one NetworkPolicy for " + name);
        JsonNode spec = policies.get(0).node().path("spec");
        assertTrue(spec.path("policyTypes").toString().contains("Ingress"));
        List<String> services = new ArrayList<>();
        for (JsonNode rule : spec.path("ingress")) {
            assertTrue(rule.has("from"), "an ingress rule without 'from' admits everyone: " + rule);
            for (JsonNode from : rule.path("from")) {
                String app = from.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText(null);
                if (app != null) services.add(app);
                assertTrue(from.has("podSelector") || from.has("namespaceSelector"), "peer without selector: " + from);
                assertTrue(!from.has("podSelector") || !from.path("podSelector").path("matchLabels").isEmpty()
                        || from.has("namespaceSelector"), "empty podSelector admits every pod: " + from);
            }
        }
        assertEquals(List.of(owner), services, name + " must be reachable from " + owner + " only");
    }

    private static List<ManifestChecker.Doc> of(List<ManifestChecker.Doc> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.kind())).toList();
    }

    private static List<ManifestChecker.Doc> render(String overlay) throws IOException, InterruptedException {
        Path dir = ROOT.resolve("deploy/kubernetes/overlays").resolve(overlay);
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            Assumptions.abort("kubectl is not installed: rendered overlays not checked (" + e.getMessage() + ")");
            throw e;
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("kubectl kustomize " + dir + " failed: " + err);
        }
        Path file = Files.createTempFile("izone-" + overlay + "-", ".yaml");
        try {
            Files.write(file, out);
            Path shown = Path.of("deploy/kubernetes/overlays/" + overlay + " (rendered)");
            return ManifestChecker.load(file, false).stream()
                    .map(d -> new ManifestChecker.Doc(shown, d.index(), d.node(), false)).toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

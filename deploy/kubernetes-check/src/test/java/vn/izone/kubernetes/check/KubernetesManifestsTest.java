package vn.izone.kubernetes.check;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real manifests under deploy/kubernetes pass every rule; each rule fails on a small broken fixture
 * (src/test/resources/fixtures), so a green run means the rules are alive, not merely never triggered.
 */
class KubernetesManifestsTest {
    static final List<String> SERVICES = List.of("registry-service", "metrics-service", "reporting-service");
    static final Path ROOT = Path.of(System.getProperty("izone.root", "../..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("izone.version", "0.1.0-SNAPSHOT");
    static final ManifestChecker CHECKER = new ManifestChecker(ManifestChecker.producedImages(ROOT, SERVICES, VERSION));

    // ------------------------------------------------------------------ the real manifests

    @Test
    void deployKubernetesPassesEveryRule() {
        Path dir = ROOT.resolve("deploy/kubernetes");
        ManifestChecker.Tree tree = ManifestChecker.tree(dir);
        List<ManifestChecker.Violation> violations = new ArrayList<>(tree.violations());
        List<ManifestChecker.Doc> resources = new ArrayList<>();
        List<ManifestChecker.Doc> all = new ArrayList<>();
        tree.resources().forEach(f -> resources.addAll(ManifestChecker.load(f, false)));
        all.addAll(resources);
        tree.patches().forEach(f -> all.addAll(ManifestChecker.load(f, true)));
        all.forEach(d -> violations.addAll(CHECKER.check(d)));
        violations.addAll(ManifestChecker.topics(ManifestChecker.topicsUsed(ROOT, SERVICES), resources));
        violations.addAll(ManifestChecker.secrets(resources));
        violations.addAll(ManifestChecker.backups(resources));
        for (Path k : tree.kustomizations()) {
            JsonNode node = ManifestChecker.load(k, false).get(0).node();
            violations.addAll(CHECKER.kustomizeImages(k, node, VERSION));
        }
        assertNoViolations(violations);
        assertTrue(resources.stream().filter(d -> d.kind().equals("Deployment")).count() >= 3, "three Deployments");
        assertTrue(resources.stream().filter(d -> d.kind().equals("KafkaTopic")).count() >= 5, "five topics");
    }

    @Test
    void generatedManifestsPassAndTheCopiesAreInSync() {
        List<ManifestChecker.Violation> violations = new ArrayList<>();
        int present = 0;
        for (String service : SERVICES) {
            Path generated = ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
            if (!Files.exists(generated)) {
                System.out.println("kubernetes-check: " + generated + " not generated yet (package the service), not compared");
                continue;
            }
            present++;
            ManifestChecker.load(generated, false).forEach(d -> violations.addAll(CHECKER.check(d)));
            violations.addAll(ManifestChecker.inSync(generated, ROOT.resolve("deploy/kubernetes/base/services/" + service + ".yml")));
        }
        System.out.println("kubernetes-check: compared " + present + " generated manifest(s)");
        assertNoViolations(violations);
    }

    @Test
    void theServicesUseTheTopicsOfTheIssue() {
        Set<String> used = ManifestChecker.topicsUsed(ROOT, SERVICES);
        assertTrue(used.containsAll(Set.of("izone.registry.zones.v1", "izone.registry.projects.v1",
                "izone.registry.reports.v1", "izone.metrics.indicators.v1", "izone.metrics.dlq.v1")), used.toString());
    }

    @Test
    void theImagesAreTheIssuesNamesTaggedWithTheVersion() {
        Set<String> refs = ManifestChecker.producedImages(ROOT, SERVICES, VERSION).stream()
                .map(ManifestChecker.Image::reference).collect(Collectors.toSet());
        assertEquals(Set.of("docker.io/izone/registry-service:" + VERSION, "docker.io/izone/metrics-service:" + VERSION,
                "docker.io/izone/reporting-service:" + VERSION), refs);
    }

    // ------------------------------------------------------------------ each rule fails on a broken fixture

    @Test
    void anUnknownFieldInATypedObjectFails() {
        assertRule(ManifestChecker.UNKNOWN_FIELD, "readinesProbe", check("unknown-field-deployment.yaml"));
    }

    @Test
    void anUnknownFieldDeepInAServiceFails() {
        assertRule(ManifestChecker.UNKNOWN_FIELD, "targetPorts", check("unknown-field-service.yaml"));
    }

    @Test
    void aWrongTypeFails() {
        assertRule(ManifestChecker.PARSE, "Deployment", check("wrong-type-deployment.yaml"));
    }

    @Test
    void aContainerWithoutReadinessProbeFails() {
        assertRule(ManifestChecker.PROBES, "no readinessProbe", check("no-readiness-probe.yaml"));
    }

    @Test
    void aContainerWithoutLivenessProbeFails() {
        List<ManifestChecker.Violation> v = check("no-liveness-probe.yaml");
        assertRule(ManifestChecker.PROBES, "no livenessProbe", v);
        assertTrue(v.stream().noneMatch(x -> x.message().contains("readinessProbe")), v.toString());
    }

    @Test
    void anImageTheBuildDoesNotProduceFails() {
        assertRule(ManifestChecker.IMAGE, "izone/registry:0.1.0-SNAPSHOT", check("wrong-image.yaml"));
    }

    @Test
    void anImageWithAnotherTagFails() {
        assertRule(ManifestChecker.IMAGE, "izone/metrics-service:latest", check("wrong-tag.yaml"));
    }

    @Test
    void theSameImageFromAnotherRegistryIsTheBuiltImage() {
        assertTrue(CHECKER.isProduced("registry.example.org/izone/registry-service:" + VERSION));
        assertTrue(CHECKER.isProduced("izone/registry-service:" + VERSION));
        assertFalse(CHECKER.isProduced("registry.example.org/other/registry-service:" + VERSION));
        assertFalse(CHECKER.isProduced("registry-service:" + VERSION));
    }

    @Test
    void aTopicWithoutKafkaTopicFails() throws Exception {
        Path root = fixture("missing-topic");
        Set<String> used = ManifestChecker.topicsUsed(root, List.of("some-service"));
        assertEquals(Set.of("izone.registry.zones.v1", "izone.some.v1", "izone.some.dlq.v1", "izone.constant.v1"), used);
        List<ManifestChecker.Doc> docs = ManifestChecker.load(root.resolve("topics.yaml"), false);
        List<ManifestChecker.Violation> v = ManifestChecker.topics(used, docs);
        assertEquals(Set.of("izone.some.dlq.v1", "izone.constant.v1"),
                v.stream().map(ManifestChecker.Violation::where).collect(Collectors.toSet()), v.toString());
        assertTrue(v.stream().allMatch(x -> x.rule().equals(ManifestChecker.TOPIC)));
    }

    @Test
    void aTopicPatchDoesNotCountAsDeclaration() throws Exception {
        Path file = fixture("missing-topic").resolve("topics.yaml");
        List<ManifestChecker.Doc> asPatch = ManifestChecker.load(file, true);
        assertFalse(ManifestChecker.topics(Set.of("izone.registry.zones.v1"), asPatch).isEmpty());
    }

    @Test
    void brokenStrimziAndCloudNativePgFieldsFail() {
        List<ManifestChecker.Violation> v = check("broken-custom-resources.yaml");
        assertRule(ManifestChecker.UNKNOWN_FIELD, "spec.partition", v);
        assertRule(ManifestChecker.CUSTOM_RESOURCE, "spec.replicas must be an integer", v);
        assertRule(ManifestChecker.CUSTOM_RESOURCE, "strimzi.io/cluster", v);
        assertRule(ManifestChecker.CUSTOM_RESOURCE, "keep forever", v);
        assertRule(ManifestChecker.UNKNOWN_FIELD, "spec.instance", v);
        assertRule(ManifestChecker.CUSTOM_RESOURCE, "spec.instances is required", v);
        assertRule(ManifestChecker.UNKNOWN_FIELD, "spec.kafka.listener", v);
        assertRule(ManifestChecker.CUSTOM_RESOURCE, "unknown kind", v);
    }

    @Test
    void backupsThatWouldNotWorkFail() throws Exception {
        List<ManifestChecker.Violation> v = check("broken-backups.yaml");
        assertRule(ManifestChecker.UNKNOWN_FIELD, "spec.plugins[].isWalArchiver", v);
        assertRule(ManifestChecker.CUSTOM_RESOURCE, "retentionPolicy", v);
        assertRule(ManifestChecker.CUSTOM_RESOURCE, "secretAccessKey needs a Secret name and key", v);
        assertRule(ManifestChecker.CUSTOM_RESOURCE, "compression zip", v);
        assertRule(ManifestChecker.CUSTOM_RESOURCE, "six-field cron", v);
        assertRule(ManifestChecker.CUSTOM_RESOURCE, "needs spec.pluginConfiguration.name", v);
        List<ManifestChecker.Violation> across = ManifestChecker.backups(ManifestChecker.load(fixture("broken-backups.yaml"), false));
        assertRule(ManifestChecker.BACKUP, "ObjectStore registry-backup-stor that no manifest declares", across);
        assertRule(ManifestChecker.BACKUP, "Cluster registy-db that no manifest declares", across);
        assertRule(ManifestChecker.BACKUP, "another-plugin is not a plugin of Cluster registry-db", across);
    }

    @Test
    void aSecretNoManifestProvidesFails() throws Exception {
        List<ManifestChecker.Doc> docs = ManifestChecker.load(fixture("missing-secret.yaml"), false);
        assertRule(ManifestChecker.SECRET, "registy-db-app", ManifestChecker.secrets(docs));
    }

    @Test
    void aStaleCopyOfTheGeneratedManifestFails() throws Exception {
        Path dir = fixture("sync");
        assertTrue(ManifestChecker.inSync(dir.resolve("generated.yml"), dir.resolve("same.yml")).isEmpty());
        assertRule(ManifestChecker.GENERATED_SYNC, "differs", ManifestChecker.inSync(dir.resolve("generated.yml"), dir.resolve("stale.yml")));
    }

    @Test
    void aKustomizeTreeWithAMissingOrOrphanFileFails() throws Exception {
        ManifestChecker.Tree tree = ManifestChecker.tree(fixture("kustomize"));
        assertRule(ManifestChecker.KUSTOMIZE, "missing.yaml does not exist", tree.violations());
        assertRule(ManifestChecker.KUSTOMIZE, "referenced by no kustomization.yaml", tree.violations());
        assertTrue(tree.violations().stream().noneMatch(v -> v.where().endsWith("used.yaml")), tree.violations().toString());
    }

    @Test
    void aKustomizeImageOverrideForAnotherImageFails() throws Exception {
        Path k = fixture("kustomize").resolve("kustomization.yaml");
        List<ManifestChecker.Violation> v = CHECKER.kustomizeImages(k, ManifestChecker.load(k, false).get(0).node(), VERSION);
        assertRule(ManifestChecker.IMAGE, "izone/registry-servce", v);
        assertRule(ManifestChecker.IMAGE, "newTag 9.9", v);
        assertRule(ManifestChecker.IMAGE, "newName registry.example.org/izone/registry is another image", v);
        assertEquals(3, v.size(), "a private registry host for the same image is fine: " + v);
    }

    // ------------------------------------------------------------------ helpers

    private static List<ManifestChecker.Violation> check(String fixture) {
        try {
            List<ManifestChecker.Violation> out = new ArrayList<>();
            ManifestChecker.load(fixture(fixture), false).forEach(d -> out.addAll(CHECKER.check(d)));
            return out;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(KubernetesManifestsTest.class.getResource("/fixtures/" + name).toURI());
    }

    private static void assertRule(String rule, String fragment, List<ManifestChecker.Violation> violations) {
        boolean found = violations.stream().anyMatch(v -> v.rule().equals(rule)
                && (v.message().contains(fragment) || v.where().contains(fragment)));
        if (!found) {
            fail("expected a [" + rule + "] violation mentioning '" + fragment + "', got: " + violations);
        }
    }

    private static void assertNoViolations(List<ManifestChecker.Violation> violations) {
        if (!violations.isEmpty()) {
            fail(violations.size() + " violation(s):\n" + violations.stream().map(Object::toString)
                    .collect(Collectors.joining("\n")));
        }
    }
}

package vn.izone.kubernetes.check;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks Kubernetes manifests without a cluster. Built-in kinds are bound to the fabric8 model classes; since
 * those classes keep unknown fields in an "additionalProperties" map instead of failing, every bound object is
 * walked and a non-empty map is reported as an unknown field (a misspelt {@code readinessProbe} would otherwise
 * be dropped silently by the API server). Strimzi and CloudNativePG resources have no model here: their fields
 * are checked by hand against the subset of their CRDs this project uses.
 */
public final class ManifestChecker {
    public static final String PARSE = "parse";
    public static final String UNKNOWN_FIELD = "unknown-field";
    public static final String PROBES = "probes";
    public static final String TOPIC = "topic";
    public static final String IMAGE = "image";
    public static final String CUSTOM_RESOURCE = "custom-resource";
    public static final String KUSTOMIZE = "kustomize";
    public static final String GENERATED_SYNC = "generated-sync";
    public static final String SECRET = "secret";
    public static final String BACKUP = "backup";

    /** One YAML document of one file; {@code patch} when a kustomization uses the file as a patch. */
    public record Doc(Path file, int index, JsonNode node, boolean patch) {
        String where() {
            return file + "#" + index + " " + text(node, "kind") + "/" + text(node.path("metadata"), "name");
        }

        String kind() {
            return text(node, "kind");
        }

        String name() {
            return text(node.path("metadata"), "name");
        }
    }

    public record Violation(String rule, String where, String message) {
        @Override
        public String toString() {
            return "[" + rule + "] " + where + ": " + message;
        }
    }

    /** An image the build produces: repository without tag (normalised with docker.io/) and tag. */
    public record Image(String service, String repository, String tag) {
        String reference() {
            return repository + ":" + tag;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Binds built-in kinds; unknown properties fail where a class has no any-setter (see the walker for the rest). */
    private static final ObjectMapper TYPED = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private final Collection<Image> producedImages;

    public ManifestChecker(Collection<Image> producedImages) {
        this.producedImages = List.copyOf(producedImages);
    }

    // ------------------------------------------------------------------ loading

    public static List<Doc> load(Path file, boolean patch) {
        List<Doc> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(reader);
            int index = 0;
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode() && !node.isEmpty()) {
                    docs.add(new Doc(file, index, node, patch));
                }
                index++;
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return docs;
    }

    // ------------------------------------------------------------------ per document

    /** Every per-document rule: typed binding, unknown fields, probes, custom resources, images, secrets. */
    public List<Violation> check(Doc doc) {
        List<Violation> out = new ArrayList<>();
        String apiVersion = text(doc.node(), "apiVersion");
        String kind = doc.kind();
        if (apiVersion == null || kind == null) {
            out.add(new Violation(PARSE, doc.where(), "no apiVersion or kind"));
            return out;
        }
        Class<? extends KubernetesResource> type = KUBERNETES.getRegisteredKubernetesResource(apiVersion, kind);
        if (type != null) {
            Object typed;
            try {
                typed = TYPED.treeToValue(doc.node(), type);
            } catch (IOException | IllegalArgumentException e) {
                out.add(new Violation(PARSE, doc.where(), "does not bind to " + type.getSimpleName() + ": "
                        + e.getMessage().lines().findFirst().orElse("")));
                return out;
            }
            unknownFields(typed, kind, doc, out);
            if (typed instanceof Deployment deployment) {
                probes(deployment, doc, out);
            }
            podSpec(typed).ifPresent(spec -> images(spec, doc, out));
        } else {
            CustomResources.check(doc, out);
        }
        return out;
    }

    private static void probes(Deployment deployment, Doc doc, List<Violation> out) {
        PodSpec spec = deployment.getSpec() == null || deployment.getSpec().getTemplate() == null ? null
                : deployment.getSpec().getTemplate().getSpec();
        List<Container> containers = spec == null || spec.getContainers() == null ? List.of() : spec.getContainers();
        if (containers.isEmpty() && !doc.patch()) {
            out.add(new Violation(PROBES, doc.where(), "a Deployment without containers"));
        }
        for (Container c : containers) {
            if (c.getReadinessProbe() == null) {
                out.add(new Violation(PROBES, doc.where(), "container " + c.getName() + " has no readinessProbe"));
            }
            if (c.getLivenessProbe() == null) {
                out.add(new Violation(PROBES, doc.where(), "container " + c.getName() + " has no livenessProbe"));
            }
        }
    }

    private static java.util.Optional<PodSpec> podSpec(Object typed) {
        if (typed instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
            return java.util.Optional.ofNullable(d.getSpec().getTemplate().getSpec());
        }
        if (typed instanceof io.fabric8.kubernetes.api.model.batch.v1.Job j && j.getSpec() != null
                && j.getSpec().getTemplate() != null) {
            return java.util.Optional.ofNullable(j.getSpec().getTemplate().getSpec());
        }
        return java.util.Optional.empty();
    }

    private void images(PodSpec spec, Doc doc, List<Violation> out) {
        List<Container> all = new ArrayList<>();
        if (spec.getContainers() != null) all.addAll(spec.getContainers());
        if (spec.getInitContainers() != null) all.addAll(spec.getInitContainers());
        for (Container c : all) {
            if (c.getImage() == null) {
                if (!doc.patch()) out.add(new Violation(IMAGE, doc.where(), "container " + c.getName() + " has no image"));
                continue;
            }
            if (!isProduced(c.getImage())) {
                out.add(new Violation(IMAGE, doc.where(), "image " + c.getImage() + " is not one the build produces "
                        + producedImages.stream().map(Image::reference).toList()));
            }
        }
    }

    /**
     * Whether the build produces this image. The registry host is a deployment concern (an overlay may point the
     * images at a private registry with kustomize's newName), so the repository path and the tag are compared:
     * {@code registry.example.org/izone/registry-service:0.1.0-SNAPSHOT} is the built
     * {@code docker.io/izone/registry-service:0.1.0-SNAPSHOT}; {@code izone/registry:…} or {@code :latest} are not.
     */
    boolean isProduced(String reference) {
        String path = path(reference);
        return producedImages.stream().anyMatch(i -> path(i.reference()).equals(path));
    }

    boolean isProducedRepository(String repository) {
        String path = path(repository);
        return producedImages.stream().anyMatch(i -> path(i.repository()).equals(path));
    }

    /** docker.io is implied where the first path segment is not a host (has no '.' or ':' and is not localhost). */
    static String normalise(String reference) {
        int slash = reference.indexOf('/');
        String first = slash < 0 ? "" : reference.substring(0, slash);
        boolean hasHost = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        return hasHost ? reference : "docker.io/" + (slash < 0 ? "library/" : "") + reference;
    }

    /** The reference without its registry host: {@code izone/registry-service:0.1.0-SNAPSHOT}. */
    static String path(String reference) {
        String n = normalise(reference);
        return n.substring(n.indexOf('/') + 1);
    }

    /** Walks a bound fabric8 object; a non-empty additionalProperties map is a field the model does not know. */
    static void unknownFields(Object value, String path, Doc doc, List<Violation> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", doc, out);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), doc, out);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = m.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(new Violation(UNKNOWN_FIELD, doc.where(), "unknown field(s) " + extra.keySet() + " at " + path));
                }
            } else {
                String name = m.getName().substring(3);
                unknownFields(child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), doc, out);
            }
        }
    }

    // ------------------------------------------------------------------ across documents

    /** Every topic a service uses must be declared by a full (non-patch) KafkaTopic. */
    public static List<Violation> topics(Collection<String> used, Collection<Doc> docs) {
        Set<String> declared = new TreeSet<>();
        for (Doc d : docs) {
            if ("KafkaTopic".equals(d.kind()) && !d.patch()) {
                String topicName = text(d.node().path("spec"), "topicName");
                declared.add(topicName != null ? topicName : d.name());
            }
        }
        List<Violation> out = new ArrayList<>();
        for (String t : new TreeSet<>(used)) {
            if (!declared.contains(t)) {
                out.add(new Violation(TOPIC, t, "used by a service but declared by no KafkaTopic (declared: " + declared + ")"));
            }
        }
        return out;
    }

    /**
     * A Secret a Deployment reads must come from somewhere in the manifests: a Secret, or the "&lt;cluster&gt;-app"
     * Secret CloudNativePG creates for each Cluster.
     */
    public static List<Violation> secrets(Collection<Doc> docs) {
        Set<String> available = new TreeSet<>();
        for (Doc d : docs) {
            if ("Secret".equals(d.kind())) available.add(d.name());
            if ("Cluster".equals(d.kind()) && text(d.node(), "apiVersion").startsWith("postgresql.cnpg.io/")) {
                available.add(d.name() + "-app");
            }
        }
        List<Violation> out = new ArrayList<>();
        for (Doc d : docs) {
            if (!"Deployment".equals(d.kind())) continue;
            for (JsonNode c : d.node().path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode env : c.path("env")) {
                    String secret = text(env.path("valueFrom").path("secretKeyRef"), "name");
                    if (secret != null && !available.contains(secret)) {
                        out.add(new Violation(SECRET, d.where(), "env " + text(env, "name") + " reads Secret " + secret
                                + " that no manifest provides (available: " + available + ")"));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Backups hang together (issue #18): a ScheduledBackup names a Cluster of the manifests and, with method plugin,
     * one of that Cluster's plugins; a Cluster's barmanObjectName names an ObjectStore of the manifests.
     */
    public static List<Violation> backups(Collection<Doc> docs) {
        Map<String, Doc> clusters = new java.util.HashMap<>();
        Set<String> stores = new TreeSet<>();
        for (Doc d : docs) {
            if (d.patch()) continue;
            if ("Cluster".equals(d.kind()) && text(d.node(), "apiVersion").startsWith("postgresql.cnpg.io/")) clusters.put(d.name(), d);
            if ("ObjectStore".equals(d.kind())) stores.add(d.name());
        }
        List<Violation> out = new ArrayList<>();
        for (Doc c : clusters.values()) {
            for (JsonNode plugin : c.node().path("spec").path("plugins")) {
                String store = text(plugin.path("parameters"), "barmanObjectName");
                if (store != null && !stores.contains(store)) {
                    out.add(new Violation(BACKUP, c.where(), "plugin " + text(plugin, "name") + " archives to ObjectStore " + store
                            + " that no manifest declares (declared: " + stores + ")"));
                }
            }
        }
        for (Doc d : docs) {
            if (!"ScheduledBackup".equals(d.kind()) || d.patch()) continue;
            String name = text(d.node().path("spec").path("cluster"), "name");
            Doc cluster = clusters.get(name);
            if (cluster == null) {
                out.add(new Violation(BACKUP, d.where(), "backs up Cluster " + name + " that no manifest declares (declared: "
                        + new TreeSet<>(clusters.keySet()) + ")"));
                continue;
            }
            String plugin = text(d.node().path("spec").path("pluginConfiguration"), "name");
            if ("plugin".equals(text(d.node().path("spec"), "method")) && !cluster.node().path("spec").path("plugins").toString()
                    .contains("\"name\":\"" + plugin + "\"")) {
                out.add(new Violation(BACKUP, d.where(), "method plugin " + plugin + " is not a plugin of Cluster " + name));
            }
        }
        return out;
    }

    /** Image overrides in kustomizations must name an image the build produces, with its tag. */
    public List<Violation> kustomizeImages(Path kustomization, JsonNode k, String version) {
        List<Violation> out = new ArrayList<>();
        for (JsonNode image : k.path("images")) {
            String name = text(image, "name");
            if (name == null || !isProducedRepository(name)) {
                out.add(new Violation(IMAGE, kustomization.toString(), "images: " + name + " is not an image the build produces"));
            }
            String newName = text(image, "newName");
            if (name != null && newName != null && !path(newName).equals(path(name))) {
                out.add(new Violation(IMAGE, kustomization.toString(), "images: newName " + newName
                        + " is another image than " + name + " (only the registry host may change)"));
            }
            String newTag = text(image, "newTag");
            if (newTag != null && !newTag.equals(version)) {
                out.add(new Violation(IMAGE, kustomization.toString(), "images: " + name + " newTag " + newTag
                        + " is not the project version " + version));
            }
        }
        return out;
    }

    /** The committed copy of a generated manifest must equal what quarkus-kubernetes generated. */
    public static List<Violation> inSync(Path generated, Path copy) {
        List<JsonNode> a = load(generated, false).stream().map(Doc::node).toList();
        List<JsonNode> b = load(copy, false).stream().map(Doc::node).toList();
        if (a.equals(b)) {
            return List.of();
        }
        return List.of(new Violation(GENERATED_SYNC, copy.toString(), "differs from " + generated
                + " (run deploy/kubernetes/sync-generated.sh after packaging)"));
    }

    // ------------------------------------------------------------------ kustomize tree

    /** The files of a kustomize tree, sorted into resources and patches, with every problem found on the way. */
    public record Tree(Set<Path> resources, Set<Path> patches, List<Path> kustomizations, List<Violation> violations) {
    }

    public static Tree tree(Path dir) {
        Set<Path> resources = new LinkedHashSet<>();
        Set<Path> patches = new LinkedHashSet<>();
        List<Path> kustomizations = new ArrayList<>();
        List<Violation> out = new ArrayList<>();
        List<Path> yamls;
        try (Stream<Path> s = Files.walk(dir)) {
            yamls = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : yamls) {
            if (!p.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            kustomizations.add(p);
            JsonNode k = load(p, false).stream().findFirst().map(Doc::node).orElse(YAML.createObjectNode());
            Path base = p.getParent();
            for (JsonNode r : k.path("resources")) {
                Path target = base.resolve(r.asText()).normalize();
                if (Files.isDirectory(target)) {
                    if (!Files.exists(target.resolve("kustomization.yaml"))) {
                        out.add(new Violation(KUSTOMIZE, p.toString(), "resource directory " + r.asText() + " has no kustomization.yaml"));
                    }
                } else if (Files.isRegularFile(target)) {
                    resources.add(target);
                } else {
                    out.add(new Violation(KUSTOMIZE, p.toString(), "resource " + r.asText() + " does not exist"));
                }
            }
            for (JsonNode patch : k.path("patches")) {
                String path = text(patch, "path");
                if (path == null) {
                    if (!patch.has("patch")) out.add(new Violation(KUSTOMIZE, p.toString(), "a patch with neither path nor patch"));
                    continue;
                }
                Path target = base.resolve(path).normalize();
                if (Files.isRegularFile(target)) {
                    patches.add(target);
                } else {
                    out.add(new Violation(KUSTOMIZE, p.toString(), "patch " + path + " does not exist"));
                }
            }
        }
        for (Path p : yamls) {
            if (!p.getFileName().toString().equals("kustomization.yaml") && !resources.contains(p) && !patches.contains(p)) {
                out.add(new Violation(KUSTOMIZE, p.toString(), "referenced by no kustomization.yaml: it would never be applied"));
            }
        }
        return new Tree(resources, patches, kustomizations, out);
    }

    // ------------------------------------------------------------------ what the services say

    private static final Pattern JAVA_TOPIC = Pattern.compile("static\\s+final\\s+String\\s+\\w+\\s*=\\s*\"([^\"]+)\"");

    /**
     * Topics named by the services: every property ending in "topic" (incoming/outgoing channels, dead-letter
     * queues) in {@code <service>/src/main/resources/application.properties}, and the constants of every
     * {@code Topics.java} under a service's src/main/java.
     */
    public static Set<String> topicsUsed(Path root, List<String> services) {
        Set<String> topics = new TreeSet<>();
        for (String service : services) {
            Properties props = properties(root.resolve(service).resolve("src/main/resources/application.properties"));
            for (String key : props.stringPropertyNames()) {
                if (key.endsWith(".topic") || key.equals("topic")) {
                    topics.add(props.getProperty(key).trim());
                }
            }
            Path java = root.resolve(service).resolve("src/main/java");
            if (Files.isDirectory(java)) {
                try (Stream<Path> s = Files.walk(java)) {
                    for (Path f : s.filter(p -> p.getFileName().toString().equals("Topics.java")).toList()) {
                        Matcher m = JAVA_TOPIC.matcher(Files.readString(f));
                        while (m.find()) topics.add(m.group(1));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return topics;
    }

    /** The images the build produces, as quarkus-container-image computes them from each service's properties. */
    public static List<Image> producedImages(Path root, List<String> services, String version) {
        List<Image> images = new ArrayList<>();
        for (String service : services) {
            Properties p = properties(root.resolve(service).resolve("src/main/resources/application.properties"));
            String name = p.getProperty("quarkus.container-image.name", p.getProperty("quarkus.application.name", service));
            String group = p.getProperty("quarkus.container-image.group");
            String registry = p.getProperty("quarkus.container-image.registry", "docker.io");
            String tag = p.getProperty("quarkus.container-image.tag", version);
            String repository = registry + "/" + (group == null || group.isBlank() ? "" : group + "/") + name;
            images.add(new Image(service, repository, tag));
        }
        return images;
    }

    static Properties properties(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        if (node instanceof ObjectNode o) o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }
}

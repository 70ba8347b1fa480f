package vn.izone.kubernetes.check;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static vn.izone.kubernetes.check.ManifestChecker.CUSTOM_RESOURCE;
import static vn.izone.kubernetes.check.ManifestChecker.fields;
import static vn.izone.kubernetes.check.ManifestChecker.text;

/**
 * Hand checks for the custom resources the fabric8 model does not know (Strimzi, CloudNativePG). The API server
 * prunes unknown fields of a structural CRD silently, so a misspelt field must be caught here. The allowed field
 * sets are the documented spec fields of Strimzi's kafka.strimzi.io/v1beta2 and CloudNativePG's
 * postgresql.cnpg.io/v1 (the parts this project may plausibly use); add a field here when a manifest needs it.
 */
final class CustomResources {
    private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");

    private static final Set<String> KAFKA_SPEC = Set.of("kafka", "entityOperator", "cruiseControl", "kafkaExporter",
            "clusterCa", "clientsCa", "clusterCaCert", "maintenanceTimeWindows", "jmxTrans");
    private static final Set<String> KAFKA_KAFKA = Set.of("version", "metadataVersion", "listeners", "config",
            "authorization", "rack", "brokerRackInitImage", "livenessProbe", "readinessProbe", "jvmOptions",
            "jmxOptions", "resources", "metricsConfig", "logging", "template", "tieredStorage", "quotas", "image");
    private static final Set<String> LISTENER = Set.of("name", "port", "type", "tls", "authentication",
            "configuration", "networkPolicyPeers");
    private static final Set<String> ENTITY_OPERATOR = Set.of("topicOperator", "userOperator", "tlsSidecar", "template");
    private static final Set<String> NODE_POOL_SPEC = Set.of("replicas", "roles", "storage", "resources",
            "jvmOptions", "template");
    private static final Set<String> TOPIC_SPEC = Set.of("topicName", "partitions", "replicas", "config");
    private static final Set<String> CLEANUP = Set.of("delete", "compact", "compact,delete", "delete,compact");

    private static final Set<String> CNPG_SPEC = Set.of("instances", "imageName", "imageCatalogRef", "imagePullPolicy",
            "description", "affinity", "bootstrap", "enableSuperuserAccess", "superuserSecret", "postgresql",
            "storage", "walStorage", "resources", "monitoring", "backup", "managed", "minSyncReplicas",
            "maxSyncReplicas", "primaryUpdateStrategy", "primaryUpdateMethod", "startDelay", "stopDelay",
            "switchoverDelay", "failoverDelay", "logLevel", "nodeMaintenanceWindow", "replicationSlots",
            "certificates", "env", "envFrom", "topologySpreadConstraints", "priorityClassName", "serviceAccountTemplate",
            "inheritedMetadata", "plugins", "projectedVolumeTemplate", "externalClusters", "replica", "postgresUID",
            "postgresGID", "smartShutdownTimeout", "enablePDB", "tablespaces", "probes", "seccompProfile");
    private static final Set<String> CNPG_INITDB = Set.of("database", "owner", "secret", "options", "encoding",
            "localeCollate", "localeCType", "dataChecksums", "walSegmentSize", "postInitSQL", "postInitApplicationSQL",
            "postInitTemplateSQL", "postInitSQLRefs", "postInitApplicationSQLRefs", "import", "locale",
            "localeProvider", "icuLocale", "icuRules", "builtinLocale");

    // CloudNativePG's ScheduledBackup (postgresql.cnpg.io/v1) and the Barman Cloud plugin's ObjectStore
    // (barmancloud.cnpg.io/v1), issue #18: the registry's continuous backup.
    private static final Set<String> CNPG_PLUGIN = Set.of("name", "enabled", "isWALArchiver", "parameters");
    private static final Set<String> SCHEDULED_BACKUP_SPEC = Set.of("schedule", "cluster", "immediate", "suspend",
            "backupOwnerReference", "method", "pluginConfiguration", "target", "online", "onlineConfiguration");
    private static final Set<String> OBJECT_STORE_SPEC = Set.of("configuration", "retentionPolicy", "instanceSidecarConfiguration");
    private static final Set<String> BARMAN_CONFIGURATION = Set.of("destinationPath", "endpointURL", "endpointCA",
            "serverName", "s3Credentials", "azureCredentials", "googleCredentials", "wal", "data", "tags", "historyTags");
    private static final Set<String> BARMAN_WAL = Set.of("compression", "encryption", "maxParallel", "archiveAdditionalCommandArgs",
            "restoreAdditionalCommandArgs");
    private static final Set<String> BARMAN_DATA = Set.of("compression", "encryption", "jobs", "immediateCheckpoint",
            "additionalCommandArgs");
    private static final Set<String> COMPRESSION = Set.of("gzip", "bzip2", "snappy", "lz4", "xz", "zstd");
    private static final java.util.regex.Pattern RETENTION = java.util.regex.Pattern.compile("^[1-9][0-9]*[dwm]$");

    private CustomResources() {
    }

    static void check(ManifestChecker.Doc doc, List<ManifestChecker.Violation> out) {
        String apiVersion = text(doc.node(), "apiVersion");
        String kind = doc.kind();
        JsonNode spec = doc.node().path("spec");
        only(doc, "metadata", doc.node().path("metadata"), METADATA, out);
        only(doc, "(top level)", doc.node(), Set.of("apiVersion", "kind", "metadata", "spec"), out);
        if (apiVersion.startsWith("kafka.strimzi.io/")) {
            if (!doc.patch() && !"Kafka".equals(kind) && text(doc.node().path("metadata").path("labels"), "strimzi.io/cluster") == null) {
                out.add(v(doc, "a Strimzi " + kind + " needs the label strimzi.io/cluster"));
            }
            switch (kind) {
                case "Kafka" -> kafka(doc, spec, out);
                case "KafkaNodePool" -> nodePool(doc, spec, out);
                case "KafkaTopic" -> topic(doc, spec, out);
                default -> out.add(v(doc, "Strimzi kind " + kind + " is not checked: add its rules to CustomResources"));
            }
        } else if (apiVersion.startsWith("postgresql.cnpg.io/") && "Cluster".equals(kind)) {
            cnpgCluster(doc, spec, out);
        } else if (apiVersion.startsWith("postgresql.cnpg.io/") && "ScheduledBackup".equals(kind)) {
            scheduledBackup(doc, spec, out);
        } else if (apiVersion.startsWith("barmancloud.cnpg.io/") && "ObjectStore".equals(kind)) {
            objectStore(doc, spec, out);
        } else {
            out.add(v(doc, "unknown kind " + apiVersion + " " + kind + ": neither in the fabric8 model nor checked here"));
        }
    }

    private static void kafka(ManifestChecker.Doc doc, JsonNode spec, List<ManifestChecker.Violation> out) {
        only(doc, "spec", spec, KAFKA_SPEC, out);
        only(doc, "spec.kafka", spec.path("kafka"), KAFKA_KAFKA, out);
        only(doc, "spec.entityOperator", spec.path("entityOperator"), ENTITY_OPERATOR, out);
        if (!doc.patch() && !spec.path("kafka").path("listeners").isArray()) {
            out.add(v(doc, "spec.kafka.listeners must be a list"));
        }
        for (JsonNode l : spec.path("kafka").path("listeners")) {
            only(doc, "spec.kafka.listeners[]", l, LISTENER, out);
            if (!l.path("port").isInt()) out.add(v(doc, "listener " + text(l, "name") + " needs an integer port"));
        }
        scalars(doc, "spec.kafka.config", spec.path("kafka").path("config"), out);
    }

    private static void nodePool(ManifestChecker.Doc doc, JsonNode spec, List<ManifestChecker.Violation> out) {
        only(doc, "spec", spec, NODE_POOL_SPEC, out);
        positive(doc, "spec.replicas", spec.path("replicas"), out);
        for (JsonNode role : spec.path("roles")) {
            if (!Set.of("controller", "broker").contains(role.asText())) out.add(v(doc, "unknown role " + role.asText()));
        }
        if (!doc.patch() && !spec.path("storage").has("type")) out.add(v(doc, "spec.storage.type is required"));
    }

    private static void topic(ManifestChecker.Doc doc, JsonNode spec, List<ManifestChecker.Violation> out) {
        only(doc, "spec", spec, TOPIC_SPEC, out);
        positive(doc, "spec.partitions", spec.path("partitions"), out);
        positive(doc, "spec.replicas", spec.path("replicas"), out);
        JsonNode config = spec.path("config");
        scalars(doc, "spec.config", config, out);
        String cleanup = text(config, "cleanup.policy");
        if (cleanup != null && !CLEANUP.contains(cleanup)) out.add(v(doc, "cleanup.policy " + cleanup + " is not a Kafka value"));
        String topic = text(spec, "topicName") != null ? text(spec, "topicName") : doc.name();
        // The registry topics are the public contract, keyed by zone id with many aggregates per key: compaction
        // would drop the latest state of every aggregate but one per zone, and the contract keeps every event.
        if (!doc.patch() && topic != null && topic.startsWith("izone.registry.")) {
            if (!"delete".equals(cleanup) || !"-1".equals(text(config, "retention.ms"))) {
                out.add(v(doc, topic + " is the public event contract: cleanup.policy delete with retention.ms -1 (keep forever)"));
            }
        }
    }

    private static void cnpgCluster(ManifestChecker.Doc doc, JsonNode spec, List<ManifestChecker.Violation> out) {
        only(doc, "spec", spec, CNPG_SPEC, out);
        only(doc, "spec.bootstrap", spec.path("bootstrap"), Set.of("initdb", "recovery", "pg_basebackup"), out);
        only(doc, "spec.bootstrap.initdb", spec.path("bootstrap").path("initdb"), CNPG_INITDB, out);
        only(doc, "spec.storage", spec.path("storage"), Set.of("size", "storageClass", "resizeInUseVolumes", "pvcTemplate"), out);
        only(doc, "spec.affinity", spec.path("affinity"), Set.of("enablePodAntiAffinity", "topologyKey", "nodeSelector",
                "nodeAffinity", "tolerations", "podAntiAffinityType", "additionalPodAntiAffinity", "additionalPodAffinity"), out);
        positive(doc, "spec.instances", spec.path("instances"), out);
        for (JsonNode plugin : spec.path("plugins")) {
            only(doc, "spec.plugins[]", plugin, CNPG_PLUGIN, out);
            if (text(plugin, "name") == null) out.add(v(doc, "spec.plugins[] needs a name"));
        }
        if (!doc.patch()) {
            if (text(spec.path("storage"), "size") == null) out.add(v(doc, "spec.storage.size is required"));
            JsonNode initdb = spec.path("bootstrap").path("initdb");
            if (text(initdb, "database") == null || text(initdb, "owner") == null) {
                out.add(v(doc, "spec.bootstrap.initdb needs database and owner (the services' Secret <cluster>-app)"));
            }
        }
    }

    private static void scheduledBackup(ManifestChecker.Doc doc, JsonNode spec, List<ManifestChecker.Violation> out) {
        only(doc, "spec", spec, SCHEDULED_BACKUP_SPEC, out);
        only(doc, "spec.cluster", spec.path("cluster"), Set.of("name"), out);
        only(doc, "spec.pluginConfiguration", spec.path("pluginConfiguration"), Set.of("name", "parameters"), out);
        if (doc.patch()) {
            return;
        }
        String schedule = text(spec, "schedule");
        if (schedule == null || schedule.trim().split("\\s+").length != 6) {
            out.add(v(doc, "spec.schedule must be a six-field cron expression, seconds first (CloudNativePG), not " + schedule));
        }
        if (text(spec.path("cluster"), "name") == null) out.add(v(doc, "spec.cluster.name is required"));
        String method = text(spec, "method");
        if (method != null && !Set.of("barmanObjectStore", "volumeSnapshot", "plugin").contains(method)) {
            out.add(v(doc, "spec.method " + method + " is not barmanObjectStore, volumeSnapshot or plugin"));
        }
        if ("plugin".equals(method) && text(spec.path("pluginConfiguration"), "name") == null) {
            out.add(v(doc, "spec.method plugin needs spec.pluginConfiguration.name"));
        }
    }

    private static void objectStore(ManifestChecker.Doc doc, JsonNode spec, List<ManifestChecker.Violation> out) {
        only(doc, "spec", spec, OBJECT_STORE_SPEC, out);
        JsonNode configuration = spec.path("configuration");
        only(doc, "spec.configuration", configuration, BARMAN_CONFIGURATION, out);
        only(doc, "spec.configuration.wal", configuration.path("wal"), BARMAN_WAL, out);
        only(doc, "spec.configuration.data", configuration.path("data"), BARMAN_DATA, out);
        for (String part : List.of("wal", "data")) {
            String compression = text(configuration.path(part), "compression");
            if (compression != null && !COMPRESSION.contains(compression)) {
                out.add(v(doc, "spec.configuration." + part + ".compression " + compression + " is not one of " + COMPRESSION));
            }
        }
        if (doc.patch()) {
            return;
        }
        if (text(configuration, "destinationPath") == null) out.add(v(doc, "spec.configuration.destinationPath is required"));
        String retention = text(spec, "retentionPolicy");
        if (retention == null || !RETENTION.matcher(retention).matches()) {
            out.add(v(doc, "spec.retentionPolicy must be like 30d, 4w or 6m (without it backups are kept for ever), not " + retention));
        }
        JsonNode s3 = configuration.path("s3Credentials");
        for (String key : List.of("accessKeyId", "secretAccessKey")) {
            if (!s3.isMissingNode() && !s3.path("inheritFromIAMRole").asBoolean(false)
                    && (text(s3.path(key), "name") == null || text(s3.path(key), "key") == null)) {
                out.add(v(doc, "spec.configuration.s3Credentials." + key + " needs a Secret name and key (never the value)"));
            }
        }
    }

    private static void only(ManifestChecker.Doc doc, String path, JsonNode node, Set<String> allowed,
                             List<ManifestChecker.Violation> out) {
        for (Map.Entry<String, JsonNode> e : fields(node).entrySet()) {
            if (!allowed.contains(e.getKey())) {
                out.add(new ManifestChecker.Violation(ManifestChecker.UNKNOWN_FIELD, doc.where(),
                        "unknown field " + path + "." + e.getKey() + " (known: " + new java.util.TreeSet<>(allowed) + ")"));
            }
        }
    }

    private static void positive(ManifestChecker.Doc doc, String path, JsonNode node, List<ManifestChecker.Violation> out) {
        if (node.isMissingNode()) {
            if (!doc.patch()) out.add(v(doc, path + " is required"));
        } else if (!node.isInt() || node.asInt() < 1) {
            out.add(v(doc, path + " must be an integer of at least 1, not " + node));
        }
    }

    private static void scalars(ManifestChecker.Doc doc, String path, JsonNode node, List<ManifestChecker.Violation> out) {
        for (Map.Entry<String, JsonNode> e : fields(node).entrySet()) {
            if (e.getValue().isContainerNode()) out.add(v(doc, path + "." + e.getKey() + " must be a scalar"));
        }
    }

    private static ManifestChecker.Violation v(ManifestChecker.Doc doc, String message) {
        return new ManifestChecker.Violation(CUSTOM_RESOURCE, doc.where(), message);
    }
}

package vn.izone.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Loads deploy/sample-data/sample-zones.json through the registry's public API, as a department would.
 * Every request carries an idempotency key derived from the record, so loading twice creates nothing twice; a declared
 * figure (which takes no key) is posted only when the registry does not have it yet.
 */
public final class SampleLoader {
    public record Result(int accepted, int rejected) {
    }

    private SampleLoader() {
    }

    public static Result load(Path file, RegistryClient registry, Consumer<String> progress) {
        JsonNode sample;
        try {
            sample = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int accepted = 0;
        int rejected = 0;
        for (JsonNode zoneNode : sample.path("zones")) {
            ObjectNode zone = ((ObjectNode) zoneNode).deepCopy();
            JsonNode projects = zone.remove("projects");
            JsonNode reports = zone.remove("reports");
            String zoneName = zone.path("name").asText();
            RegistryClient.Reply created = registry.post("/api/v1/zones", zone, key("zone", zoneName));
            if (!created.ok()) {
                rejected++;
                progress.accept("  rejected zone " + zoneName + ": " + describe(created));
                continue;
            }
            accepted++;
            String zoneId = created.body().path("id").asText();
            if (projects != null) {
                for (JsonNode project : projects) {
                    RegistryClient.Reply reply = registry.post("/api/v1/zones/" + zoneId + "/projects", project,
                            key("project", zoneName + ":" + project.path("name").asText()));
                    if (reply.ok()) {
                        accepted++;
                    } else {
                        rejected++;
                        progress.accept("  rejected project " + project.path("name").asText() + ": " + describe(reply));
                    }
                }
            }
            if (reports != null) {
                for (JsonNode report : reports) {
                    RegistryClient.Reply reply = registry.post("/api/v1/zones/" + zoneId + "/reports", report,
                            key("report", zoneName + ":" + report.path("periodKind").asText() + ":"
                                    + report.path("year").asText() + ":" + report.path("number").asText("")));
                    if (reply.ok()) {
                        accepted++;
                    } else {
                        rejected++;
                        progress.accept("  rejected report of " + zoneName + ": " + describe(reply));
                    }
                }
            }
        }
        for (JsonNode figure : sample.path("figures")) {
            if (declared(registry, figure)) {
                continue; // a declaration is never overwritten: posting it again would be a second submission
            }
            RegistryClient.Reply reply = registry.post("/api/v1/figures", figure, null);
            if (reply.ok()) {
                accepted++;
            } else {
                rejected++;
                progress.accept("  rejected figure " + figure.path("figure").asText() + ": " + describe(reply));
            }
        }
        return new Result(accepted, rejected);
    }

    /** The figure is already declared with this value and source for its date (declarations take no idempotency key). */
    private static boolean declared(RegistryClient registry, JsonNode figure) {
        RegistryClient.Reply known = registry.get("/api/v1/figures?scopeType=" + figure.path("scopeType").asText() + "&scopeCode="
                + figure.path("scopeCode").asText() + "&figure=" + figure.path("figure").asText());
        if (!known.ok() || known.body() == null) {
            return false;
        }
        for (JsonNode f : known.body()) {
            if (f.path("validOn").asText().equals(figure.path("validOn").asText())
                    && f.path("value").decimalValue().compareTo(figure.path("value").decimalValue()) == 0
                    && f.path("source").asText().equals(figure.path("source").asText())) {
                return true;
            }
        }
        return false;
    }

    /** HTTP headers are ASCII: the key is a name-based UUID of the record's natural key (Vietnamese names). */
    private static String key(String kind, String naturalKey) {
        return "sample-" + kind + "-" + UUID.nameUUIDFromBytes(naturalKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(RegistryClient.Reply reply) {
        if (reply.body() == null) {
            return "HTTP " + reply.status();
        }
        return "HTTP " + reply.status() + " " + reply.body().path("detail").asText(reply.body().toString());
    }
}

package vn.izone.registry.decree;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a rule data file (a decree's thresholds, a reporting cadence) from the classpath; a missing or bad file stops the start. */
public final class RuleFiles {
    private RuleFiles() {
    }

    public static <T> T read(ObjectMapper json, String resource, Class<T> type) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("rule file " + resource + " not found on the classpath");
            }
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("rule file " + resource + " unreadable", e);
        }
    }
}

package vn.izone.reporting.support;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The indicator snapshot contract, as metrics-service's tests check it on the publishing side. */
public final class IndicatorSchema {
    static final Path SCHEMA = Path.of("..", "docs", "events", "schemas", "indicators.v1.json");
    private static Schema schema;

    private IndicatorSchema() {
    }

    public static synchronized Schema get() {
        if (schema == null) {
            try {
                schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }

    public static List<Error> errors(String snapshot) {
        return get().validate(snapshot, InputFormat.JSON);
    }

    /** Throws if the snapshot is not what metrics-service may publish. */
    public static void assertValid(String snapshot) {
        List<Error> errors = errors(snapshot);
        if (!errors.isEmpty()) {
            throw new AssertionError("fixture does not match indicators.v1.json: " + errors + "\n" + snapshot);
        }
    }
}

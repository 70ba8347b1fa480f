package vn.izone.metrics.indicators;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.util.AbstractList;
import java.util.List;

/**
 * A scope's report periods as they were serialised for a snapshot: written into the next snapshots as that JSON,
 * not computed and serialised again ({@link HeldPeriods}). Only the JSON is held (~6 KB a zone, a sixth of the
 * records it stands for); the list is parsed back from it if anything reads it as a list.
 */
@JsonSerialize(using = SentPeriods.Writer.class)
public final class SentPeriods extends AbstractList<Indicators.PeriodFigures> {
    private static final ObjectMapper PARSER = new ObjectMapper().findAndRegisterModules();
    private final String json;
    private volatile List<Indicators.PeriodFigures> parsed;

    private SentPeriods(String json) {
        this.json = json;
    }

    /** The periods, serialised once by the mapper the snapshots are written with. */
    static SentPeriods of(List<Indicators.PeriodFigures> periods, ObjectMapper mapper) {
        try {
            return new SentPeriods(mapper.writeValueAsString(periods));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String json() {
        return json;
    }

    @Override
    public Indicators.PeriodFigures get(int index) {
        return list().get(index);
    }

    @Override
    public int size() {
        return list().size();
    }

    private List<Indicators.PeriodFigures> list() {
        if (parsed == null) {
            try {
                parsed = List.copyOf(PARSER.readValue(json, new TypeReference<List<Indicators.PeriodFigures>>() { }));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return parsed;
    }

    /** Writes the JSON held, as it is. */
    public static final class Writer extends StdSerializer<SentPeriods> {
        public Writer() {
            super(SentPeriods.class);
        }

        @Override
        public void serialize(SentPeriods value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeRawValue(value.json);
        }
    }
}

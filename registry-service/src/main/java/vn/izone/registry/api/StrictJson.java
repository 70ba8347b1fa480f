package vn.izone.registry.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What the bad-input drill found the default JSON reading let through: text after the request's JSON value
 * ({"name":"a"}} or two bodies glued together were read as the first one and stored), malformed UTF-8 decoded
 * into other characters, and text holding the NUL character, which PostgreSQL cannot store (a 500). All are now
 * a 400 naming the body or the field.
 * <p>
 * And a property the resource does not have is refused (400 naming it, and the known property it probably meant)
 * instead of being dropped without a word ({@code "plannedAreaHA": 31} lost the department's figure): the REST API
 * is a strict reader. Event consumers stay tolerant readers (docs/events/README.md).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // also quarkus.jackson.fail-on-unknown-properties
        mapper.registerModule(new SimpleModule("izone-strict-json").addDeserializer(String.class, new NoNulText()));
        mapper.getFactory().setInputDecorator(new StrictUtf8());
    }

    /**
     * Jackson decodes some malformed UTF-8 instead of refusing it (the overlong C0 AF became "/" and was stored):
     * byte input is checked as strict UTF-8 first. Request bodies are bounded (quarkus.http.limits.max-body-size).
     */
    static final class StrictUtf8 extends InputDecorator {
        @Override
        public InputStream decorate(IOContext context, InputStream in) throws IOException {
            byte[] bytes = in.readAllBytes();
            check(bytes, 0, bytes.length);
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public InputStream decorate(IOContext context, byte[] src, int offset, int length) throws IOException {
            check(src, offset, length);
            return null; // read the array as it is
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) {
            return null; // characters are already decoded
        }

        private static void check(byte[] bytes, int offset, int length) throws JsonParseException {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length));
            } catch (CharacterCodingException e) {
                throw new JsonParseException(null, "the body is not valid UTF-8 (" + e.getMessage() + ")");
            }
        }
    }

    /** Text as Jackson reads it, refused when it holds U+0000. */
    static final class NoNulText extends StdScalarDeserializer<String> {
        NoNulText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw MismatchedInputException.from(p, String.class, "must not contain the NUL character (U+0000)");
            }
            return text;
        }
    }
}

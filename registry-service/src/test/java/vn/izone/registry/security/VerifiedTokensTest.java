package vn.izone.registry.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import vn.izone.registry.api.VerifiedTokens;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A token is verified once and answered from memory until it expires; a token that fails is verified every time. */
class VerifiedTokensTest {

    /** smallrye-jwt's parser, counting what it is asked; "bad…" tokens fail, others expire at {@code exp}. */
    static final class CountingParser extends DefaultJWTParser {
        final List<String> verified = new ArrayList<>();
        long exp = System.currentTimeMillis() / 1000 + 3600;

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verified.add(token);
            if (token.startsWith("bad")) {
                throw new ParseException("signature does not verify");
            }
            long expires = exp;
            return (JsonWebToken) Proxy.newProxyInstance(JsonWebToken.class.getClassLoader(), new Class<?>[]{JsonWebToken.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getExpirationTime" -> expires;
                        case "getName" -> "registrar@izone";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> null;
                    });
        }
    }

    @Test
    void theSameTokenIsVerifiedOnce() throws ParseException {
        CountingParser parser = new CountingParser();
        VerifiedTokens tokens = new VerifiedTokens(parser);
        JsonWebToken first = tokens.parse("a.b.c");
        assertSame(first, tokens.parse("a.b.c"));
        assertSame(first, tokens.parse(new String("a.b.c".toCharArray())));
        assertEquals(List.of("a.b.c"), parser.verified);
        tokens.parse("d.e.f");
        assertEquals(List.of("a.b.c", "d.e.f"), parser.verified);
    }

    @Test
    void aTokenThatFailsIsNeverKept() {
        CountingParser parser = new CountingParser();
        VerifiedTokens tokens = new VerifiedTokens(parser);
        assertThrows(ParseException.class, () -> tokens.parse("bad.b.c"));
        assertThrows(ParseException.class, () -> tokens.parse("bad.b.c"));
        assertEquals(2, parser.verified.size());
    }

    @Test
    void anExpiredTokenIsVerifiedAgain() throws ParseException {
        CountingParser parser = new CountingParser();
        parser.exp = System.currentTimeMillis() / 1000 - 1; // already expired: kept until its expiry, i.e. not at all
        VerifiedTokens tokens = new VerifiedTokens(parser);
        tokens.parse("a.b.c");
        tokens.parse("a.b.c");
        assertEquals(2, parser.verified.size(), "an expired token goes back to the verifier (which refuses it)");
    }
}

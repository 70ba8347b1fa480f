package vn.izone.registry.api;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens verified once, not on every request. A department's client signs in once and sends the same token
 * with every write of its upload until the token expires; verifying it (JSON parsing, base64, an RSA signature check
 * in pure Java) cost more CPU than the rest of a project registration but the database work (issue #15 profile,
 * docs/performance.md). Quarkus' JWT validator asks this parser, which answers a token it verified before — the same
 * characters, so the same signature and claims — from memory, and verifies everything else with smallrye-jwt's own
 * parser.
 * <p>
 * Bounds: an entry is kept until the token expires, and at most {@link #KEEP_MILLIS} (so a token verified with a key
 * the issuer has since withdrawn is refused again within that time); at most {@link #MAX_ENTRIES} tokens, the expired
 * ones dropped first, all of them when that is not enough. A token that fails verification is never kept.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {
    static final long KEEP_MILLIS = 5 * 60_000L;
    static final int MAX_ENTRIES = 2_048;

    private record Verified(JsonWebToken token, long until) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final DefaultJWTParser parser;

    @Inject
    public VerifiedTokens(DefaultJWTParser parser) {
        this.parser = parser;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.until()) {
                return known.token();
            }
            verified.remove(token, known);
        }
        JsonWebToken jwt = parser.parse(token); // throws when the token does not verify
        long expires = jwt.getExpirationTime() * 1000L; // seconds since the epoch; 0 when absent
        long until = expires > 0 ? Math.min(expires, now + KEEP_MILLIS) : now + KEEP_MILLIS;
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(v -> v.until() <= now);
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(jwt, until));
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}

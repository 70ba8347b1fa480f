package vn.izone.metrics.support;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.util.Set;

/**
 * Bearer tokens for tests, signed with the test-only key (src/test/resources/jwt, the registry's test pair,
 * configured as {@code %test.smallrye.jwt.sign.key.location}); metrics verifies them with its public half.
 */
public final class TestTokens {
    public static final String ISSUER = "https://izone.vn";

    private TestTokens() {
    }

    public static String withRole(String upn, String role) {
        return Jwt.issuer(ISSUER).upn(upn).groups(Set.of(role)).expiresIn(Duration.ofHours(1)).sign();
    }

    public static String finance() {
        return withRole("finance@izone", "finance");
    }

    public static String operator() {
        return withRole("operator@izone", "operator");
    }

    public static String board() {
        return withRole("board@kcn", "board");
    }

    public static String department(String province) {
        return Jwt.issuer(ISSUER).upn("officer@dept-" + province).groups(Set.of("department"))
                .claim("province", province).expiresIn(Duration.ofHours(1)).sign();
    }

    /** Right role, wrong issuer: not trusted. */
    public static String foreign() {
        return Jwt.issuer("https://elsewhere.example").upn("intruder").groups(Set.of("operator", "finance"))
                .expiresIn(Duration.ofHours(1)).sign();
    }
}

package vn.izone.registry.support;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.util.Set;

/**
 * Bearer tokens for tests, signed with the test-only key (src/test/resources/jwt, configured as
 * {@code %test.smallrye.jwt.sign.key.location}); the registry verifies them with the matching public key.
 */
public final class TestTokens {
    public static final String ISSUER = "https://izone.vn";

    private TestTokens() {
    }

    /** A province's department: may write the zones of {@code province} only. */
    public static String department(String province) {
        return Jwt.issuer(ISSUER).upn("officer@dept-" + province).groups(Set.of("department"))
                .claim("province", province).expiresIn(Duration.ofHours(1)).sign();
    }

    public static String registrar() {
        return Jwt.issuer(ISSUER).upn("registrar@izone").groups(Set.of("registrar")).expiresIn(Duration.ofHours(1)).sign();
    }

    public static String board() {
        return Jwt.issuer(ISSUER).upn("board@kcn").groups(Set.of("board")).expiresIn(Duration.ofHours(1)).sign();
    }

    public static String integrator() {
        return Jwt.issuer(ISSUER).upn("integrator@partner").groups(Set.of("integrator")).expiresIn(Duration.ofHours(1)).sign();
    }

    /** Runs the register's recovery (reconciliation with the topics, rebuild from them): no register writes. */
    public static String operator() {
        return Jwt.issuer(ISSUER).upn("operator@izone").groups(Set.of("operator")).expiresIn(Duration.ofHours(1)).sign();
    }

    /** Right roles, wrong issuer: the registry must not trust it. */
    public static String foreign() {
        return Jwt.issuer("https://elsewhere.example").upn("intruder").groups(Set.of("registrar"))
                .expiresIn(Duration.ofHours(1)).sign();
    }
}

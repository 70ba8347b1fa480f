package vn.izone.registry.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/**
 * Who may change what, from the caller's bearer token (roles in the {@code groups} claim):
 * <ul>
 * <li>{@code department}: a province's department; writes only zones of the province in its {@code province}
 * claim, and the projects and reports of those zones;</li>
 * <li>{@code registrar}: the national register office; writes everywhere;</li>
 * <li>{@code board}, {@code integrator}: read only.</li>
 * </ul>
 * Reads are open. With {@code izone.auth.enforce=false} (dev mode, default test profile) nothing is checked.
 */
@ApplicationScoped
public class WriteAccess {
    public static final String DEPARTMENT = "department";
    public static final String REGISTRAR = "registrar";
    public static final String PROVINCE_CLAIM = "province";

    @ConfigProperty(name = "izone.auth.enforce", defaultValue = "true")
    boolean enforce;
    @Inject
    SecurityIdentity identity;

    /** The caller may write at all (before looking at any province). */
    public void requireWriter() {
        if (!enforce) {
            return;
        }
        if (identity.isAnonymous()) {
            throw new RejectedChange(Problem.of(401, "unauthenticated", "Sign in to change the register",
                    "send a bearer token (Authorization: Bearer …) with the role department or registrar",
                    List.of(new Problem.FieldError("Authorization", "missing"))));
        }
        if (!identity.hasRole(REGISTRAR) && !identity.hasRole(DEPARTMENT)) {
            throw new RejectedChange(Problem.of(403, "read-only", "Your role may only read the register",
                    "roles " + identity.getRoles() + " are read only; changes need department or registrar",
                    List.of(new Problem.FieldError("Authorization", "read-only role"))));
        }
    }

    /** The caller may write data of a zone in {@code provinceCode}; {@code field} names where the province came from. */
    public void requireProvince(String provinceCode, String field) {
        requireWriter();
        if (!enforce || identity.hasRole(REGISTRAR)) {
            return;
        }
        String own = province();
        if (own == null || !own.equals(provinceCode)) {
            throw new RejectedChange(Problem.of(403, "other-province", "A department writes only its own province",
                    "your token is for province " + own + ", the zone is in province " + provinceCode,
                    List.of(new Problem.FieldError(field, "not your province (" + own + ")"))));
        }
    }

    private String province() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(PROVINCE_CLAIM);
            return claim == null ? null : claim.toString().replace("\"", "");
        }
        return identity.getAttribute(PROVINCE_CLAIM);
    }

    /** The caller may write figures of the whole country: the register office only. */
    public void requireNational(String field) {
        requireWriter();
        if (!enforce || identity.hasRole(REGISTRAR)) {
            return;
        }
        throw new RejectedChange(Problem.of(403, "national-scope", "Figures of the whole country are the register office's",
                "a department declares figures of its own province; NATIONAL needs the role registrar",
                List.of(new Problem.FieldError(field, "NATIONAL needs the role registrar"))));
    }

    /** Who the change is recorded as: the token's principal when signed in, else the self-declared header. */
    public String actor(String header) {
        if (identity != null && !identity.isAnonymous() && identity.getPrincipal() != null
                && identity.getPrincipal().getName() != null) {
            return identity.getPrincipal().getName();
        }
        return Actor.of(header);
    }
}

package vn.izone.registry.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AuthorizationController;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/**
 * Who may change what, from the caller's bearer token (roles in the {@code groups} claim):
 * <ul>
 * <li>{@code department}: a province's department; writes only zones of the province in its {@code province}
 * claim, and the projects and reports of those zones;</li>
 * <li>{@code registrar}: the national register office; writes everywhere;</li>
 * <li>{@code operator}: the register's recovery only (reconcile, rebuild);</li>
 * <li>{@code board}, {@code integrator}: read only.</li>
 * </ul>
 * Reads are open. Roles are checked by {@code @RolesAllowed} on each write endpoint, the province by
 * {@link ProvinceScope} at the edge (and row by row in an import). With {@code izone.auth.enforce=false} (dev mode,
 * default test profile) nothing is checked ({@link AuthorizationSwitch}).
 */
@ApplicationScoped
public class WriteAccess {
    public static final String DEPARTMENT = "department";
    public static final String REGISTRAR = "registrar";
    public static final String OPERATOR = "operator";
    public static final String PROVINCE_CLAIM = "province";

    @Inject
    AuthorizationController authorization;
    @Inject
    SecurityIdentity identity;

    /** Whether this caller's writes are kept to one province: checks are on and the caller is not a registrar. */
    public boolean keptToProvince() {
        return authorization.isAuthorizationEnabled() && !identity.hasRole(REGISTRAR);
    }

    /**
     * The caller may write data of a zone in {@code provinceCode}; {@code field} names where the province came from.
     * A null province is nothing to compare: the write names no province yet and its validation refuses it (422).
     */
    public void requireProvince(String provinceCode, String field) {
        if (provinceCode == null || !keptToProvince()) {
            return;
        }
        String own = province();
        if (own == null || !own.equals(provinceCode)) {
            throw new RejectedChange(Problem.of(403, "other-province", "A department writes only its own province",
                    "your token is for province " + own + ", the zone is in province " + provinceCode,
                    List.of(new Problem.FieldError(field, "not your province (" + own + ")"))));
        }
    }

    /** A write that names no province (a declaration error, see {@link ProvinceScoped}): a registrar's only. */
    public void requireNationalWriter() {
        if (keptToProvince()) {
            throw new RejectedChange(Problem.of(403, "other-province", "A department writes only its own province",
                    "this write names no province; only a registrar may make it",
                    List.of(new Problem.FieldError("Authorization", "not a registrar"))));
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
        if (!keptToProvince()) {
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

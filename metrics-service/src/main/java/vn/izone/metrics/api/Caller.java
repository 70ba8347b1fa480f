package vn.izone.metrics.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** Who is calling: the bearer token's principal ({@code upn}, else {@code preferred_username}, else {@code sub}). */
@RequestScoped
public class Caller {
    @Inject
    SecurityIdentity identity;

    /** The principal's name, or null for an anonymous caller (only possible with izone.auth.enforce=false). */
    public String name() {
        return identity == null || identity.isAnonymous() || identity.getPrincipal() == null ? null
                : identity.getPrincipal().getName();
    }
}

package vn.izone.registry.api;

import io.quarkus.security.spi.runtime.AuthorizationController;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * {@code izone.auth.enforce=false} (dev mode, the default test profile) turns every write check off: Quarkus asks
 * this controller before it checks {@code @RolesAllowed}, and {@link WriteAccess} before the province check.
 */
@Alternative
@Priority(Interceptor.Priority.LIBRARY_AFTER)
@ApplicationScoped
public class AuthorizationSwitch extends AuthorizationController {
    @Inject
    AccessConfig config;

    @Override
    public boolean isAuthorizationEnabled() {
        return config.enforce();
    }
}

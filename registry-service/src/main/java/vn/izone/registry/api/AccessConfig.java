package vn.izone.registry.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may write the register: the switch of every write check (docs/registry-api.md, "Roles"). */
@ConfigMapping(prefix = "izone.auth")
public interface AccessConfig {
    /**
     * Whether roles and provinces are checked on writes (env {@code IZONE_AUTH_ENFORCE}). Off in dev mode and in the
     * default test profile (application.properties), so that those callers need no token.
     */
    @WithDefault("true")
    boolean enforce();
}

package vn.izone.registry.decree;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;

/**
 * Sends the rules that warned in header {@code Izone-Rule-Warnings} (one "rule-id; detail" per value, the
 * detail URL-encoded since it may hold Vietnamese text).
 */
@Provider
public class RuleWarningsFilter implements ContainerResponseFilter {
    public static final String HEADER = "Izone-Rule-Warnings";

    @Inject
    RuleWarnings warnings;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        for (RuleFinding f : warnings.findings()) {
            response.getHeaders().add(HEADER, f.ruleId() + "; " + URLEncoder.encode(f.detail(), StandardCharsets.UTF_8));
        }
    }
}

package vn.izone.web;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.Map;

/**
 * Declares what the HTTP permission check enforces: a bearer (JWT) scheme, required by every POST, PUT, PATCH and
 * DELETE operation, with their 401 and 403 answers. Reads stay without security. Applied to every operation,
 * so that a new write endpoint is documented as protected as it is protected.
 */
public class BearerSecurityFilter implements OASFilter {
    public static final String SCHEME = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("MicroProfile JWT from the issuer (roles in the groups claim; docs/registry-api.md)"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                PathItem.HttpMethod method = e.getKey();
                if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                        || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE) {
                    protect(e.getValue());
                }
            }
        }
    }

    private static void protect(Operation op) {
        if (op.getSecurity() == null || op.getSecurity().stream().noneMatch(r -> r.hasScheme(SCHEME))) {
            op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
        }
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        if (!responses.hasAPIResponse("401")) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse()
                    .description("No bearer token, or one that does not verify (problem+json naming Authorization)"));
        }
        if (!responses.hasAPIResponse("403")) {
            responses.addAPIResponse("403", OASFactory.createAPIResponse()
                    .description("The token's role may not do this (problem+json naming Authorization)"));
        }
    }
}

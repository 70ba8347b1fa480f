package vn.izone.registry.api;

import io.quarkus.arc.Arc;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.HttpMethod;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one province check of the register's writes, at the edge: before a {@link ProvinceScoped} resource method
 * runs, the province of every target it names ({@link ProvinceOf}) must be the department's own (registrars write
 * everywhere). Roles were checked before ({@code @RolesAllowed}, ahead of reading the body); the services behind
 * know nothing of callers. Runs inside the resource method's transaction (application priority, after
 * {@code @Transactional}; the province-scoped writes are transactional). The resolvers read the province column alone
 * (the project and report writes, the most frequent, read nothing else of the zone through Hibernate).
 */
@ProvinceScoped
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ProvinceScope {
    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Inject
    WriteAccess access;
    private final Map<Method, Targets> declared = new ConcurrentHashMap<>();

    @AroundInvoke
    Object check(InvocationContext call) throws Exception {
        Targets targets = declared.computeIfAbsent(call.getMethod(), ProvinceScope::targets);
        if (targets.unscopedWrite()) {
            access.requireNationalWriter();
        } else if (!targets.params().isEmpty() && access.keptToProvince()) {
            Object[] args = call.getParameters();
            for (Target t : targets.params()) {
                access.requireProvince(t.provinceOf(args[t.index()]), t.field());
            }
        }
        return call.proceed();
    }

    /** A parameter naming a target, and the resolver of its province. */
    record Target(int index, ProvinceResolver<Object> resolver, String field) {
        String provinceOf(Object value) {
            return value == null ? null : resolver.provinceOf(value);
        }
    }

    /** What a method declares: its targets, or that it is a write with none and no {@link Nationwide} reason. */
    record Targets(List<Target> params, boolean unscopedWrite) {
    }

    @SuppressWarnings("unchecked")
    static Targets targets(Method method) {
        List<Target> params = new ArrayList<>();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation a : annotations[i]) {
                if (a instanceof ProvinceOf of) {
                    params.add(new Target(i, (ProvinceResolver<Object>) Arc.container().instance(of.value()).get(), of.field()));
                }
            }
        }
        boolean unscoped = params.isEmpty() && isWrite(method) && !method.isAnnotationPresent(Nationwide.class);
        return new Targets(List.copyOf(params), unscoped);
    }

    /** POST, PUT, PATCH or DELETE: annotated with a JAX-RS method designator of one of them. */
    public static boolean isWrite(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod designator = a.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null && WRITES.contains(designator.value())) {
                return true;
            }
        }
        return false;
    }
}

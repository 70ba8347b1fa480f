package vn.izone.registry.api;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The writes of this resource are kept to the caller's province by {@link ProvinceScope}: a department writes only
 * records of the province in its token. Put on the resource class, so that a write method added later is covered
 * too: it names where its province comes from ({@link ProvinceOf} on a parameter) or says why it has none
 * ({@link Nationwide}); a write that does neither is refused to everyone but a registrar.
 */
@InterceptorBinding
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ProvinceScoped {
}

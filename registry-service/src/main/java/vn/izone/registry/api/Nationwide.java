package vn.izone.registry.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write of a {@link ProvinceScoped} resource that is not one province's by its path or body: {@link #value()} says
 * how departments are kept to their own province there (each row of an import is checked as it is read) or why
 * they cannot reach it (an operator's endpoint).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Nationwide {
    String value();
}

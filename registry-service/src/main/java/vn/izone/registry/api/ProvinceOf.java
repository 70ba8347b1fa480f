package vn.izone.registry.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This parameter of a {@link ProvinceScoped} write names the record it changes: {@link #value()} finds the record's
 * province (a zone id, a project id, the body's {@code provinceCode}, …), and a department of another province is
 * refused with 403 {@code other-province} naming {@link #field()}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProvinceOf {
    /** The bean that finds the province of the parameter's value. */
    Class<? extends ProvinceResolver<?>> value();

    /** The field a refusal names, as the client knows it ({@code zoneId}, {@code provinceCode}, …). */
    String field();
}

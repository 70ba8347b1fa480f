package vn.izone.registry.api;

/**
 * Finds the province (today's province code) of what a write targets, for {@link ProvinceOf}. Answers null when
 * there is no such target or it names no province: the endpoint then answers 404 or 422 itself, and nothing is
 * written either way.
 */
public interface ProvinceResolver<T> {
    String provinceOf(T target);
}

package vn.izone.registry.province;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A provincial-level unit in force today (34 since 1 July 2025). Reference data, loaded by Flyway. */
// Reference data changed only by a migration: kept in Hibernate's second-level cache, so a zone write does
// not read it from PostgreSQL every time.
@jakarta.persistence.Cacheable
@Entity
public class Province extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    @Column(name = "name_en")
    public String nameEn;
    public String kind;
}

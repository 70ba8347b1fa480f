package vn.izone.registry.province;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** One of the 63 provinces before the 2025 merger, and the province it belongs to today. */
// Reference data changed only by a migration: kept in Hibernate's second-level cache, so a zone write does
// not read it from PostgreSQL every time.
@jakarta.persistence.Cacheable
@Entity
@Table(name = "former_province")
public class FormerProvince extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    @Column(name = "name_en")
    public String nameEn;
    @Column(name = "province_code")
    public String provinceCode;
    @Column(name = "merged_on")
    public LocalDate mergedOn;
}

package vn.izone.registry.record;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What every record of the register (a zone, a project, a report) says of where its figures come from: the date they
 * are valid on, the source the department cites, and who last changed the record, when. One mapping for the three
 * tables' same four columns.
 */
@MappedSuperclass
public abstract class RegisterRecord extends PanacheEntityBase {
    @Column(name = "valid_on")
    public LocalDate validOn;
    public String source;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A change by {@code actor}, now. */
    public void changedBy(String actor) {
        updatedBy = actor;
        updatedAt = Instant.now();
    }

    /** The provenance as a view of the record had it (a record restored from its event). */
    public void provenance(LocalDate validOn, String source, String updatedBy, Instant updatedAt) {
        this.validOn = validOn;
        this.source = source;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
    }
}

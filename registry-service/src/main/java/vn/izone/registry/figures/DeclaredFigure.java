package vn.izone.registry.figures;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One submission of a declared figure, with both time axes and its provenance. Never updated. */
@Entity
@Table(name = "declared_figure")
public class DeclaredFigure extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "scope_type")
    public String scopeType;
    @Column(name = "scope_code")
    public String scopeCode;
    public String figure;
    /** The kind of zone the figure counts (register figure it corresponds to); null: all kinds or not a register figure. */
    public String kind;
    /** The register's indicator it corresponds to (RegisterIndicator.path, e.g. zones.operating); null: none. */
    public String indicator;
    /** The province the scope is in today (a former province's, a zone's); null for NATIONAL. */
    @Column(name = "province_code")
    public String provinceCode;
    public BigDecimal value;
    public String unit;
    @Column(name = "valid_on")
    public LocalDate validOn;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    public String actor;
    public String source;
}

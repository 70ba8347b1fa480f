package vn.izone.registry.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A periodic report of a zone, or of one project in it. Its versions live in the event history. */
@Entity
public class Report extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "zone_id")
    public UUID zoneId;
    @Column(name = "project_id")
    public UUID projectId;
    public long revision;
    @Version
    public long version;
    @Enumerated(EnumType.STRING)
    @Column(name = "period_kind")
    public PeriodKind periodKind;
    public int year;
    public Integer number;
    @Column(name = "period_start")
    public LocalDate periodStart;
    @Column(name = "period_end")
    public LocalDate periodEnd;
    @Column(name = "revenue_vnd")
    public BigDecimal revenueVnd;
    @Column(name = "export_usd")
    public BigDecimal exportUsd;
    @Column(name = "budget_paid_vnd")
    public BigDecimal budgetPaidVnd;
    public Integer workers;
    @Column(name = "average_monthly_income_vnd")
    public BigDecimal averageMonthlyIncomeVnd;
    @Column(name = "valid_on")
    public LocalDate validOn;
    public String source;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
}

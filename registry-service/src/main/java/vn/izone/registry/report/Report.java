package vn.izone.registry.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import vn.izone.registry.record.RegisterRecord;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A periodic report of a zone, or of one project in it. Its versions live in the event history. */
@Entity
public class Report extends RegisterRecord {
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
}

package vn.izone.registry.project;

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

/** A secondary investment project in a zone. */
@Entity
public class Project extends RegisterRecord {
    @Id
    public UUID id;
    @Column(name = "zone_id")
    public UUID zoneId;
    public long revision;
    @Version
    public long version;
    public String name;
    public String investor;
    @Enumerated(EnumType.STRING)
    public ProjectOrigin origin;
    @Column(name = "investor_country")
    public String investorCountry;
    public String sector;
    @Column(name = "capital_amount")
    public BigDecimal capitalAmount;
    @Column(name = "capital_currency")
    public String capitalCurrency;
    @Column(name = "leased_area_ha")
    public BigDecimal leasedAreaHa;
    public Integer workers;
    @Enumerated(EnumType.STRING)
    public ProjectStatus status;
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "status_date")
    public LocalDate statusDate;
}

package vn.izone.registry.decree;

import jakarta.enterprise.context.ApplicationScoped;
import vn.izone.registry.project.Project;
import vn.izone.registry.zone.ParkType;
import vn.izone.registry.zone.Zone;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Whether each park that declares a Decree 35 type meets its land-share condition, with the figures used. */
@ApplicationScoped
public class ParkTypeFindings {

    public enum Outcome { MEETS, BREACHES, NOT_EVALUATED }

    public record Finding(UUID zoneId, String name, String provinceCode, ParkType parkType, ParkTypeRules.Check check,
                          BigDecimal requiredPercent, BigDecimal measuredPercent, String sector, BigDecimal sectorLeasedHa,
                          BigDecimal leasedHa, Outcome outcome, String detail) {
    }

    private final ParkTypeRules rules;

    public ParkTypeFindings(ParkTypeRules rules) {
        this.rules = rules;
    }

    /** Every typed park (of a province, if given), breaches first. Run inside a transaction. */
    public List<Finding> all(String provinceCode) {
        return Zone.<Zone>list("parkType is not null").stream()
                .filter(z -> provinceCode == null || provinceCode.equals(z.provinceCode))
                .filter(z -> z.status.isEstablished())
                .map(this::evaluate)
                .sorted(Comparator.comparingInt((Finding f) -> f.outcome() == Outcome.BREACHES ? 0 : 1)
                        .thenComparing(Finding::provinceCode).thenComparing(Finding::name))
                .toList();
    }

    Finding evaluate(Zone park) {
        ParkTypeRules.TypeRule rule = rules.ruleFor(park.parkType).orElse(null);
        if (rule == null || rule.check() == ParkTypeRules.Check.NOT_A_LAND_SHARE) {
            return finding(park, rule, null, null, null, null, Outcome.NOT_EVALUATED,
                    rule == null ? "no rule for this type in " + rules.book().decree() : rule.message());
        }
        // leased industrial land of the park's active projects, by sector
        Map<String, BigDecimal> bySector = new TreeMap<>();
        for (Project p : Project.<Project>list("zoneId", park.id)) {
            if (p.status.isActive() && p.leasedAreaHa != null && p.leasedAreaHa.signum() > 0) {
                String sector = p.sector == null || p.sector.isBlank() ? "(no sector)" : p.sector.strip();
                bySector.merge(sector, p.leasedAreaHa, BigDecimal::add);
            }
        }
        BigDecimal leased = bySector.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (leased.signum() == 0) {
            return finding(park, rule, null, null, null, leased, Outcome.NOT_EVALUATED, "no land leased to active projects yet");
        }
        String sector;
        BigDecimal share;
        if (rule.check() == ParkTypeRules.Check.ONE_SECTOR_SHARE) {
            Map.Entry<String, BigDecimal> largest = bySector.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            sector = largest.getKey();
            share = largest.getValue();
        } else {
            sector = String.join(" / ", rule.sectorWords());
            share = bySector.entrySet().stream().filter(e -> matches(e.getKey(), rule.sectorWords()))
                    .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        BigDecimal percent = share.multiply(BigDecimal.valueOf(100)).divide(leased, 2, RoundingMode.HALF_UP);
        Outcome outcome = percent.compareTo(rule.minPercent()) >= 0 ? Outcome.MEETS : Outcome.BREACHES;
        return finding(park, rule, percent, sector, share, leased, outcome, rule.message());
    }

    private static boolean matches(String sector, List<String> words) {
        String s = sector.toLowerCase(Locale.ROOT);
        return words.stream().anyMatch(w -> s.contains(w.toLowerCase(Locale.ROOT)));
    }

    private static Finding finding(Zone park, ParkTypeRules.TypeRule rule, BigDecimal percent, String sector, BigDecimal share,
                                   BigDecimal leased, Outcome outcome, String detail) {
        return new Finding(park.id, park.name, park.provinceCode, park.parkType, rule == null ? null : rule.check(),
                rule == null ? null : rule.minPercent(), percent, sector, share, leased, outcome, detail);
    }
}

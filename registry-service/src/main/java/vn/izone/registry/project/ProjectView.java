package vn.izone.registry.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A project's full state, as the API returns it and project events carry it. */
public record ProjectView(
        UUID id,
        UUID zoneId,
        long revision,
        String name,
        String investor,
        ProjectOrigin origin,
        String investorCountry,
        String sector,
        Money registeredCapital,
        BigDecimal leasedAreaHa,
        Integer workers,
        ProjectStatus status,
        String statusReason,
        LocalDate statusDate,
        LocalDate validOn,
        String source,
        String updatedBy,
        Instant updatedAt) {
}

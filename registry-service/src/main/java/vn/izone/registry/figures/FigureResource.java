package vn.izone.registry.figures;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.izone.registry.api.Actor;
import vn.izone.registry.api.ProvinceOf;
import vn.izone.registry.api.ProvinceScoped;
import vn.izone.registry.api.RejectedChange;
import vn.izone.registry.api.WriteAccess;
import vn.izone.registry.events.Outbox;
import vn.izone.registry.events.Topics;
import vn.izone.registry.province.FormerProvince;
import vn.izone.registry.province.Province;
import vn.izone.registry.zone.Zone;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Declared figures with provenance on two time axes. A correction is a new submission for the same date;
 * reads default to "as known today" and can ask "as reported on D" (what a board saw that day).
 */
@Path("/api/v1/figures")
@ProvinceScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FigureResource {
    private final WriteAccess access;
    private final FigureProvince provinces;
    private final Outbox outbox;

    public FigureResource(WriteAccess access, FigureProvince provinces, Outbox outbox) {
        this.access = access;
        this.provinces = provinces;
        this.outbox = outbox;
    }

    @POST
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Declare a figure (never overwrites: a correction is a new submission for the same validOn)",
            description = "kind and indicator name the register figure it corresponds to (e.g. INDUSTRIAL_CLUSTER, zones.operating); "
                    + "every submission is published on izone.registry.figures.v1 (docs/events) in the same transaction.")
    public Response declare(@NotNull @Valid @ProvinceOf(value = FigureProvince.class, field = "scopeCode") FigureSubmission s,
                            @HeaderParam(Actor.HEADER) String actor) {
        // the edge (ProvinceScope) has held a department to its own province; a NATIONAL figure names none
        String province = provinces.provinceOf(s);
        UUID zoneId = provinces.zoneOf(s);
        if ("NATIONAL".equals(s.scopeType())) {
            if (!"VN".equals(s.scopeCode())) {
                throw RejectedChange.invalid("scopeCode", "a NATIONAL figure has scopeCode VN, not '" + s.scopeCode() + "'");
            }
            access.requireNational("scopeType");
        } else if (province == null) {
            throw RejectedChange.invalid("scopeCode", "no " + s.scopeType().toLowerCase() + " '" + s.scopeCode() + "'");
        }
        checkRegisterFigure(s);
        DeclaredFigure f = new DeclaredFigure();
        f.id = UUID.randomUUID();
        f.scopeType = s.scopeType();
        f.scopeCode = s.scopeCode();
        f.provinceCode = province;
        f.figure = s.figure();
        f.kind = s.kind();
        f.indicator = s.indicator();
        f.value = s.value();
        f.unit = s.unit();
        f.validOn = s.validOn();
        f.recordedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it
        f.actor = access.actor(actor);
        f.source = s.source();
        f.persist();
        FigureView view = FigureView.of(f);
        publish(f, view, zoneId);
        return Response.created(URI.create("/api/v1/figures?scopeType=" + f.scopeType + "&scopeCode=" + f.scopeCode))
                .entity(view).build();
    }

    /** A register figure is named consistently: the unit its indicator is counted in, no kind on a zone (it has one). */
    private static void checkRegisterFigure(FigureSubmission s) {
        if (s.kind() != null && "ZONE".equals(s.scopeType())) {
            throw RejectedChange.invalid("kind", "a zone is of one kind already; leave kind out for a ZONE figure");
        }
        if (s.indicator() != null) {
            RegisterIndicator indicator = RegisterIndicator.of(s.indicator()).orElseThrow();
            if (!indicator.unit.equals(s.unit())) {
                throw RejectedChange.invalid("unit", s.indicator() + " is counted in " + indicator.unit + ", not " + s.unit());
            }
        }
    }

    /**
     * The submission as an event, in this transaction (the outbox): one aggregate per figure and date of a scope, so a
     * correction is the next version of the same aggregate ({@code figure.corrected}) and a consumer keeps the latest.
     * Versions are counted from the outbox under a lock on the aggregate, so two submissions at once cannot take the same.
     */
    private void publish(DeclaredFigure f, FigureView view, UUID zoneId) {
        String identity = f.scopeType + "|" + f.scopeCode + "|" + f.figure + "|" + f.validOn;
        UUID aggregateId = UUID.nameUUIDFromBytes(("declared-figure|" + identity).getBytes(StandardCharsets.UTF_8));
        EntityManager em = DeclaredFigure.getEntityManager();
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "figure|" + aggregateId).getSingleResult();
        long version = ((Number) em.createNativeQuery("SELECT coalesce(max(aggregate_version), 0) FROM outbox_event "
                + "WHERE aggregate_type = 'figure' AND aggregate_id = ?1").setParameter(1, aggregateId).getSingleResult()).longValue() + 1;
        outbox.record(Topics.FIGURES, view.scopeKey(), version == 1 ? "figure.declared" : "figure.corrected", "figure",
                aggregateId, version, zoneId, new Outbox.Change(f.actor, f.validOn, f.source), view);
    }

    @GET
    @Transactional
    @Operation(summary = "Declared figures, one per figure and date: as known today, or as reported on a past date",
            description = "provinceCode keeps what was declared about a province: the province itself, its former provinces and its zones.")
    public List<FigureView> figures(@QueryParam("scopeType") String scopeType, @QueryParam("scopeCode") String scopeCode,
                                    @QueryParam("figure") String figure, @QueryParam("asReportedOn") String asReportedOn,
                                    @QueryParam("asReportedAt") String asReportedAt, @QueryParam("provinceCode") String provinceCode) {
        Instant cutoff = cutoff(asReportedOn, asReportedAt);
        Map<String, DeclaredFigure> latest = new LinkedHashMap<>();
        for (DeclaredFigure f : matching(scopeType, scopeCode, figure, provinceCode)) {
            if (f.recordedAt.isBefore(cutoff)) {
                latest.put(f.scopeType + "|" + f.scopeCode + "|" + f.figure + "|" + f.validOn, f); // ordered by recordedAt: last wins
            }
        }
        return latest.values().stream().map(FigureView::of).toList();
    }

    @GET
    @Path("discrepancies")
    @Transactional
    @Operation(summary = "Figures submitted for the same date with different values, each with its source")
    public List<Discrepancy> discrepancies(@QueryParam("scopeType") String scopeType, @QueryParam("scopeCode") String scopeCode) {
        Map<String, List<DeclaredFigure>> groups = matching(scopeType, scopeCode, null, null).stream()
                .collect(Collectors.groupingBy(f -> f.scopeType + "|" + f.scopeCode + "|" + f.figure + "|" + f.validOn,
                        LinkedHashMap::new, Collectors.toList()));
        List<Discrepancy> result = new ArrayList<>();
        for (List<DeclaredFigure> group : groups.values()) {
            long distinct = group.stream().map(f -> f.value.stripTrailingZeros()).distinct().count();
            if (distinct > 1) {
                DeclaredFigure first = group.get(0);
                result.add(new Discrepancy(first.scopeType, first.scopeCode, first.figure, first.validOn,
                        group.stream().sorted(Comparator.comparing(f -> f.recordedAt)).map(FigureView::of).toList()));
            }
        }
        return result;
    }

    private static List<DeclaredFigure> matching(String scopeType, String scopeCode, String figure, String provinceCode) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> p = new LinkedHashMap<>();
        if (scopeType != null) {
            q.append(" and scopeType = :t");
            p.put("t", scopeType);
        }
        if (scopeCode != null) {
            q.append(" and scopeCode = :c");
            p.put("c", scopeCode);
        }
        if (figure != null) {
            q.append(" and figure = :f");
            p.put("f", figure);
        }
        if (provinceCode != null) {
            q.append(" and provinceCode = :p");
            p.put("p", provinceCode);
        }
        q.append(" order by scopeType, scopeCode, figure, validOn, recordedAt");
        return DeclaredFigure.list(q.toString(), p);
    }

    /** The end of day D (UTC), or an exact instant; "as known today" without either. */
    private static Instant cutoff(String day, String instant) {
        try {
            if (instant != null) {
                return Instant.parse(instant).plusNanos(1);
            }
            if (day != null) {
                return LocalDate.parse(day).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
        } catch (java.time.format.DateTimeParseException e) {
            throw RejectedChange.invalid(instant != null ? "asReportedAt" : "asReportedOn", "'" + (instant != null ? instant : day)
                    + "' is not an ISO date (2025-09-30) or instant (2025-09-30T08:00:00Z)");
        }
        return Instant.MAX;
    }
}

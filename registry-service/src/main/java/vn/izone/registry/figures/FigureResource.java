package vn.izone.registry.figures;

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

import java.net.URI;
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

    public FigureResource(WriteAccess access, FigureProvince provinces) {
        this.access = access;
        this.provinces = provinces;
    }

    @POST
    @Transactional
    @RolesAllowed({WriteAccess.REGISTRAR, WriteAccess.DEPARTMENT})
    @Operation(summary = "Declare a figure (never overwrites: a correction is a new submission for the same validOn)")
    public Response declare(@NotNull @Valid @ProvinceOf(value = FigureProvince.class, field = "scopeCode") FigureSubmission s,
                            @HeaderParam(Actor.HEADER) String actor) {
        if (provinces.provinceOf(s) == null) {
            throw RejectedChange.invalid("scopeCode", "no " + s.scopeType().toLowerCase() + " '" + s.scopeCode() + "'");
        }
        DeclaredFigure f = new DeclaredFigure();
        f.id = UUID.randomUUID();
        f.scopeType = s.scopeType();
        f.scopeCode = s.scopeCode();
        f.figure = s.figure();
        f.value = s.value();
        f.unit = s.unit();
        f.validOn = s.validOn();
        f.recordedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it
        f.actor = access.actor(actor);
        f.source = s.source();
        f.persist();
        return Response.created(URI.create("/api/v1/figures?scopeType=" + f.scopeType + "&scopeCode=" + f.scopeCode))
                .entity(FigureView.of(f)).build();
    }

    @GET
    @Transactional
    @Operation(summary = "Declared figures, one per figure and date: as known today, or as reported on a past date")
    public List<FigureView> figures(@QueryParam("scopeType") String scopeType, @QueryParam("scopeCode") String scopeCode,
                                    @QueryParam("figure") String figure, @QueryParam("asReportedOn") String asReportedOn,
                                    @QueryParam("asReportedAt") String asReportedAt) {
        Instant cutoff = cutoff(asReportedOn, asReportedAt);
        Map<String, DeclaredFigure> latest = new LinkedHashMap<>();
        for (DeclaredFigure f : matching(scopeType, scopeCode, figure)) {
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
        Map<String, List<DeclaredFigure>> groups = matching(scopeType, scopeCode, null).stream()
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

    private static List<DeclaredFigure> matching(String scopeType, String scopeCode, String figure) {
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

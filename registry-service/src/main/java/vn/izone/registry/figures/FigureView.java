package vn.izone.registry.figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

public record FigureView(UUID id, String scopeType, String scopeCode, String figure, BigDecimal value, String unit,
                         LocalDate validOn, Instant recordedAt, String actor, String source) {
    static FigureView of(DeclaredFigure f) {
        return new FigureView(f.id, f.scopeType, f.scopeCode, f.figure, f.value.stripTrailingZeros().scale() < 0
                ? f.value.setScale(0) : f.value.stripTrailingZeros(), f.unit, f.validOn, f.recordedAt, f.actor, f.source);
    }
}

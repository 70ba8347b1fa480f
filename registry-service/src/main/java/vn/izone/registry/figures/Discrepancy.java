package vn.izone.registry.figures;

import java.time.LocalDate;
import java.util.List;

/** One figure for one date that was submitted with different values: all of them, with their sources. */
public record Discrepancy(String scopeType, String scopeCode, String figure, LocalDate validOn, List<FigureView> submissions) {
}

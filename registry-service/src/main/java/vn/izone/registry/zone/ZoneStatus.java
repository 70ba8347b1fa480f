package vn.izone.registry.zone;

import java.util.EnumSet;
import java.util.Set;

/**
 * A zone's lifecycle, in the order a zone normally goes through it. A zone moves forward only; it may skip
 * steps the province did not record, but it cannot build or operate before it was established, nor expand
 * before it operates (an expanded zone may expand again). Removal from planning ends the lifecycle.
 */
public enum ZoneStatus {
    PLANNED,
    LAND_TARGET_ALLOCATED,
    ESTABLISHED,
    INVESTMENT_APPROVED,
    DETAILED_PLANNING_APPROVED,
    UNDER_CONSTRUCTION,
    IN_OPERATION,
    EXPANDED,
    REMOVED_FROM_PLANNING;

    private static final Set<ZoneStatus> NEEDS_ESTABLISHMENT = EnumSet.of(INVESTMENT_APPROVED,
            DETAILED_PLANNING_APPROVED, UNDER_CONSTRUCTION, IN_OPERATION, EXPANDED);

    /** Why the move is illegal, or null when it is allowed. */
    public String refusalOfMoveTo(ZoneStatus next) {
        if (this == REMOVED_FROM_PLANNING) {
            return "the zone was removed from planning; nothing follows removal";
        }
        if (next == REMOVED_FROM_PLANNING) {
            return null;
        }
        if (next.ordinal() <= ordinal() && !(this == EXPANDED && next == EXPANDED)) {
            return "a zone cannot go back from " + this + " to " + next;
        }
        if (NEEDS_ESTABLISHMENT.contains(next) && ordinal() < ESTABLISHED.ordinal()) {
            return next + " needs an established zone; the zone is only " + this;
        }
        if (next == EXPANDED && !isOperating()) {
            // An expanded zone may be expanded again (a later expansion decision); others must operate first.
            return "only a zone in operation can be expanded; the zone is " + this;
        }
        return null;
    }

    /** Established or beyond, and not removed: its area counts as established land. */
    public boolean isEstablished() {
        return this != REMOVED_FROM_PLANNING && ordinal() >= ESTABLISHED.ordinal();
    }

    public boolean isOperating() {
        return this == IN_OPERATION || this == EXPANDED;
    }
}

package vn.izone.metrics.events;

/** An event that can never be applied (unparseable, unknown version): it goes to the dead-letter topic. */
public class PoisonEvent extends RuntimeException {
    public PoisonEvent(String reason) {
        super(reason);
    }
}

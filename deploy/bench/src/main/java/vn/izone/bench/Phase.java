package vn.izone.bench;

/**
 * One measurement of the bench. {@link Bench} runs the phases in a fixed order on one suite, each after the last:
 * a phase puts its figures into the run's results and its rows into the table, and a phase that compares with an
 * earlier one's figure (a raw limit, the events loaded) is handed that phase when it is made.
 */
interface Phase {
    void run(Run run) throws Exception;
}

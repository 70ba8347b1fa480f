package vn.izone.bench;

import vn.izone.suite.BoardConvergence;
import vn.izone.suite.Suite;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every figure a board can read equals the register once the load settles: registry API recomputation == metrics ==
 * reporting, for every scope (BoardConvergence), bounded (2 min); the time it took to settle and any difference go
 * into the results and the table.
 */
final class Convergence implements Phase {
    private final String when;

    /** @param when after what, as the row and the results key say it */
    Convergence(String when) {
        this.when = when;
    }

    @Override
    public void run(Run run) {
        BoardConvergence.Result r = new BoardConvergence(run.url(Suite.REGISTRY), run.url(Suite.METRICS), run.url(Suite.REPORTING), true)
                .await(Duration.ofMinutes(2), Bench::say);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("scopes", r.scopes());
        c.put("converged", r.converged());
        c.put("settledMillis", r.settledMillis());
        c.put("rounds", r.rounds());
        c.put("differences", r.differences().stream().limit(20).map(Object::toString).toList());
        run.results.put("convergence " + when, c);
        Bench.say("convergence " + when + ": " + r);
        run.results.row("Board figures == register, every scope, " + when + " (registry API recomputation = metrics = reporting snapshot)",
                r.converged() ? r.scopes() + " scopes, settled in " + r.settledMillis() + " ms" : "NOT converged: " + r.differences().size() + " differences",
                "-", "-", "-");
    }
}

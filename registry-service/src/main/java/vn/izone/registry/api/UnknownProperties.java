package vn.izone.registry.api;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The REST API is a strict reader (docs/registry-api.md, "Strict input"): a property the resource does not have is
 * refused, not dropped, and the answer names the known property the sender probably meant — the same name in
 * another case or spelling ({@code plannedAreaHA}, {@code valid_on}), or one a typo or two away
 * ({@code plannedAraeHa}).
 */
public final class UnknownProperties {
    private UnknownProperties() {
    }

    /** The known name closest to {@code unknown}, when one is close enough to be what was meant. */
    public static Optional<String> suggestion(String unknown, Collection<?> known) {
        if (unknown == null || known == null || known.isEmpty()) {
            return Optional.empty();
        }
        String wanted = normalised(unknown);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        // the same words in another case or with separators: valid_on, VALIDON, planned-area-ha
        Optional<String> same = known.stream().map(Objects::toString).filter(k -> normalised(k).equals(wanted)).findFirst();
        if (same.isPresent()) {
            return same;
        }
        int allowed = wanted.length() <= 4 ? 1 : wanted.length() <= 10 ? 2 : 3;
        return known.stream().map(Objects::toString)
                .map(k -> new Candidate(k, distance(normalised(k), wanted)))
                .filter(c -> c.distance() <= allowed)
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .map(Candidate::name);
    }

    /** "unknown property; did you mean plannedAreaHa?" or "unknown property; known: a, b, c". */
    public static String message(String what, String unknown, Collection<?> known) {
        Optional<String> meant = suggestion(unknown, known);
        if (meant.isPresent()) {
            return what + "; did you mean " + meant.get() + "?";
        }
        if (known == null || known.isEmpty()) {
            return what;
        }
        return what + "; known: " + known.stream().map(Objects::toString).sorted().reduce((a, b) -> a + ", " + b).orElse("");
    }

    private record Candidate(String name, int distance) {
    }

    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

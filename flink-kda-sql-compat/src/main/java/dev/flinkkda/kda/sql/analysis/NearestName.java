package dev.flinkkda.kda.sql.analysis;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name closest to a misspelt one, for "did you mean" hints: a case-insensitive match
 * first (KDA folds unquoted names to upper case, so {@code "ticker"} misses {@code TICKER}), then
 * the smallest edit distance within a third of the name's length.
 */
public final class NearestName {

    private NearestName() {}

    public static Optional<String> of(String wanted, Collection<String> known) {
        for (String candidate : known) {
            if (candidate.equalsIgnoreCase(wanted)) {
                return Optional.of(candidate);
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lowerWanted = wanted.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int distance = distance(lowerWanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        if (best != null && bestDistance <= Math.max(1, wanted.length() / 3)) {
            return Optional.of(best);
        }
        return Optional.empty();
    }

    /** A " (did you mean X?)"-style hint, or nothing. */
    public static String hint(String wanted, Collection<String> known) {
        return of(wanted, known).map(n -> "; did you mean \"" + n + "\"?").orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

package org.yiwang.mpi.matching;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One text value of two records, graded DIFFERENT, a middle level, EXACT: missing when either value is shorter than
 * the minimum length (empty at the least), EXACT when the two are equal, the middle level when they are near, else
 * DIFFERENT. Without a middle level just DIFFERENT or EXACT.
 */
final class TextAgreement implements FieldComparison {

    private final String field;
    private final List<String> levels;
    private final Function<PreparedRecord, String> value;
    private final int minLength;
    private final BiPredicate<String, String> near;

    private TextAgreement(String field, List<String> levels, Function<PreparedRecord, String> value, int minLength,
            BiPredicate<String, String> near) {
        if (minLength < 1) {
            throw new IllegalArgumentException("An empty value is always missing: minLength " + minLength);
        }
        this.field = field;
        this.levels = levels;
        this.value = value;
        this.minLength = minLength;
        this.near = near;
    }

    /** EXACT, TYPO (one typing error), DIFFERENT. */
    static TextAgreement typo(String field, Function<PreparedRecord, String> value, int minLength) {
        return new TextAgreement(field, List.of("DIFFERENT", "TYPO", "EXACT"), value, minLength,
                Similarity::withinOneEdit);
    }

    /** EXACT, SIMILAR (Jaro-Winkler at least {@code jaroWinkler}, or one typing error), DIFFERENT. */
    static TextAgreement similar(String field, Function<PreparedRecord, String> value, double jaroWinkler) {
        return new TextAgreement(field, List.of("DIFFERENT", "SIMILAR", "EXACT"), value, 1,
                (x, y) -> Similarity.jaroWinkler(x, y) >= jaroWinkler || Similarity.withinOneEdit(x, y));
    }

    /** EXACT or DIFFERENT. */
    static TextAgreement exact(String field, Function<PreparedRecord, String> value) {
        return new TextAgreement(field, List.of("DIFFERENT", "EXACT"), value, 1, (x, y) -> false);
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public List<String> levels() {
        return levels;
    }

    @Override
    public int compare(PreparedRecord a, PreparedRecord b) {
        String x = value.apply(a);
        String y = value.apply(b);
        if (x.length() < minLength || y.length() < minLength) {
            return MISSING;
        }
        if (x.equals(y)) {
            return levels.size() - 1;
        }
        return near.test(x, y) ? 1 : 0;
    }
}

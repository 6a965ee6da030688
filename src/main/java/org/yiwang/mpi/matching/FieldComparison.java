package org.yiwang.mpi.matching;

import java.util.List;

/**
 * Compares one field of two prepared records and grades the agreement: level 0 is the strongest disagreement,
 * the last level the strongest agreement ({@link #levels()} names them). A comparison answers {@link #MISSING}
 * when either side lacks the value, which then neither supports nor contradicts a match.
 */
public interface FieldComparison {

    int MISSING = -1;

    /** Field name used in models and explanations, e.g. {@code name}. */
    String field();

    /** Agreement level names, weakest first, e.g. {@code [DIFFERENT, TYPO, EXACT]}. */
    List<String> levels();

    /** The agreement level in {@code 0 .. levels().size()-1}, or {@link #MISSING}. */
    int compare(PreparedRecord a, PreparedRecord b);
}

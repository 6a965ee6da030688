package org.yiwang.mpi.matching;

/**
 * One blocking key of a record: records sharing a key (same pass and value) become candidate pairs. A key marked
 * {@code identifying} contains an ID or phone number: store it only as a keyed blind index, never in clear.
 */
public record BlockingKey(String pass, String value, boolean identifying) {

    /** {@code pass:value}, the string to index. */
    public String key() {
        return pass + ":" + value;
    }

    /** Masked for identifying keys, so that a key logged by accident does not single anyone out. */
    @Override
    public String toString() {
        return identifying ? pass + ":***" : key();
    }
}

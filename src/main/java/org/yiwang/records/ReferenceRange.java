package org.yiwang.records;

import java.math.BigDecimal;

/**
 * The normal range of a result; either bound may be open.
 *
 * @param low  lowest normal value, or null
 * @param high highest normal value, or null
 */
public record ReferenceRange(BigDecimal low, BigDecimal high) {

    public ReferenceRange {
        if (low != null && high != null && low.compareTo(high) > 0) {
            throw new IllegalArgumentException("reference range low " + low + " is above high " + high);
        }
    }

    public boolean isEmpty() {
        return low == null && high == null;
    }
}

package org.yiwang.mpi;

import java.util.Objects;

/**
 * The 17-digit resident health-record number (REC-03): 6-digit county division (GB/T 2260) + 3-digit township or
 * street + 3-digit village or residents' committee + 5-digit serial in order of record creation within that
 * village. Pure: the next serial is allocated by the database ({@link ResidentWriter}), atomically across nodes.
 */
public record HealthRecordNumber(String value) {

    /** The five-digit serial runs 00001..99999 within one village division. */
    public static final int MAX_SERIAL = 99_999;

    public HealthRecordNumber {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[0-9]{17}")) {
            throw new IllegalArgumentException("a health-record number has 17 digits");
        }
        if (Integer.parseInt(value.substring(12)) == 0) {
            throw new IllegalArgumentException("serial 00000 is never allocated");
        }
    }

    /**
     * The number of the {@code serial}-th record of a village.
     *
     * @param villageDivisionCode 12 digits: county (6) + township (3) + village committee (3)
     * @throws IllegalArgumentException for a malformed division or a serial outside 1..99999
     */
    public static HealthRecordNumber of(String villageDivisionCode, int serial) {
        if (villageDivisionCode == null || !villageDivisionCode.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("a health-record number needs a 12-digit village division code");
        }
        if (serial < 1 || serial > MAX_SERIAL) {
            throw new IllegalArgumentException("serial " + serial + " outside 1.." + MAX_SERIAL + " for division "
                    + villageDivisionCode);
        }
        return new HealthRecordNumber(villageDivisionCode + "%05d".formatted(serial));
    }

    /** County (6) + township (3) + village committee (3). */
    public String divisionCode() {
        return value.substring(0, 12);
    }

    public String countyCode() {
        return value.substring(0, 6);
    }

    public int serial() {
        return Integer.parseInt(value.substring(12));
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.yiwang.registry;

import java.time.LocalDate;

/**
 * Fixed facts of the fictional demo county 清水县 shared by the modules' demo data. The division code is made up
 * on purpose (no real county uses 519921). Demo data is only loaded into demo runs.
 */
public final class DemoCounty {

    /** GB/T 2260-style county code of 清水县; fictional. */
    public static final String DIVISION_CODE = "519921";

    public static final String NAME_ZH = "清水县";

    public static final String NAME_EN = "Qingshui County";

    /** The "today" of the demo data, so ages and dates do not depend on the clock. */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 1, 1);

    /** Seed of every demo generator: the same county on every machine. */
    public static final long SEED = 20260101L;

    /** Recorded as created_by on demo rows. */
    public static final String CREATED_BY = "system:demo";

    private DemoCounty() {
    }
}

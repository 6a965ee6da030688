package org.yiwang.records;

import java.util.List;

/**
 * Who may read a resident's record on the resident's behalf: a guardian for a child (PIPL-03), a family member an
 * elderly resident authorised. Implemented as a bean by the module that keeps such authorisations (the resident
 * portal); {@link RecordAccess} asks every implementation when a signed-in resident opens a record that is not their
 * own. Without an implementation a resident reads only their own record.
 */
public interface RecordRepresentatives {

    /**
     * Whether the resident {@code representativeResidentId} may now read the record held under {@code recordIds}
     * (every id the master index holds for the represented resident, the current one first).
     */
    boolean represents(long representativeResidentId, List<Long> recordIds);
}

package org.yiwang.ecg.signal.delineation;

import java.util.List;

/**
 * Result of the contiguous-lead ST-elevation criteria.
 *
 * @param suspect         ST elevation meets the limits in at least two contiguous leads
 * @param confidence      0..1 (more leads and reciprocal depression raise it, a wide QRS lowers it)
 * @param elevatedLeads   leads meeting their limit, in contiguous pairs
 * @param reciprocalLeads leads of the opposite territory with ST depression
 * @param territories     territories of the elevated leads (inferior, lateral, anterior, septal)
 */
public record StemiAssessment(boolean suspect, double confidence, List<String> elevatedLeads,
        List<String> reciprocalLeads, List<String> territories) {

    public StemiAssessment {
        elevatedLeads = List.copyOf(elevatedLeads);
        reciprocalLeads = List.copyOf(reciprocalLeads);
        territories = List.copyOf(territories);
    }

    public static StemiAssessment none() {
        return new StemiAssessment(false, 0, List.of(), List.of(), List.of());
    }
}

package org.yiwang.records;

import java.util.List;

/**
 * The head of a resident's record as the clinician's page shows it, read under one access decision.
 *
 * @param organisationIds organisations with items the reader may see (the timeline's filter), at most 200
 * @param timeline        the requested page of the timeline
 */
public record RecordOverview(List<ClinicalEntry> allergies, List<ClinicalEntry> problems,
                             List<ClinicalEntry> medications, List<Long> organisationIds, TimelinePage timeline) {

    public RecordOverview {
        allergies = List.copyOf(allergies);
        problems = List.copyOf(problems);
        medications = List.copyOf(medications);
        organisationIds = List.copyOf(organisationIds);
    }
}

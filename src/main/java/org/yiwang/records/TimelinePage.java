package org.yiwang.records;

import java.util.List;

/**
 * One page of a resident's record, newest first.
 *
 * @param next cursor for the following page, or null when this is the last
 */
public record TimelinePage(List<ClinicalEntry> entries, TimelineCursor next) {

    public TimelinePage {
        entries = List.copyOf(entries);
    }
}

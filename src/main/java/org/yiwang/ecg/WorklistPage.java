package org.yiwang.ecg;

import java.util.List;

/**
 * One page of a reading centre's queue.
 *
 * @param items   unread recordings, critical first, then the longest waiting
 * @param next    where the next page starts, null on the last page
 * @param version a digest of what the page shows (ids and their versions): equal digests, nothing new to show
 */
public record WorklistPage(List<WorklistItem> items, WorklistCursor next, String version) {

    public WorklistPage {
        items = List.copyOf(items);
    }
}

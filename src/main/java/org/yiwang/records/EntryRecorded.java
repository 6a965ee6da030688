package org.yiwang.records;

/**
 * An item was added to a resident's shared health record (also as the replacement of a corrected one).
 *
 * @param critical a critical result (危急值) that must reach a clinician at once
 */
public record EntryRecorded(long entryId, long residentId, EntryKind kind, long organisationId, boolean critical) {
}

package org.yiwang.records;

import java.util.List;

/** The kinds of item in the shared health record; each has its own {@link EntryDetails} shape. */
public enum EntryKind {
    ENCOUNTER(EntryDetails.Encounter.class, "planned", "in-progress", "finished", "cancelled"),
    CONDITION(EntryDetails.Condition.class, "active", "recurrence", "relapse", "inactive", "remission", "resolved"),
    OBSERVATION(EntryDetails.Observation.class, "final", "preliminary", "amended"),
    DIAGNOSTIC_REPORT(EntryDetails.Report.class, "final", "preliminary", "amended"),
    MEDICATION_REQUEST(EntryDetails.MedicationRequest.class, "active", "completed", "stopped", "on-hold", "cancelled"),
    MEDICATION_DISPENSE(EntryDetails.MedicationDispense.class, "completed", "in-progress", "declined"),
    IMMUNIZATION(EntryDetails.Immunization.class, "completed", "not-done"),
    ALLERGY(EntryDetails.Allergy.class, "active", "inactive", "resolved"),
    PROCEDURE(EntryDetails.Procedure.class, "completed", "in-progress", "not-done"),
    DOCUMENT(EntryDetails.Document.class, "current", "superseded");

    private final Class<? extends EntryDetails> detailsType;
    private final List<String> statuses;

    EntryKind(Class<? extends EntryDetails> detailsType, String... statuses) {
        this.detailsType = detailsType;
        this.statuses = List.of(statuses);
    }

    /** The statuses an entry of this kind may have (FHIR R4 status codes); the first is the usual one. */
    public List<String> statuses() {
        return statuses;
    }

    /** The details record an entry of this kind carries. */
    public Class<? extends EntryDetails> detailsType() {
        return detailsType;
    }
}

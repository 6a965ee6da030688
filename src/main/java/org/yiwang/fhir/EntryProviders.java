package org.yiwang.fhir;

import java.util.List;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.records.EntryKind;
import org.yiwang.records.HealthRecord;

/** The clinical resource types offered over the shared record, one {@link EntryProvider} each. */
final class EntryProviders {

    private EntryProviders() {
    }

    static List<EntryProvider<?>> all(HealthRecord record, CurrentActor actor, FhirProperties properties) {
        return List.of(new Encounters(record, actor, properties),
                new Conditions(record, actor, properties),
                new Observations(record, actor, properties),
                new DiagnosticReports(record, actor, properties),
                new MedicationRequests(record, actor, properties),
                new Immunizations(record, actor, properties),
                new AllergyIntolerances(record, actor, properties),
                new Procedures(record, actor, properties),
                new DocumentReferences(record, actor, properties));
    }

    static final class Encounters extends EntryProvider<org.hl7.fhir.r4.model.Encounter> {
        Encounters(HealthRecord record, CurrentActor actor, FhirProperties properties) {
            super(org.hl7.fhir.r4.model.Encounter.class, EntryKind.ENCOUNTER, record, actor, properties);
        }
    }

    static final class Conditions extends EntryProvider<org.hl7.fhir.r4.model.Condition> {
        Conditions(HealthRecord record, CurrentActor actor, FhirProperties properties) {
            super(org.hl7.fhir.r4.model.Condition.class, EntryKind.CONDITION, record, actor, properties);
        }
    }

    static final class Observations extends EntryProvider<org.hl7.fhir.r4.model.Observation> {
        Observations(HealthRecord record, CurrentActor actor, FhirProperties properties) {
            super(org.hl7.fhir.r4.model.Observation.class, EntryKind.OBSERVATION, record, actor, properties);
        }
    }

    static final class DiagnosticReports extends EntryProvider<org.hl7.fhir.r4.model.DiagnosticReport> {
        DiagnosticReports(HealthRecord record, CurrentActor actor, FhirProperties properties) {
            super(org.hl7.fhir.r4.model.DiagnosticReport.class, EntryKind.DIAGNOSTIC_REPORT, record, actor, properties);
        }
    }

    static final class MedicationRequests extends EntryProvider<org.hl7.fhir.r4.model.MedicationRequest> {
        MedicationRequests(HealthRecord record, CurrentActor actor, FhirProperties properties) {
            super(org.hl7.fhir.r4.model.MedicationRequest.class, EntryKind.MEDICATION_REQUEST, record, actor, properties);
        }
    }

    static final class Immunizations extends EntryProvider<org.hl7.fhir.r4.model.Immunization> {
        Immunizations(HealthRecord record, CurrentActor actor, FhirProperties properties) {
            super(org.hl7.fhir.r4.model.Immunization.class, EntryKind.IMMUNIZATION, record, actor, properties);
        }
    }

    static final class AllergyIntolerances extends EntryProvider<org.hl7.fhir.r4.model.AllergyIntolerance> {
        AllergyIntolerances(HealthRecord record, CurrentActor actor, FhirProperties properties) {
            super(org.hl7.fhir.r4.model.AllergyIntolerance.class, EntryKind.ALLERGY, record, actor, properties);
        }
    }

    static final class Procedures extends EntryProvider<org.hl7.fhir.r4.model.Procedure> {
        Procedures(HealthRecord record, CurrentActor actor, FhirProperties properties) {
            super(org.hl7.fhir.r4.model.Procedure.class, EntryKind.PROCEDURE, record, actor, properties);
        }
    }

    static final class DocumentReferences extends EntryProvider<org.hl7.fhir.r4.model.DocumentReference> {
        DocumentReferences(HealthRecord record, CurrentActor actor, FhirProperties properties) {
            super(org.hl7.fhir.r4.model.DocumentReference.class, EntryKind.DOCUMENT, record, actor, properties);
        }
    }
}

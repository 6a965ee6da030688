package org.yiwang.records;

import java.time.LocalDate;
import java.util.List;

/**
 * What one kind of record entry holds beyond the fields every entry shares ({@link ClinicalEntry}). Stored as a JSON
 * document beside the entry's columns; the field names are part of the stored format, so rename with a migration.
 */
public sealed interface EntryDetails {

    /** How the resident met the care provider. */
    enum EncounterClass { OUTPATIENT, INPATIENT, EMERGENCY, ONLINE, HOME_VISIT }

    /**
     * A visit: code = the encounter class ({@link Coding#LOCAL}), effective = admission or start, ended = discharge.
     *
     * @param encounterClass outpatient, inpatient, emergency, online, home visit
     * @param department     department or clinic (科室), free text
     * @param reason         chief complaint or reason for the visit (主诉)
     * @param dischargeDisposition for inpatient stays: home, transferred, died, against advice… (free text)
     */
    record Encounter(EncounterClass encounterClass, String department, String reason, String dischargeDisposition)
            implements EntryDetails {
    }

    /** Role of a diagnosis within its encounter. */
    enum DiagnosisRole { PRIMARY, SECONDARY, ADMISSION, DISCHARGE, CHRONIC }

    /**
     * A diagnosis: code = ICD-10, status = clinical status (active, recurrence, resolved, inactive).
     *
     * @param role      primary, secondary, admission, discharge or a chronic problem
     * @param onsetDate when the condition began, if known
     * @param note      clinician's note
     */
    record Condition(DiagnosisRole role, LocalDate onsetDate, String note) implements EntryDetails {
    }

    /**
     * A part of a panel result, such as the systolic pressure of a blood-pressure reading.
     */
    record Component(Coding code, Quantity value, ReferenceRange range, Interpretation interpretation) {
    }

    /**
     * A vital sign or lab result: code = LOINC, value and reference range in the entry's columns.
     *
     * @param components the parts of a panel (blood pressure: systolic and diastolic); empty for a single value
     * @param specimen   specimen (血清, 全血, 尿), free text
     * @param method     how it was measured, free text
     */
    record Observation(List<Component> components, String specimen, String method) implements EntryDetails {
        public Observation {
            components = components == null ? List.of() : List.copyOf(components);
        }
    }

    /**
     * A diagnostic report: category (lab, imaging, ultrasound, ECG, pathology) in the entry, structured text here.
     *
     * @param findings          what was seen (检查所见)
     * @param conclusion        the conclusion or impression (诊断意见/结论)
     * @param resultEntryIds    observation entries that are this report's results
     * @param performerName     who performed or signed it, as printed on the report
     */
    record Report(String findings, String conclusion, List<Long> resultEntryIds, String performerName)
            implements EntryDetails {
        public Report {
            resultEntryIds = resultEntryIds == null ? List.of() : List.copyOf(resultEntryIds);
        }
    }

    /**
     * A prescription line: code = the drug; effective = start, ended = planned end.
     *
     * @param dose         one dose, such as 5 mg
     * @param route        route (口服, 静脉滴注)
     * @param frequency    how often (每日一次 / qd)
     * @param durationDays for how many days
     * @param quantity     amount prescribed (28 片)
     */
    record MedicationRequest(Quantity dose, String route, String frequency, Integer durationDays, Quantity quantity)
            implements EntryDetails {
    }

    /**
     * A dispense of a prescription: code = the drug handed out.
     *
     * @param prescriptionEntryId the medication request it fills, if recorded here
     * @param quantity            amount handed out
     * @param daysSupply          for how many days it lasts
     */
    record MedicationDispense(Long prescriptionEntryId, Quantity quantity, Integer daysSupply) implements EntryDetails {
    }

    /**
     * A vaccination: code = the vaccine.
     *
     * @param lotNumber    batch
     * @param manufacturer maker
     * @param doseNumber   dose in the series (1 for the first)
     * @param site         body site (左上臂)
     * @param route        route (肌内注射)
     */
    record Immunization(String lotNumber, String manufacturer, Integer doseNumber, String site, String route)
            implements EntryDetails {
    }

    enum AllergyCategory { MEDICATION, FOOD, ENVIRONMENT, BIOLOGIC }

    enum Criticality { LOW, HIGH, UNABLE_TO_ASSESS }

    /**
     * An allergy or intolerance: code = the substance; status = active, inactive, resolved.
     *
     * @param category    drug, food, environment, biologic
     * @param criticality risk of a severe reaction
     * @param reaction    what happened (皮疹, 过敏性休克)
     */
    record Allergy(AllergyCategory category, Criticality criticality, String reaction) implements EntryDetails {
    }

    /**
     * An operation or procedure: code = ICD-9-CM-3.
     *
     * @param bodySite where
     * @param outcome  result, free text
     */
    record Procedure(String bodySite, String outcome) implements EntryDetails {
    }

    /** One titled part of a clinical document (入院情况, 诊疗经过, 出院医嘱…). */
    record Section(String title, String text) {
    }

    /**
     * A clinical document such as a discharge summary: code = document type (LOINC).
     *
     * @param title    title as shown
     * @param sections the document's text, section by section
     */
    record Document(String title, List<Section> sections) implements EntryDetails {
        public Document {
            sections = sections == null ? List.of() : List.copyOf(sections);
        }
    }
}

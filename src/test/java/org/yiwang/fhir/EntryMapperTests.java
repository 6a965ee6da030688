package org.yiwang.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.yiwang.records.Attachment;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.Coding;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.EntryKind;
import org.yiwang.records.Interpretation;
import org.yiwang.records.NewEntry;
import org.yiwang.records.Quantity;
import org.yiwang.records.ReferenceRange;

/** Record entries to FHIR R4 and back (through JSON), kind by kind. */
class EntryMapperTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Instant AT = Instant.parse("2025-03-04T01:30:00Z");
    private static final Instant END = Instant.parse("2025-03-09T02:00:00Z");

    private static ClinicalEntry stored(EntryKind kind, Long encounter, Coding code, String category, String status,
            Instant ended, Quantity value, String valueText, ReferenceRange range, Interpretation flag,
            EntryDetails details, List<Attachment> attachments) {
        return new ClinicalEntry(77, 5001, kind, encounter, code, category, status, AT, ended, value, valueText, range,
                flag, null, details, 12, 34L, "urn:oid:1.2.3.his", "V-9", AT.plusSeconds(60), null, null, null, null,
                attachments);
    }

    @Test
    void aSensitiveEntryCarriesRestrictedConfidentialityAndItsSensitivityLabel() {
        ClinicalEntry hiv = new ClinicalEntry(78, 5001, EntryKind.OBSERVATION, null,
                new Coding(Coding.LOINC, "20447-9", "HIV-1 RNA病毒载量"), "laboratory", "final", AT, null,
                Quantity.of("4000", "{copies}/mL"), null, null, null, org.yiwang.records.SensitiveCategory.HIV,
                new EntryDetails.Observation(List.of(), "血浆", null), 12, null, null, null, AT, null, null, null, null,
                List.of());
        Resource resource = EntryMapper.toResource(hiv);
        assertThat(resource.getMeta().getSecurity()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly(EntryMapper.V3_CONFIDENTIALITY + "|R", EntryMapper.V3_ACT_CODE + "|HIV");
        assertThat(EntryMapper.toResource(stored(EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, "14749-6", "血糖"),
                "laboratory", "final", null, Quantity.of("5.1", "mmol/L"), null, null, null,
                new EntryDetails.Observation(List.of(), null, null), List.of())).getMeta().getSecurity()).isEmpty();
    }

    /** Out to a resource, to JSON and back, in again as a new entry of organisation 99. */
    private static NewEntry roundTrip(ClinicalEntry entry, String expectedType) {
        Resource resource = EntryMapper.toResource(entry);
        assertThat(resource.fhirType()).isEqualTo(expectedType);
        String json = FHIR.newJsonParser().encodeResourceToString(resource);
        Resource parsed = (Resource) FHIR.newJsonParser().parseResource(json);
        return EntryMapper.toEntry(parsed, EntryMapper.DIRECT, 99, null);
    }

    private static void assertCommon(NewEntry in, ClinicalEntry out) {
        assertThat(in.residentId()).isEqualTo(out.residentId());
        assertThat(in.kind()).isEqualTo(out.kind());
        assertThat(in.encounterId()).isEqualTo(out.encounterId());
        assertThat(in.code()).isEqualTo(out.code());
        assertThat(in.status()).isEqualTo(out.status());
        assertThat(in.effectiveAt()).isEqualTo(out.effectiveAt());
        assertThat(in.details()).isEqualTo(out.details());
        assertThat(in.authorPractitionerId()).isEqualTo(out.authorPractitionerId());
        assertThat(in.sourceSystem()).isEqualTo(out.sourceSystem());
        assertThat(in.sourceId()).isEqualTo(out.sourceId());
        assertThat(in.organisationId()).as("the token's organisation, never the body's").isEqualTo(99);
    }

    @Test
    void encounterKeepsClassPeriodDepartmentReasonAndDischargeDisposition() {
        ClinicalEntry e = stored(EntryKind.ENCOUNTER, null, new Coding(Coding.LOCAL, "INPATIENT", "住院"), null,
                "finished", END, null, null, null, null, new EntryDetails.Encounter(EntryDetails.EncounterClass.INPATIENT,
                        "心内科", "胸闷 3 天", "出院回家"), List.of());
        Encounter resource = (Encounter) EntryMapper.toResource(e);
        assertThat(resource.getClass_().getCode()).isEqualTo("IMP");
        assertThat(resource.getClass_().getSystem()).isEqualTo(EntryMapper.ACT_CODE);
        assertThat(resource.getSubject().getReference()).isEqualTo("Patient/5001");
        assertThat(resource.getServiceProvider().getReference()).isEqualTo("Organization/12");
        NewEntry in = roundTrip(e, "Encounter");
        assertCommon(in, e);
        assertThat(in.endedAt()).isEqualTo(END);
    }

    @Test
    void everyEncounterClassMapsToItsActCodeAndBack() {
        for (EntryDetails.EncounterClass c : EntryDetails.EncounterClass.values()) {
            ClinicalEntry e = stored(EntryKind.ENCOUNTER, null, new Coding(Coding.LOCAL, c.name(), "就诊"), null,
                    "finished", null, null, null, null, null, new EntryDetails.Encounter(c, null, null, null), List.of());
            assertThat(roundTrip(e, "Encounter").details()).isEqualTo(e.details());
        }
        assertThat(((Encounter) EntryMapper.toResource(stored(EntryKind.ENCOUNTER, null,
                new Coding(Coding.LOCAL, "ONLINE", "互联网诊疗"), null, "finished", null, null, null, null, null,
                new EntryDetails.Encounter(EntryDetails.EncounterClass.ONLINE, null, null, null), List.of())))
                .getClass_().getCode()).isEqualTo("VR");
    }

    @Test
    void conditionKeepsIcd10CodeClinicalStatusRoleOnsetAndNote() {
        ClinicalEntry e = stored(EntryKind.CONDITION, 70L, new Coding(Coding.ICD10, "I10", "原发性高血压"), null,
                "active", null, null, null, null, null, new EntryDetails.Condition(EntryDetails.DiagnosisRole.CHRONIC,
                        LocalDate.of(2019, 5, 1), "规律服药"), List.of());
        var resource = (org.hl7.fhir.r4.model.Condition) EntryMapper.toResource(e);
        assertThat(resource.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/icd-10");
        assertThat(resource.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("problem-list-item");
        assertThat(resource.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");
        assertCommon(roundTrip(e, "Condition"), e);
    }

    @Test
    void bloodPressurePanelKeepsComponentsWithUcumUnitsRangesAndFlags() {
        var components = List.of(
                new EntryDetails.Component(new Coding(Coding.LOINC, "8480-6", "收缩压"), Quantity.of("152", "mm[Hg]"),
                        new ReferenceRange(new BigDecimal("90"), new BigDecimal("139")), Interpretation.HIGH),
                new EntryDetails.Component(new Coding(Coding.LOINC, "8462-4", "舒张压"), Quantity.of("88", "mm[Hg]"),
                        new ReferenceRange(new BigDecimal("60"), new BigDecimal("89")), Interpretation.NORMAL));
        ClinicalEntry e = stored(EntryKind.OBSERVATION, 70L, new Coding(Coding.LOINC, "85354-9", "血压"), "vital-signs",
                "final", null, null, null, null, Interpretation.HIGH,
                new EntryDetails.Observation(components, null, "电子血压计"), List.of());
        Observation resource = (Observation) EntryMapper.toResource(e);
        assertThat(resource.getComponent()).hasSize(2);
        assertThat(resource.getComponentFirstRep().getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(resource.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
        assertThat(resource.getEncounter().getReference()).isEqualTo("Encounter/70");
        NewEntry in = roundTrip(e, "Observation");
        assertCommon(in, e);
        assertThat(in.category()).isEqualTo("vital-signs");
        assertThat(in.interpretation()).isEqualTo(Interpretation.HIGH);
    }

    @Test
    void labResultKeepsValueRangeAndInterpretation() {
        ClinicalEntry e = stored(EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, "14749-6", "血糖"), "laboratory",
                "final", null, Quantity.of("7.8", "mmol/L"), null,
                new ReferenceRange(new BigDecimal("3.9"), new BigDecimal("6.1")), Interpretation.HIGH,
                new EntryDetails.Observation(List.of(), "血清", null), List.of());
        Observation resource = (Observation) EntryMapper.toResource(e);
        assertThat(resource.getInterpretationFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation");
        NewEntry in = roundTrip(e, "Observation");
        assertCommon(in, e);
        assertThat(in.value()).isEqualTo(e.value());
        assertThat(in.range()).isEqualTo(e.range());
        assertThat(in.interpretation()).isEqualTo(Interpretation.HIGH);
    }

    @Test
    void textResultStaysText() {
        ClinicalEntry e = stored(EntryKind.OBSERVATION, null, new Coding(Coding.LOINC, "5804-0", "尿蛋白"), "laboratory",
                "final", null, null, "阴性", null, null, new EntryDetails.Observation(List.of(), "尿", null), List.of());
        assertThat(roundTrip(e, "Observation").valueText()).isEqualTo("阴性");
    }

    @Test
    void diagnosticReportKeepsCategoryFindingsConclusionResultsAndDescribesAttachments() {
        ClinicalEntry e = stored(EntryKind.DIAGNOSTIC_REPORT, 70L, new Coding(Coding.LOINC, "24627-2", "胸部 CT"),
                "IMAGING", "final", null, null, null, null, null,
                new EntryDetails.Report("双肺纹理增粗", "未见明显异常", List.of(81L, 82L), "李影像"),
                List.of(new Attachment(5, 77, "ct.pdf", "application/pdf", 1234, "00ff".repeat(16))));
        var resource = (org.hl7.fhir.r4.model.DiagnosticReport) EntryMapper.toResource(e);
        assertThat(resource.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("RAD");
        assertThat(resource.getPresentedFormFirstRep().getContentType()).isEqualTo("application/pdf");
        assertThat(resource.getPresentedFormFirstRep().getSize()).isEqualTo(1234);
        assertThat(resource.getPresentedFormFirstRep().getUrl()).isEqualTo("Binary/5");
        assertThat(resource.getPresentedFormFirstRep().hasData()).as("bytes are not in the record's entry").isFalse();
        assertThat(resource.getResult()).extracting(Reference::getReference).containsExactly("Observation/81", "Observation/82");
        resource.getPresentedForm().clear(); // a stored attachment goes out described; in, the bytes are required
        var in = EntryMapper.toEntry((Resource) FHIR.newJsonParser().parseResource(
                FHIR.newJsonParser().encodeResourceToString(resource)), EntryMapper.DIRECT, 99, null);
        assertCommon(in, e);
        assertThat(in.category()).isEqualTo("IMAGING");
    }

    @Test
    void medicationRequestKeepsDoseRouteFrequencyDurationAndQuantity() {
        ClinicalEntry e = stored(EntryKind.MEDICATION_REQUEST, 70L, new Coding(Coding.LOCAL, "amlodipine", "苯磺酸氨氯地平片"),
                null, "active", END, null, null, null, null, new EntryDetails.MedicationRequest(Quantity.of("5", "mg"),
                        "口服", "每日一次", 28, Quantity.of("28", "片")), List.of());
        var resource = (org.hl7.fhir.r4.model.MedicationRequest) EntryMapper.toResource(e);
        assertThat(resource.getDosageInstructionFirstRep().getText()).isEqualTo("5 mg 口服 每日一次");
        NewEntry in = roundTrip(e, "MedicationRequest");
        assertCommon(in, e);
        assertThat(in.endedAt()).isEqualTo(END);
    }

    @Test
    void immunizationKeepsVaccineLotManufacturerDoseSiteAndRoute() {
        ClinicalEntry e = stored(EntryKind.IMMUNIZATION, null, new Coding(Coding.VACCINE, "0201", "乙肝疫苗"), null,
                "completed", null, null, null, null, null,
                new EntryDetails.Immunization("B2025", "北京生物", 2, "右上臂", "肌内注射"), List.of());
        assertCommon(roundTrip(e, "Immunization"), e);
    }

    @Test
    void allergyKeepsCategoryCriticalityAndReaction() {
        for (EntryDetails.Criticality criticality : EntryDetails.Criticality.values()) {
            ClinicalEntry e = stored(EntryKind.ALLERGY, null, new Coding(Coding.LOCAL, "penicillin", "青霉素"), null,
                    "active", null, null, null, null, null, new EntryDetails.Allergy(
                            EntryDetails.AllergyCategory.MEDICATION, criticality, "皮疹"), List.of());
            assertCommon(roundTrip(e, "AllergyIntolerance"), e);
        }
    }

    @Test
    void procedureKeepsBodySiteOutcomeAndPeriod() {
        ClinicalEntry e = stored(EntryKind.PROCEDURE, 70L, new Coding(Coding.ICD9CM3, "47.09", "阑尾切除术"), null,
                "completed", END, null, null, null, null, new EntryDetails.Procedure("右下腹", "顺利"), List.of());
        NewEntry in = roundTrip(e, "Procedure");
        assertCommon(in, e);
        assertThat(in.endedAt()).isEqualTo(END);
    }

    @Test
    void documentSectionsTravelAsPlainTextAttachments() {
        ClinicalEntry e = stored(EntryKind.DOCUMENT, 70L, new Coding(Coding.LOINC, "18842-5", "出院小结"), null,
                "current", null, null, null, null, null, new EntryDetails.Document("出院小结", List.of(
                        new EntryDetails.Section("入院情况", "胸闷 3 天"), new EntryDetails.Section("出院医嘱", "低盐饮食"))),
                List.of());
        DocumentReference resource = (DocumentReference) EntryMapper.toResource(e);
        assertThat(resource.getContent()).hasSize(2);
        assertThat(new String(resource.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
                .isEqualTo("胸闷 3 天");
        assertCommon(roundTrip(e, "DocumentReference"), e);
    }

    @Test
    void refusesAnUnknownEncounterClassNamingTheElement() {
        Encounter encounter = new Encounter();
        encounter.setClass_(new org.hl7.fhir.r4.model.Coding(EntryMapper.ACT_CODE, "FLD", "field"));
        encounter.setSubject(new Reference("Patient/1"));
        assertThatThrownBy(() -> EntryMapper.toEntry(encounter, EntryMapper.DIRECT, 1, null))
                .isInstanceOfSatisfying(FhirInputException.class, e -> assertThat(e.expression()).isEqualTo("Encounter.class"));
    }

    @Test
    void refusesASubjectThatIsNotAPatientReference() {
        Observation observation = new Observation();
        observation.getCode().addCoding().setSystem(Coding.LOINC).setCode("14749-6");
        observation.setSubject(new Reference("Group/3"));
        assertThatThrownBy(() -> EntryMapper.toEntry(observation, EntryMapper.DIRECT, 1, null))
                .isInstanceOfSatisfying(FhirInputException.class, e -> assertThat(e.expression()).isEqualTo("Observation.subject"));
    }

    @Test
    void theClientsIdentifierBecomesTheSourcePairForIdempotentRetries() {
        Observation observation = new Observation();
        observation.addIdentifier().setSystem("urn:oid:1.2.3.lis").setValue("R-1");
        observation.getCode().addCoding().setSystem(Coding.LOINC).setCode("14749-6");
        observation.setSubject(new Reference("Patient/1"));
        NewEntry in = EntryMapper.toEntry(observation, EntryMapper.DIRECT, 1, null);
        assertThat(in.sourceSystem()).isEqualTo("urn:oid:1.2.3.lis");
        assertThat(in.sourceId()).isEqualTo("R-1");
    }
}

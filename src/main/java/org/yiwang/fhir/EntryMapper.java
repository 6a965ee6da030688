package org.yiwang.fhir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.StringType;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.Coding;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.EntryKind;
import org.yiwang.records.Interpretation;
import org.yiwang.records.NewAttachment;
import org.yiwang.records.NewEntry;
import org.yiwang.records.Quantity;
import org.yiwang.records.ReferenceRange;

/**
 * Entries of the shared health record as FHIR R4 clinical resources and back; pure (no Spring, no I/O).
 *
 * <p>Every resource: {@code subject} (or {@code patient}) = {@code Patient/{residentId}}, the author as a
 * {@code Practitioner/{id}} reference in the resource's own author element (performer, asserter, recorder,
 * requester…), the source organisation as the {@link #SOURCE_ORGANIZATION} extension (on create it is always the
 * API token's organisation, never the body's), the sender's id of the item as {@code identifier} (system|value =
 * sourceSystem|sourceId: a retry with the same identifier stores nothing new), the encounter as
 * {@code Encounter/{entryId}}.
 *
 * <p>The kinds: encounter ↔ Encounter, condition ↔ Condition, observation ↔ Observation, diagnostic report ↔
 * DiagnosticReport, medication request ↔ MedicationRequest, immunization ↔ Immunization, allergy ↔
 * AllergyIntolerance, procedure ↔ Procedure, document ↔ DocumentReference. Medication dispenses are not offered.
 */
final class EntryMapper {

    static final String BINARY = "Binary/";
    static final String SOURCE_ORGANIZATION = "https://yiwang.org/fhir/StructureDefinition/source-organization";
    static final String DIAGNOSIS_ROLE = "https://yiwang.org/fhir/StructureDefinition/diagnosis-role";
    static final String REPORT_FINDINGS = "https://yiwang.org/fhir/StructureDefinition/report-findings";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    static final String REPORT_CATEGORY = "http://terminology.hl7.org/CodeSystem/v2-0074";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final Map<EntryDetails.EncounterClass, String> CLASS_CODES = Map.of(
            EntryDetails.EncounterClass.OUTPATIENT, "AMB", EntryDetails.EncounterClass.INPATIENT, "IMP",
            EntryDetails.EncounterClass.EMERGENCY, "EMER", EntryDetails.EncounterClass.ONLINE, "VR",
            EntryDetails.EncounterClass.HOME_VISIT, "HH");
    private static final Map<EntryDetails.EncounterClass, String> CLASS_NAMES = Map.of(
            EntryDetails.EncounterClass.OUTPATIENT, "门诊", EntryDetails.EncounterClass.INPATIENT, "住院",
            EntryDetails.EncounterClass.EMERGENCY, "急诊", EntryDetails.EncounterClass.ONLINE, "互联网诊疗",
            EntryDetails.EncounterClass.HOME_VISIT, "家庭访视");
    private static final Map<String, String> REPORT_CODES = Map.of("LAB", "LAB", "IMAGING", "RAD",
            "ULTRASOUND", "RUS", "ECG", "EC", "PATHOLOGY", "SP");

    private EntryMapper() {
    }

    /** The resource type of an entry kind, or null when the kind is not offered over FHIR. */
    static String resourceType(EntryKind kind) {
        return switch (kind) {
            case ENCOUNTER -> "Encounter";
            case CONDITION -> "Condition";
            case OBSERVATION -> "Observation";
            case DIAGNOSTIC_REPORT -> "DiagnosticReport";
            case MEDICATION_REQUEST -> "MedicationRequest";
            case IMMUNIZATION -> "Immunization";
            case ALLERGY -> "AllergyIntolerance";
            case PROCEDURE -> "Procedure";
            case DOCUMENT -> "DocumentReference";
            case MEDICATION_DISPENSE -> null;
        };
    }

    /** The entry kind of a resource type, or null. */
    static EntryKind kind(String resourceType) {
        for (EntryKind kind : EntryKind.values()) {
            if (resourceType.equals(resourceType(kind))) {
                return kind;
            }
        }
        return null;
    }

    /** How references of an incoming resource become ids: {@code Type/id} directly, {@code urn:uuid:} in a bundle. */
    interface References {

        /** The resident; throws {@link FhirInputException} naming {@code path} when it is missing or not a Patient. */
        long patient(Reference reference, String path);

        /** An entry of the given resource type (Encounter, Observation), or null when the reference is empty. */
        Long entry(Reference reference, String resourceType, String path);

        /** A practitioner, or null when the reference is empty or only a display. */
        Long practitioner(Reference reference, String path);
    }

    /** References written {@code Type/id} (a single create or update). */
    static final References DIRECT = new References() {
        @Override
        public long patient(Reference reference, String path) {
            Long id = id(reference, "Patient", path);
            if (id == null) {
                throw new FhirInputException(path, "A reference to the Patient is required (Patient/{id}).");
            }
            return id;
        }

        @Override
        public Long entry(Reference reference, String resourceType, String path) {
            return id(reference, resourceType, path);
        }

        @Override
        public Long practitioner(Reference reference, String path) {
            return id(reference, "Practitioner", path);
        }
    };

    /** The id of a {@code Type/id} reference (also absolute URLs ending so), null when there is no reference. */
    static Long id(Reference reference, String resourceType, String path) {
        if (reference == null || !reference.hasReference()) {
            return null;
        }
        String text = reference.getReference().strip();
        int slash = text.lastIndexOf('/');
        int before = slash <= 0 ? -1 : text.lastIndexOf('/', slash - 1);
        String type = slash <= 0 ? "" : text.substring(before + 1, slash);
        String id = slash < 0 ? "" : text.substring(slash + 1);
        if (!type.equals(resourceType) || !id.matches("[0-9]{1,18}")) {
            throw new FhirInputException(path, "Expected a reference " + resourceType + "/{id}, not '" + text + "'.");
        }
        return Long.parseLong(id);
    }

    // ------------------------------------------------------------------------------------------------ out

    /** The entry as its FHIR resource ({@link #resourceType}); null for a kind not offered. */
    static Resource toResource(ClinicalEntry e) {
        Resource resource = switch (e.kind()) {
            case ENCOUNTER -> encounter(e);
            case CONDITION -> condition(e);
            case OBSERVATION -> observation(e);
            case DIAGNOSTIC_REPORT -> report(e);
            case MEDICATION_REQUEST -> medicationRequest(e);
            case IMMUNIZATION -> immunization(e);
            case ALLERGY -> allergy(e);
            case PROCEDURE -> procedure(e);
            case DOCUMENT -> document(e);
            case MEDICATION_DISPENSE -> null;
        };
        if (resource == null) {
            return null;
        }
        resource.setId(Long.toString(e.id()));
        resource.getMeta().setLastUpdated(date(e.recordedAt()));
        if (e.sourceSystem() != null) {
            resource.getMeta().setSource(e.sourceSystem() + "#" + e.sourceId());
        }
        ((org.hl7.fhir.r4.model.DomainResource) resource).addExtension(SOURCE_ORGANIZATION,
                new Reference("Organization/" + e.organisationId()));
        if (e.sensitivity() != null) {
            // HL7 security labels, so that a receiving system protects the item as we do: restricted, and why
            resource.getMeta().addSecurity(V3_CONFIDENTIALITY, "R", "restricted");
            resource.getMeta().addSecurity(V3_ACT_CODE, switch (e.sensitivity()) {
                case MENTAL_HEALTH -> "PSY";
                case HIV -> "HIV";
                case REPRODUCTIVE -> "SEX";
            }, switch (e.sensitivity()) {
                case MENTAL_HEALTH -> "psychiatry information sensitivity";
                case HIV -> "HIV/AIDS information sensitivity";
                case REPRODUCTIVE -> "sexuality and reproductive health information sensitivity";
            });
        }
        return resource;
    }

    static final String V3_CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    static final String V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private static List<Identifier> identifier(ClinicalEntry e) {
        return e.sourceSystem() == null ? List.of()
                : List.of(new Identifier().setSystem(e.sourceSystem()).setValue(e.sourceId()));
    }

    private static Reference patient(ClinicalEntry e) {
        return new Reference("Patient/" + e.residentId());
    }

    private static Reference practitioner(Long id) {
        return id == null ? null : new Reference("Practitioner/" + id);
    }

    private static Reference encounterOf(ClinicalEntry e) {
        return e.encounterId() == null ? null : new Reference("Encounter/" + e.encounterId());
    }

    private static CodeableConcept concept(Coding code) {
        return new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(code.system(), code.code(),
                code.display())).setText(code.display());
    }

    private static CodeableConcept text(String text) {
        return text == null ? null : new CodeableConcept().setText(text);
    }

    private static Encounter encounter(ClinicalEntry e) {
        EntryDetails.Encounter d = e.details(EntryDetails.Encounter.class);
        Encounter r = new Encounter();
        r.setIdentifier(new ArrayList<>(identifier(e)));
        r.setStatus(Encounter.EncounterStatus.fromCode(e.status()));
        if (d.encounterClass() != null) {
            r.setClass_(new org.hl7.fhir.r4.model.Coding(ACT_CODE, CLASS_CODES.get(d.encounterClass()),
                    CLASS_NAMES.get(d.encounterClass())));
        }
        r.addType(concept(e.code()));
        r.setSubject(patient(e));
        r.setPeriod(new Period().setStart(date(e.effectiveAt())).setEnd(date(e.endedAt())));
        r.setServiceType(text(d.department()));
        if (d.reason() != null) {
            r.addReasonCode(text(d.reason()));
        }
        if (d.dischargeDisposition() != null) {
            r.getHospitalization().setDischargeDisposition(text(d.dischargeDisposition()));
        }
        if (e.authorPractitionerId() != null) {
            r.addParticipant().setIndividual(practitioner(e.authorPractitionerId()));
        }
        r.setServiceProvider(new Reference("Organization/" + e.organisationId()));
        return r;
    }

    private static org.hl7.fhir.r4.model.Condition condition(ClinicalEntry e) {
        EntryDetails.Condition d = e.details(EntryDetails.Condition.class);
        var r = new org.hl7.fhir.r4.model.Condition();
        r.setIdentifier(new ArrayList<>(identifier(e)));
        r.setClinicalStatus(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(CONDITION_CLINICAL,
                e.status(), null)));
        boolean problem = d.role() == EntryDetails.DiagnosisRole.CHRONIC;
        r.addCategory(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(CONDITION_CATEGORY,
                problem ? "problem-list-item" : "encounter-diagnosis", null)));
        if (d.role() != null) {
            r.addExtension(DIAGNOSIS_ROLE, new CodeType(d.role().name().toLowerCase(Locale.ROOT)));
        }
        r.setCode(concept(e.code()));
        r.setSubject(patient(e));
        r.setEncounter(encounterOf(e));
        if (d.onsetDate() != null) {
            r.setOnset(new DateTimeType(d.onsetDate().toString()));
        }
        r.setRecordedDateElement(dateTime(e.effectiveAt()));
        if (e.endedAt() != null) {
            r.setAbatement(dateTime(e.endedAt()));
        }
        r.setAsserter(practitioner(e.authorPractitionerId()));
        if (d.note() != null) {
            r.addNote().setText(d.note());
        }
        return r;
    }

    private static Observation observation(ClinicalEntry e) {
        EntryDetails.Observation d = e.details(EntryDetails.Observation.class);
        Observation r = new Observation();
        r.setIdentifier(new ArrayList<>(identifier(e)));
        r.setStatus(Observation.ObservationStatus.fromCode(e.status()));
        if (e.category() != null) {
            r.addCategory(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(OBSERVATION_CATEGORY,
                    e.category(), null)));
        }
        r.setCode(concept(e.code()));
        r.setSubject(patient(e));
        r.setEncounter(encounterOf(e));
        r.setEffective(dateTime(e.effectiveAt()));
        r.setIssued(date(e.recordedAt()));
        if (e.authorPractitionerId() != null) {
            r.addPerformer(practitioner(e.authorPractitionerId()));
        }
        if (e.value() != null) {
            r.setValue(quantity(e.value()));
        } else if (e.valueText() != null) {
            r.setValue(new StringType(e.valueText()));
        }
        if (e.interpretation() != null) {
            r.addInterpretation(interpretation(e.interpretation()));
        }
        range(e.range(), e.value() == null ? null : e.value().unit(), r.getReferenceRange());
        if (d.specimen() != null) {
            r.setSpecimen(new Reference().setDisplay(d.specimen()));
        }
        r.setMethod(text(d.method()));
        for (EntryDetails.Component c : d.components()) {
            var component = r.addComponent().setCode(concept(c.code())).setValue(quantity(c.value()));
            if (c.interpretation() != null) {
                component.addInterpretation(interpretation(c.interpretation()));
            }
            range(c.range(), c.value().unit(), component.getReferenceRange());
        }
        return r;
    }

    private static void range(ReferenceRange range, String unit,
            List<Observation.ObservationReferenceRangeComponent> target) {
        if (range == null || range.isEmpty()) {
            return;
        }
        var component = new Observation.ObservationReferenceRangeComponent();
        if (range.low() != null) {
            component.setLow(simple(range.low(), unit));
        }
        if (range.high() != null) {
            component.setHigh(simple(range.high(), unit));
        }
        target.add(component);
    }

    private static SimpleQuantity simple(BigDecimal value, String unit) {
        SimpleQuantity q = new SimpleQuantity();
        q.setValue(value);
        if (unit != null) {
            q.setUnit(unit).setSystem(UCUM).setCode(unit);
        }
        return q;
    }

    private static org.hl7.fhir.r4.model.Quantity quantity(Quantity value) {
        return value == null ? null : new org.hl7.fhir.r4.model.Quantity().setValue(value.value())
                .setUnit(value.unit()).setSystem(UCUM).setCode(value.unit());
    }

    private static CodeableConcept interpretation(Interpretation interpretation) {
        return new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(INTERPRETATION,
                interpretation.code(), null));
    }

    private static DiagnosticReport report(ClinicalEntry e) {
        EntryDetails.Report d = e.details(EntryDetails.Report.class);
        DiagnosticReport r = new DiagnosticReport();
        r.setIdentifier(new ArrayList<>(identifier(e)));
        r.setStatus(DiagnosticReport.DiagnosticReportStatus.fromCode(e.status()));
        if (e.category() != null) {
            r.addCategory(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(REPORT_CATEGORY,
                    REPORT_CODES.getOrDefault(e.category(), e.category()), null)).setText(e.category()));
        }
        r.setCode(concept(e.code()));
        r.setSubject(patient(e));
        r.setEncounter(encounterOf(e));
        r.setEffective(dateTime(e.effectiveAt()));
        r.setIssued(date(e.recordedAt()));
        if (e.authorPractitionerId() != null || d.performerName() != null) {
            Reference performer = e.authorPractitionerId() == null ? new Reference()
                    : practitioner(e.authorPractitionerId());
            r.addPerformer(performer.setDisplay(d.performerName()));
        }
        if (d.findings() != null) {
            r.addExtension(REPORT_FINDINGS, new StringType(d.findings()));
        }
        r.setConclusion(d.conclusion());
        d.resultEntryIds().forEach(id -> r.addResult(new Reference("Observation/" + id)));
        e.attachments().forEach(a -> r.addPresentedForm(attachment(a)));
        return r;
    }

    /** A kept file as an attachment that points to its bytes ({@code Binary/{id}}); see {@link #inline}. */
    private static Attachment attachment(org.yiwang.records.Attachment a) {
        Attachment attachment = new Attachment().setContentType(a.contentType()).setTitle(a.title())
                .setSize(a.sizeBytes()).setUrl(BINARY + a.id());
        attachment.setHash(java.util.HexFormat.of().parseHex(a.sha256Hex()));
        return attachment;
    }

    /** Puts the bytes of the given files inline ({@code data}) beside their {@code Binary/{id}} url. */
    static void inline(Resource resource, java.util.Map<Long, byte[]> contentById) {
        for (Attachment a : attachments(resource)) {
            if (a.hasUrl() && a.getUrl().startsWith(BINARY)) {
                byte[] bytes = contentById.get(Long.parseLong(a.getUrl().substring(BINARY.length())));
                if (bytes != null) {
                    a.setData(bytes);
                }
            }
        }
    }

    private static List<Attachment> attachments(Resource resource) {
        return switch (resource) {
            case DiagnosticReport r -> r.getPresentedForm();
            case DocumentReference r -> r.getContent().stream()
                    .map(DocumentReference.DocumentReferenceContentComponent::getAttachment).toList();
            default -> List.of();
        };
    }

    /** A kept file as a Binary resource. */
    static org.hl7.fhir.r4.model.Binary binary(org.yiwang.records.AttachmentContent content) {
        org.yiwang.records.Attachment a = content.attachment();
        org.hl7.fhir.r4.model.Binary binary = new org.hl7.fhir.r4.model.Binary();
        binary.setId(new org.hl7.fhir.r4.model.IdType("Binary", Long.toString(a.id())));
        binary.setContentType(a.contentType());
        binary.setData(content.content());
        return binary;
    }

    private static MedicationRequest medicationRequest(ClinicalEntry e) {
        EntryDetails.MedicationRequest d = e.details(EntryDetails.MedicationRequest.class);
        MedicationRequest r = new MedicationRequest();
        r.setIdentifier(new ArrayList<>(identifier(e)));
        r.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(e.status()));
        r.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        r.setMedication(concept(e.code()));
        r.setSubject(patient(e));
        r.setEncounter(encounterOf(e));
        r.setAuthoredOnElement(dateTime(e.effectiveAt()));
        r.setRequester(practitioner(e.authorPractitionerId()));
        Dosage dosage = r.addDosageInstruction();
        List<String> text = new ArrayList<>();
        if (d.dose() != null) {
            dosage.addDoseAndRate().setDose(simple(d.dose().value(), d.dose().unit()));
            text.add(d.dose().value().toPlainString() + " " + d.dose().unit());
        }
        if (d.route() != null) {
            dosage.setRoute(text(d.route()));
            text.add(d.route());
        }
        if (d.frequency() != null) {
            dosage.getTiming().setCode(text(d.frequency()));
            text.add(d.frequency());
        }
        if (!text.isEmpty()) {
            dosage.setText(String.join(" ", text));
        }
        var dispense = r.getDispenseRequest();
        dispense.setValidityPeriod(new Period().setStart(date(e.effectiveAt())).setEnd(date(e.endedAt())));
        if (d.quantity() != null) {
            dispense.setQuantity(simple(d.quantity().value(), d.quantity().unit()));
        }
        if (d.durationDays() != null) {
            dispense.setExpectedSupplyDuration((Duration) new Duration().setValue(d.durationDays()).setUnit("d")
                    .setSystem(UCUM).setCode("d"));
        }
        return r;
    }

    private static Immunization immunization(ClinicalEntry e) {
        EntryDetails.Immunization d = e.details(EntryDetails.Immunization.class);
        Immunization r = new Immunization();
        r.setIdentifier(new ArrayList<>(identifier(e)));
        r.setStatus(Immunization.ImmunizationStatus.fromCode(e.status()));
        r.setVaccineCode(concept(e.code()));
        r.setPatient(patient(e));
        r.setEncounter(encounterOf(e));
        r.setOccurrence(dateTime(e.effectiveAt()));
        r.setLotNumber(d.lotNumber());
        if (d.manufacturer() != null) {
            r.setManufacturer(new Reference().setDisplay(d.manufacturer()));
        }
        if (d.doseNumber() != null) {
            r.addProtocolApplied().setDoseNumber(new PositiveIntType(d.doseNumber()));
        }
        r.setSite(text(d.site()));
        r.setRoute(text(d.route()));
        if (e.authorPractitionerId() != null) {
            r.addPerformer().setActor(practitioner(e.authorPractitionerId()));
        }
        return r;
    }

    private static AllergyIntolerance allergy(ClinicalEntry e) {
        EntryDetails.Allergy d = e.details(EntryDetails.Allergy.class);
        AllergyIntolerance r = new AllergyIntolerance();
        r.setIdentifier(new ArrayList<>(identifier(e)));
        r.setClinicalStatus(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(ALLERGY_CLINICAL,
                e.status(), null)));
        if (d.category() != null) {
            r.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.fromCode(
                    d.category().name().toLowerCase(Locale.ROOT)));
        }
        if (d.criticality() != null) {
            r.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.fromCode(
                    d.criticality().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
        r.setCode(concept(e.code()));
        r.setPatient(patient(e));
        r.setEncounter(encounterOf(e));
        r.setOnset(dateTime(e.effectiveAt()));
        r.setRecorder(practitioner(e.authorPractitionerId()));
        if (d.reaction() != null) {
            r.addReaction().addManifestation(text(d.reaction()));
        }
        return r;
    }

    private static Procedure procedure(ClinicalEntry e) {
        EntryDetails.Procedure d = e.details(EntryDetails.Procedure.class);
        Procedure r = new Procedure();
        r.setIdentifier(new ArrayList<>(identifier(e)));
        r.setStatus(Procedure.ProcedureStatus.fromCode(e.status()));
        r.setCode(concept(e.code()));
        r.setSubject(patient(e));
        r.setEncounter(encounterOf(e));
        if (e.endedAt() == null) {
            r.setPerformed(dateTime(e.effectiveAt()));
        } else {
            r.setPerformed(new Period().setStart(date(e.effectiveAt())).setEnd(date(e.endedAt())));
        }
        if (d.bodySite() != null) {
            r.addBodySite(text(d.bodySite()));
        }
        r.setOutcome(text(d.outcome()));
        if (e.authorPractitionerId() != null) {
            r.addPerformer().setActor(practitioner(e.authorPractitionerId()));
        }
        return r;
    }

    private static DocumentReference document(ClinicalEntry e) {
        EntryDetails.Document d = e.details(EntryDetails.Document.class);
        DocumentReference r = new DocumentReference();
        r.setIdentifier(new ArrayList<>(identifier(e)));
        r.setStatus(Enumerations.DocumentReferenceStatus.fromCode(e.status()));
        r.setType(concept(e.code()));
        r.setSubject(patient(e));
        r.setDate(date(e.effectiveAt()));
        r.setDescription(d.title());
        if (e.authorPractitionerId() != null) {
            r.addAuthor(practitioner(e.authorPractitionerId()));
        }
        if (e.encounterId() != null) {
            r.getContext().addEncounter(encounterOf(e));
        }
        for (EntryDetails.Section s : d.sections()) {
            r.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                    .setTitle(s.title()).setData(s.text().getBytes(StandardCharsets.UTF_8)));
        }
        e.attachments().forEach(a -> r.addContent().setAttachment(attachment(a)));
        return r;
    }

    // ------------------------------------------------------------------------------------------------- in

    /**
     * A resource as a new entry of the organisation {@code organisationId} (the API token's; never taken from the
     * body). Validation of the values is the record's ({@link org.yiwang.records.HealthRecord}); this only reads
     * the resource's shape and names the element it cannot read.
     *
     * @param fallbackSource the sender's id of the item when the resource has no identifier (a bundle entry's
     *                       fullUrl), or null
     */
    static NewEntry toEntry(Resource resource, References refs, long organisationId, Identifier fallbackSource) {
        String type = resource.fhirType();
        return switch (resource) {
            case Encounter r -> encounterIn(r, refs, organisationId, source(r.getIdentifier(), fallbackSource, type));
            case org.hl7.fhir.r4.model.Condition r -> conditionIn(r, refs, organisationId,
                    source(r.getIdentifier(), fallbackSource, type));
            case Observation r -> observationIn(r, refs, organisationId, source(r.getIdentifier(), fallbackSource, type));
            case DiagnosticReport r -> reportIn(r, refs, organisationId, source(r.getIdentifier(), fallbackSource, type));
            case MedicationRequest r -> medicationIn(r, refs, organisationId,
                    source(r.getIdentifier(), fallbackSource, type));
            case Immunization r -> immunizationIn(r, refs, organisationId,
                    source(r.getIdentifier(), fallbackSource, type));
            case AllergyIntolerance r -> allergyIn(r, refs, organisationId,
                    source(r.getIdentifier(), fallbackSource, type));
            case Procedure r -> procedureIn(r, refs, organisationId, source(r.getIdentifier(), fallbackSource, type));
            case DocumentReference r -> documentIn(r, refs, organisationId,
                    source(r.getIdentifier(), fallbackSource, type));
            default -> throw new FhirInputException(type, "This server does not record " + type + " resources.");
        };
    }

    private static Identifier source(List<Identifier> identifiers, Identifier fallback, String type) {
        for (Identifier identifier : identifiers) {
            if (identifier.hasSystem() && identifier.hasValue()) {
                return identifier;
            }
        }
        if (!identifiers.isEmpty()) {
            throw new FhirInputException(type + ".identifier", "An identifier needs both a system and a value.");
        }
        return fallback;
    }

    private static NewEntry entry(long residentId, EntryKind kind, Long encounterId, Coding code, String category,
            String status, Instant effective, Instant ended, Quantity value, String valueText, ReferenceRange range,
            Interpretation interpretation, EntryDetails details, long organisationId, Long author, Identifier source,
            List<NewAttachment> attachments) {
        return new NewEntry(residentId, kind, encounterId, code, category, status, effective, ended, value, valueText,
                range, interpretation, details, organisationId, author,
                source == null ? null : source.getSystem(), source == null ? null : source.getValue(), attachments);
    }

    private static NewEntry encounterIn(Encounter r, References refs, long org, Identifier source) {
        EntryDetails.EncounterClass encounterClass = null;
        if (r.hasClass_()) {
            for (var entry : CLASS_CODES.entrySet()) {
                if (entry.getValue().equals(r.getClass_().getCode())) {
                    encounterClass = entry.getKey();
                }
            }
            if (encounterClass == null) {
                throw new FhirInputException("Encounter.class", "Encounter class must be one of AMB, IMP, EMER, VR, "
                        + "HH (" + ACT_CODE + "), not '" + r.getClass_().getCode() + "'.");
            }
        }
        Coding code;
        if (encounterClass == null) {
            code = new Coding(Coding.LOCAL, "", "");
        } else {
            String display = CLASS_NAMES.get(encounterClass);
            for (CodeableConcept type : r.getType()) {
                if (type.hasText()) {
                    display = type.getText();
                }
            }
            code = new Coding(Coding.LOCAL, encounterClass.name(), display);
        }
        Long author = null;
        for (var participant : r.getParticipant()) {
            if (author == null && participant.hasIndividual()) {
                author = refs.practitioner(participant.getIndividual(), "Encounter.participant.individual");
            }
        }
        var details = new EntryDetails.Encounter(encounterClass, textOf(r.getServiceType()),
                r.hasReasonCode() ? textOf(r.getReasonCodeFirstRep()) : null,
                r.hasHospitalization() ? textOf(r.getHospitalization().getDischargeDisposition()) : null);
        return entry(refs.patient(r.getSubject(), "Encounter.subject"), EntryKind.ENCOUNTER, null, code, null,
                r.hasStatus() ? r.getStatus().toCode() : null, instant(r.getPeriod().getStart()),
                instant(r.getPeriod().getEnd()), null, null, null, null, details, org, author, source, List.of());
    }

    private static NewEntry conditionIn(org.hl7.fhir.r4.model.Condition r, References refs, long org,
            Identifier source) {
        EntryDetails.DiagnosisRole role = null;
        var extension = r.getExtensionByUrl(DIAGNOSIS_ROLE);
        if (extension != null && extension.getValue() != null) {
            try {
                role = EntryDetails.DiagnosisRole.valueOf(extension.getValue().primitiveValue().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new FhirInputException("Condition.extension('" + DIAGNOSIS_ROLE + "')", "Diagnosis role must be "
                        + "primary, secondary, admission, discharge or chronic.");
            }
        } else if (r.getCategory().stream().anyMatch(c -> c.hasCoding(CONDITION_CATEGORY, "problem-list-item"))) {
            role = EntryDetails.DiagnosisRole.CHRONIC;
        }
        LocalDate onset = null;
        if (r.hasOnsetDateTimeType()) {
            onset = LocalDate.ofInstant(r.getOnsetDateTimeType().getValue().toInstant(), CHINA);
        }
        Instant effective = r.hasRecordedDate() ? instant(r.getRecordedDate())
                : r.hasOnsetDateTimeType() ? instant(r.getOnsetDateTimeType().getValue()) : null;
        Instant ended = r.hasAbatementDateTimeType() ? instant(r.getAbatementDateTimeType().getValue()) : null;
        var details = new EntryDetails.Condition(role, onset, r.hasNote() ? r.getNoteFirstRep().getText() : null);
        return entry(refs.patient(r.getSubject(), "Condition.subject"), EntryKind.CONDITION,
                refs.entry(r.getEncounter(), "Encounter", "Condition.encounter"),
                coding(r.getCode(), Coding.ICD10, "Condition.code"), null,
                r.hasClinicalStatus() ? r.getClinicalStatus().getCodingFirstRep().getCode() : "active",
                effective, ended, null, null, null, null, details, org,
                refs.practitioner(r.getAsserter(), "Condition.asserter"), source, List.of());
    }

    private static NewEntry observationIn(Observation r, References refs, long org, Identifier source) {
        String category = null;
        for (CodeableConcept c : r.getCategory()) {
            for (var coding : c.getCoding()) {
                if (OBSERVATION_CATEGORY.equals(coding.getSystem())) {
                    category = coding.getCode();
                }
            }
        }
        Quantity value = null;
        String valueText = null;
        if (r.hasValueQuantity()) {
            value = quantityIn(r.getValueQuantity(), "Observation.valueQuantity");
        } else if (r.hasValueStringType()) {
            valueText = r.getValueStringType().getValue();
        } else if (r.hasValue()) {
            throw new FhirInputException("Observation.value[x]", "An Observation's value is a valueQuantity or a "
                    + "valueString.");
        }
        List<EntryDetails.Component> components = new ArrayList<>();
        for (int i = 0; i < r.getComponent().size(); i++) {
            var c = r.getComponent().get(i);
            String path = "Observation.component[" + i + "]";
            if (!c.hasValueQuantity()) {
                throw new FhirInputException(path + ".valueQuantity", "Each component needs a valueQuantity.");
            }
            Quantity componentValue = quantityIn(c.getValueQuantity(), path + ".valueQuantity");
            components.add(new EntryDetails.Component(coding(c.getCode(), Coding.LOINC, path + ".code"), componentValue,
                    rangeIn(c.getReferenceRange()), interpretationIn(c.getInterpretation(), path + ".interpretation")));
        }
        Long author = null;
        for (Reference performer : r.getPerformer()) {
            if (author == null && performer.getReference() != null && performer.getReference().contains("Practitioner")) {
                author = refs.practitioner(performer, "Observation.performer");
            }
        }
        Instant effective = r.hasEffectiveDateTimeType() ? instant(r.getEffectiveDateTimeType().getValue())
                : r.hasEffectivePeriod() ? instant(r.getEffectivePeriod().getStart()) : null;
        var details = new EntryDetails.Observation(components,
                r.hasSpecimen() ? r.getSpecimen().getDisplay() : null, textOf(r.getMethod()));
        return entry(refs.patient(r.getSubject(), "Observation.subject"), EntryKind.OBSERVATION,
                refs.entry(r.getEncounter(), "Encounter", "Observation.encounter"),
                coding(r.getCode(), Coding.LOINC, "Observation.code"), category,
                r.hasStatus() ? r.getStatus().toCode() : null, effective, null, value, valueText,
                rangeIn(r.getReferenceRange()), interpretationIn(r.getInterpretation(), "Observation.interpretation"),
                details, org, author, source, List.of());
    }

    private static NewEntry reportIn(DiagnosticReport r, References refs, long org, Identifier source) {
        String category = null;
        for (CodeableConcept c : r.getCategory()) {
            for (var coding : c.getCoding()) {
                for (var entry : REPORT_CODES.entrySet()) {
                    if (entry.getValue().equals(coding.getCode())) {
                        category = entry.getKey();
                    }
                }
            }
            if (category == null && c.hasText() && REPORT_CODES.containsKey(c.getText())) {
                category = c.getText();
            }
        }
        List<Long> results = new ArrayList<>();
        for (int i = 0; i < r.getResult().size(); i++) {
            results.add(refs.entry(r.getResult().get(i), "Observation", "DiagnosticReport.result[" + i + "]"));
        }
        Long author = null;
        String performerName = null;
        for (Reference performer : r.getPerformer()) {
            if (author == null && performer.hasReference()) {
                author = refs.practitioner(performer, "DiagnosticReport.performer");
            }
            if (performerName == null && performer.hasDisplay()) {
                performerName = performer.getDisplay();
            }
        }
        var findings = r.getExtensionByUrl(REPORT_FINDINGS);
        var details = new EntryDetails.Report(findings == null ? null : findings.getValue().primitiveValue(),
                r.getConclusion(), results, performerName);
        List<NewAttachment> attachments = new ArrayList<>();
        for (int i = 0; i < r.getPresentedForm().size(); i++) {
            attachments.add(attachmentIn(r.getPresentedForm().get(i), "DiagnosticReport.presentedForm[" + i + "]"));
        }
        Instant effective = r.hasEffectiveDateTimeType() ? instant(r.getEffectiveDateTimeType().getValue())
                : r.hasEffectivePeriod() ? instant(r.getEffectivePeriod().getStart()) : instant(r.getIssued());
        return entry(refs.patient(r.getSubject(), "DiagnosticReport.subject"), EntryKind.DIAGNOSTIC_REPORT,
                refs.entry(r.getEncounter(), "Encounter", "DiagnosticReport.encounter"),
                coding(r.getCode(), null, "DiagnosticReport.code"), category,
                r.hasStatus() ? r.getStatus().toCode() : null, effective, null, null, null, null, null, details, org,
                author, source, attachments);
    }

    private static NewAttachment attachmentIn(Attachment a, String path) {
        if (!a.hasData()) {
            throw new FhirInputException(path + ".data", "Send the attachment's bytes in 'data' (base64); links "
                    + "to files elsewhere are not fetched.");
        }
        return new NewAttachment(a.hasTitle() ? a.getTitle() : "attachment", a.hasContentType() ? a.getContentType()
                : "", a.getData());
    }

    private static NewEntry medicationIn(MedicationRequest r, References refs, long org, Identifier source) {
        if (!r.hasMedicationCodeableConcept()) {
            throw new FhirInputException("MedicationRequest.medication[x]", "Give the drug as medicationCodeableConcept.");
        }
        Dosage dosage = r.hasDosageInstruction() ? r.getDosageInstructionFirstRep() : new Dosage();
        Quantity dose = dosage.hasDoseAndRate() && dosage.getDoseAndRateFirstRep().hasDoseQuantity()
                ? quantityIn(dosage.getDoseAndRateFirstRep().getDoseQuantity(), "MedicationRequest.dosageInstruction.doseAndRate.doseQuantity")
                : null;
        String frequency = dosage.hasTiming() && dosage.getTiming().hasCode() ? textOf(dosage.getTiming().getCode()) : null;
        var dispense = r.getDispenseRequest();
        Integer days = dispense.hasExpectedSupplyDuration() && dispense.getExpectedSupplyDuration().hasValue()
                ? dispense.getExpectedSupplyDuration().getValue().intValue() : null;
        Quantity quantity = dispense.hasQuantity() ? quantityIn(dispense.getQuantity(),
                "MedicationRequest.dispenseRequest.quantity") : null;
        Instant effective = r.hasAuthoredOn() ? instant(r.getAuthoredOn())
                : dispense.hasValidityPeriod() ? instant(dispense.getValidityPeriod().getStart()) : null;
        Instant ended = dispense.hasValidityPeriod() ? instant(dispense.getValidityPeriod().getEnd()) : null;
        var details = new EntryDetails.MedicationRequest(dose, textOf(dosage.getRoute()), frequency, days, quantity);
        return entry(refs.patient(r.getSubject(), "MedicationRequest.subject"), EntryKind.MEDICATION_REQUEST,
                refs.entry(r.getEncounter(), "Encounter", "MedicationRequest.encounter"),
                coding(r.getMedicationCodeableConcept(), null, "MedicationRequest.medicationCodeableConcept"), null,
                r.hasStatus() ? r.getStatus().toCode() : null, effective, ended, null, null, null, null, details, org,
                refs.practitioner(r.getRequester(), "MedicationRequest.requester"), source, List.of());
    }

    private static NewEntry immunizationIn(Immunization r, References refs, long org, Identifier source) {
        Integer dose = r.hasProtocolApplied() && r.getProtocolAppliedFirstRep().hasDoseNumberPositiveIntType()
                ? r.getProtocolAppliedFirstRep().getDoseNumberPositiveIntType().getValue() : null;
        Long author = null;
        for (var performer : r.getPerformer()) {
            if (author == null && performer.hasActor()) {
                author = refs.practitioner(performer.getActor(), "Immunization.performer.actor");
            }
        }
        var details = new EntryDetails.Immunization(r.getLotNumber(),
                r.hasManufacturer() ? r.getManufacturer().getDisplay() : null, dose, textOf(r.getSite()),
                textOf(r.getRoute()));
        return entry(refs.patient(r.getPatient(), "Immunization.patient"), EntryKind.IMMUNIZATION,
                refs.entry(r.getEncounter(), "Encounter", "Immunization.encounter"),
                coding(r.getVaccineCode(), null, "Immunization.vaccineCode"), null,
                r.hasStatus() ? r.getStatus().toCode() : null,
                r.hasOccurrenceDateTimeType() ? instant(r.getOccurrenceDateTimeType().getValue()) : null, null, null,
                null, null, null, details, org, author, source, List.of());
    }

    private static NewEntry allergyIn(AllergyIntolerance r, References refs, long org, Identifier source) {
        EntryDetails.AllergyCategory category = r.hasCategory()
                ? EntryDetails.AllergyCategory.valueOf(r.getCategory().getFirst().getValue().name()) : null;
        EntryDetails.Criticality criticality = r.hasCriticality()
                ? EntryDetails.Criticality.valueOf(r.getCriticality().name().replace("UNABLETOASSESS", "UNABLE_TO_ASSESS"))
                : null;
        String reaction = r.hasReaction() && r.getReactionFirstRep().hasManifestation()
                ? textOf(r.getReactionFirstRep().getManifestationFirstRep()) : null;
        Instant effective = r.hasOnsetDateTimeType() ? instant(r.getOnsetDateTimeType().getValue())
                : instant(r.getRecordedDate());
        return entry(refs.patient(r.getPatient(), "AllergyIntolerance.patient"), EntryKind.ALLERGY,
                refs.entry(r.getEncounter(), "Encounter", "AllergyIntolerance.encounter"),
                coding(r.getCode(), null, "AllergyIntolerance.code"), null,
                r.hasClinicalStatus() ? r.getClinicalStatus().getCodingFirstRep().getCode() : "active", effective,
                null, null, null, null, null, new EntryDetails.Allergy(category, criticality, reaction), org,
                refs.practitioner(r.getRecorder(), "AllergyIntolerance.recorder"), source, List.of());
    }

    private static NewEntry procedureIn(Procedure r, References refs, long org, Identifier source) {
        Long author = null;
        for (var performer : r.getPerformer()) {
            if (author == null && performer.hasActor()) {
                author = refs.practitioner(performer.getActor(), "Procedure.performer.actor");
            }
        }
        Instant effective = r.hasPerformedDateTimeType() ? instant(r.getPerformedDateTimeType().getValue())
                : r.hasPerformedPeriod() ? instant(r.getPerformedPeriod().getStart()) : null;
        Instant ended = r.hasPerformedPeriod() ? instant(r.getPerformedPeriod().getEnd()) : null;
        var details = new EntryDetails.Procedure(r.hasBodySite() ? textOf(r.getBodySiteFirstRep()) : null,
                textOf(r.getOutcome()));
        return entry(refs.patient(r.getSubject(), "Procedure.subject"), EntryKind.PROCEDURE,
                refs.entry(r.getEncounter(), "Encounter", "Procedure.encounter"),
                coding(r.getCode(), Coding.ICD9CM3, "Procedure.code"), null,
                r.hasStatus() ? r.getStatus().toCode() : null, effective, ended, null, null, null, null, details, org,
                author, source, List.of());
    }

    private static NewEntry documentIn(DocumentReference r, References refs, long org, Identifier source) {
        List<EntryDetails.Section> sections = new ArrayList<>();
        List<NewAttachment> attachments = new ArrayList<>();
        for (int i = 0; i < r.getContent().size(); i++) {
            Attachment a = r.getContent().get(i).getAttachment();
            String path = "DocumentReference.content[" + i + "].attachment";
            if (a.hasContentType() && a.getContentType().startsWith("text/plain")) {
                if (!a.hasData()) {
                    throw new FhirInputException(path + ".data", "A text section needs its text in 'data'.");
                }
                sections.add(new EntryDetails.Section(a.hasTitle() ? a.getTitle() : "",
                        new String(a.getData(), StandardCharsets.UTF_8)));
            } else {
                attachments.add(attachmentIn(a, path));
            }
        }
        Long author = null;
        for (Reference reference : r.getAuthor()) {
            if (author == null && reference.hasReference()) {
                author = refs.practitioner(reference, "DocumentReference.author");
            }
        }
        Long encounter = r.hasContext() && r.getContext().hasEncounter()
                ? refs.entry(r.getContext().getEncounterFirstRep(), "Encounter", "DocumentReference.context.encounter")
                : null;
        return entry(refs.patient(r.getSubject(), "DocumentReference.subject"), EntryKind.DOCUMENT, encounter,
                coding(r.getType(), Coding.LOINC, "DocumentReference.type"), null,
                r.hasStatus() ? r.getStatus().toCode() : null, instant(r.getDate()), null, null, null, null, null,
                new EntryDetails.Document(r.getDescription(), sections), org, author, source, attachments);
    }

    /** The coding of the preferred system (or the first one), its display from the coding or the concept's text. */
    private static Coding coding(CodeableConcept concept, String preferredSystem, String path) {
        org.hl7.fhir.r4.model.Coding chosen = null;
        for (var coding : concept.getCoding()) {
            if (chosen == null || preferredSystem != null && preferredSystem.equals(coding.getSystem())
                    && !preferredSystem.equals(chosen.getSystem())) {
                chosen = coding;
            }
        }
        if (chosen == null || !chosen.hasSystem() || !chosen.hasCode()) {
            throw new FhirInputException(path, "A coding with a system and a code is required.");
        }
        String display = concept.hasText() ? concept.getText() : chosen.hasDisplay() ? chosen.getDisplay() : "";
        return new Coding(chosen.getSystem(), chosen.getCode(), display);
    }

    private static Quantity quantityIn(org.hl7.fhir.r4.model.Quantity q, String path) {
        if (!q.hasValue()) {
            throw new FhirInputException(path + ".value", "A quantity needs a value.");
        }
        String unit = q.hasCode() ? q.getCode() : q.hasUnit() ? q.getUnit() : "";
        return new Quantity(q.getValue(), unit);
    }

    private static ReferenceRange rangeIn(List<Observation.ObservationReferenceRangeComponent> ranges) {
        if (ranges.isEmpty()) {
            return null;
        }
        var range = ranges.getFirst();
        return new ReferenceRange(range.hasLow() ? range.getLow().getValue() : null,
                range.hasHigh() ? range.getHigh().getValue() : null);
    }

    private static Interpretation interpretationIn(List<CodeableConcept> concepts, String path) {
        for (CodeableConcept concept : concepts) {
            for (var coding : concept.getCoding()) {
                if (coding.hasCode()) {
                    return Interpretation.fromCode(coding.getCode()).orElseThrow(() -> new FhirInputException(path,
                            "Interpretation must be one of N, L, H, LL, HH, A, AA (" + INTERPRETATION + ")."));
                }
            }
        }
        return null;
    }

    private static String textOf(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return null;
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.hasCoding() && concept.getCodingFirstRep().hasDisplay() ? concept.getCodingFirstRep().getDisplay()
                : concept.getCodingFirstRep().getCode();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static DateTimeType dateTime(Instant instant) {
        if (instant == null) {
            return null;
        }
        DateTimeType type = new DateTimeType(Date.from(instant));
        type.setTimeZone(java.util.TimeZone.getTimeZone(CHINA));
        return type;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}

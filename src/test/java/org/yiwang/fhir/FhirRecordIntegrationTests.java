package org.yiwang.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.CapturingInterceptor;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.audit.AuditVerification;
import org.yiwang.platform.audit.VerificationReport;
import org.yiwang.platform.security.internal.ApiClients;
import org.yiwang.records.CareRelationshipKind;
import org.yiwang.records.CareRelationships;
import org.yiwang.testing.InsertStatements;

/**
 * The clinical resources over /fhir as a township clinic's HIS uses them, with HAPI's generic client: create, read,
 * search and page each type, transaction Bundles (all or nothing, idempotent retry), $everything, and the refusals
 * (403 without a care relationship, 410 for a voided entry, 400 naming every problem).
 */
@IntegrationTest
class FhirRecordIntegrationTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";

    @LocalServerPort
    int port;

    @Autowired
    ApiClients apiClients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CareRelationships relationships;

    @Autowired
    AuditVerification verification;

    private String village;
    private long strangerOrganisation;
    private String token;
    private IGenericClient client;
    private IGenericClient stranger;

    @BeforeEach
    void connect() {
        List<Long> townships = jdbc.sql("select id from registry.organisation where type = 'TOWNSHIP_HEALTH_CENTRE' order by code limit 2")
                .query(Long.class).list();
        village = jdbc.sql("select division_code from registry.organisation where type = 'VILLAGE_CLINIC' order by code limit 1")
                .query(String.class).single();
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        token = apiClients.issue(townships.get(0), "乡镇卫生院 HIS (FHIR record)", "test").token();
        client = client(token);
        strangerOrganisation = townships.get(1);
        stranger = client(apiClients.issue(townships.get(1), "另一乡镇卫生院 HIS", "test").token());
    }

    private IGenericClient client(String token) {
        IGenericClient c = FHIR.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
        c.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return c;
    }

    private Patient patient() {
        // a birth date of its own as well: 500 sequence numbers per date run out across repeated runs on a kept database
        LocalDate birthDate = LocalDate.of(1940, 1, 1).plusDays(Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 14_600));
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(FhirSystems.RESIDENT_ID)
                .setValue(FhirPatientIntegrationTests.uniqueIdNumber(birthDate, true));
        patient.addName().setText("赵建国");
        patient.setGender(AdministrativeGender.MALE);
        patient.getBirthDateElement().setValueAsString(birthDate.toString());
        patient.addExtension(FhirSystems.ETHNICITY_EXTENSION, new Coding(FhirSystems.ETHNICITY_SYSTEM, "01", null));
        patient.addAddress().setText("清水县测试路 2 号").addExtension(FhirSystems.DIVISION_EXTENSION, new CodeType(village));
        return patient;
    }

    private String newPatient() {
        return client.create().resource(patient()).execute().getId().getIdPart();
    }

    private static Date at(String text) {
        return new DateTimeType(text).getValue();
    }

    private static Encounter encounter(String patientRef) {
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.addType().setText("门诊");
        encounter.setSubject(new Reference(patientRef));
        encounter.setPeriod(new Period().setStart(at("2025-06-01T08:00:00+08:00")).setEnd(at("2025-06-01T08:50:00+08:00")));
        encounter.getServiceType().setText("全科");
        encounter.addReasonCode().setText("头晕 2 天");
        return encounter;
    }

    private static Observation glucose(String patientRef, String encounterRef, String when, double value) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("laboratory");
        observation.getCode().addCoding().setSystem(LOINC).setCode("14749-6").setDisplay("Glucose");
        observation.setSubject(new Reference(patientRef));
        if (encounterRef != null) {
            observation.setEncounter(new Reference(encounterRef));
        }
        observation.setEffective(new DateTimeType(when));
        observation.setValue(new Quantity().setValue(value).setUnit("mmol/L").setSystem(UCUM).setCode("mmol/L"));
        return observation;
    }

    private static Observation bloodPressure(String patientRef, String encounterRef, String when, int systolic, int diastolic) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("vital-signs");
        observation.getCode().addCoding().setSystem(LOINC).setCode("85354-9");
        observation.getCode().setText("血压");
        observation.setSubject(new Reference(patientRef));
        observation.setEncounter(new Reference(encounterRef));
        observation.setEffective(new DateTimeType(when));
        observation.addComponent().setCode(new CodeableConcept().addCoding(new Coding(LOINC, "8480-6", null)))
                .setValue(new Quantity().setValue(systolic).setUnit("mmHg").setSystem(UCUM).setCode("mm[Hg]"));
        observation.addComponent().setCode(new CodeableConcept().addCoding(new Coding(LOINC, "8462-4", null)))
                .setValue(new Quantity().setValue(diastolic).setUnit("mmHg").setSystem(UCUM).setCode("mm[Hg]"));
        return observation;
    }

    private <T extends Resource> List<T> search(Class<T> type, String query) {
        Bundle bundle = client.search().byUrl(type.getSimpleName() + "?" + query).returnBundle(Bundle.class).execute();
        List<T> found = new ArrayList<>();
        while (true) {
            bundle.getEntry().forEach(e -> found.add(type.cast(e.getResource())));
            if (bundle.getLink(Bundle.LINK_NEXT) == null) {
                return found;
            }
            bundle = client.loadPage().next(bundle).execute();
        }
    }

    private long entries(String patientId) {
        return jdbc.sql("select count(*) from records.entry where resident_id = :id").param("id", Long.parseLong(patientId))
                .query(Long.class).single();
    }

    @Test
    void createsReadsAndSearchesEveryClinicalResourceType() {
        String pid = newPatient();
        String patientRef = "Patient/" + pid;
        String encounterId = client.create().resource(encounter(patientRef)).execute().getId().getIdPart();
        String encounterRef = "Encounter/" + encounterId;

        Condition condition = new Condition();
        condition.getClinicalStatus().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/condition-clinical").setCode("active");
        condition.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/condition-category").setCode("problem-list-item");
        condition.getCode().addCoding().setSystem("http://hl7.org/fhir/sid/icd-10").setCode("I10");
        condition.setSubject(new Reference(patientRef)).setEncounter(new Reference(encounterRef));
        condition.setRecordedDateElement(new DateTimeType("2025-06-01T08:20:00+08:00"));
        condition.setOnset(new DateTimeType("2019-05-01"));

        Observation observation = glucose(patientRef, encounterRef, "2025-06-01T08:10:00+08:00", 7.9);
        Observation pressure = bloodPressure(patientRef, encounterRef, "2025-06-01T08:05:00+08:00", 152, 92);

        MedicationRequest medication = new MedicationRequest();
        medication.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE).setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        medication.setMedication(new CodeableConcept().addCoding(new Coding("urn:yiwang:code", "amlodipine", "苯磺酸氨氯地平片")));
        medication.setSubject(new Reference(patientRef)).setEncounter(new Reference(encounterRef));
        medication.setAuthoredOnElement(new DateTimeType("2025-06-01T08:30:00+08:00"));
        medication.addDosageInstruction().setRoute(new CodeableConcept().setText("口服")).getTiming().getCode().setText("每日一次");
        medication.getDispenseRequest().getExpectedSupplyDuration().setValue(28).setUnit("d");

        Immunization immunization = new Immunization();
        immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
        immunization.setVaccineCode(new CodeableConcept().addCoding(new Coding("urn:oid:2.16.156.10011.2.3.3.29", "5601", "流感疫苗")));
        immunization.setPatient(new Reference(patientRef));
        immunization.setOccurrence(new DateTimeType("2025-06-01T08:40:00+08:00"));
        immunization.setLotNumber("FLU2025");

        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.getClinicalStatus().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical").setCode("active");
        allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
        allergy.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
        allergy.setCode(new CodeableConcept().addCoding(new Coding("urn:yiwang:code", "penicillin", "青霉素")));
        allergy.setPatient(new Reference(patientRef));
        allergy.setOnset(new DateTimeType("2025-06-01T08:15:00+08:00"));
        allergy.addReaction().addManifestation().setText("皮疹");

        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(new CodeableConcept().addCoding(new Coding("urn:oid:2.16.156.10011.2.3.3.12", "99.29", "静脉注射")));
        procedure.setSubject(new Reference(patientRef)).setEncounter(new Reference(encounterRef));
        procedure.setPerformed(new DateTimeType("2025-06-01T08:35:00+08:00"));

        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setType(new CodeableConcept().addCoding(new Coding(LOINC, "11506-3", "病程记录")));
        document.setSubject(new Reference(patientRef));
        document.setDate(at("2025-06-01T08:45:00+08:00"));
        document.setDescription("门诊病历");
        document.addContent().setAttachment(new Attachment().setContentType("text/plain").setTitle("主诉")
                .setData("头晕 2 天".getBytes(StandardCharsets.UTF_8)));

        List<DomainResource> resources = List.of(condition, observation, pressure, medication, immunization, allergy,
                procedure, document);
        List<IdType> ids = new ArrayList<>();
        for (DomainResource resource : resources) {
            ids.add((IdType) client.create().resource(resource).execute().getId());
        }
        String observationId = ids.get(1).getIdPart();
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0074").setCode("LAB");
        report.getCode().addCoding().setSystem(LOINC).setCode("2345-7").setDisplay("血糖检验报告");
        report.setSubject(new Reference(patientRef)).setEncounter(new Reference(encounterRef));
        report.setEffective(new DateTimeType("2025-06-01T09:00:00+08:00"));
        report.setConclusion("空腹血糖升高");
        report.addResult(new Reference("Observation/" + observationId));
        String reportId = client.create().resource(report).execute().getId().getIdPart();

        Condition readCondition = client.read().resource(Condition.class).withId(ids.get(0).getIdPart()).execute();
        assertThat(readCondition.getCode().getCodingFirstRep().getCode()).isEqualTo("I10");
        assertThat(readCondition.getCode().getText()).isEqualTo("特发性（原发性）高血压"); // named from the county's ICD-10 list
        Observation readGlucose = client.read().resource(Observation.class).withId(observationId).execute();
        assertThat(readGlucose.getValueQuantity().getValue()).isEqualByComparingTo(new BigDecimal("7.9"));
        assertThat(readGlucose.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("H");
        assertThat(readGlucose.getReferenceRangeFirstRep().getHigh().getValue()).isEqualByComparingTo("6.1");
        assertThat(readGlucose.getEncounter().getReference()).isEqualTo(encounterRef);
        Observation readPressure = client.read().resource(Observation.class).withId(ids.get(2).getIdPart()).execute();
        assertThat(readPressure.getComponent()).hasSize(2);
        assertThat(readPressure.getComponentFirstRep().getCode().getText()).isEqualTo("收缩压");
        DiagnosticReport readReport = client.read().resource(DiagnosticReport.class).withId(reportId).execute();
        assertThat(readReport.getConclusion()).isEqualTo("空腹血糖升高");
        assertThat(readReport.getResultFirstRep().getReference()).isEqualTo("Observation/" + observationId);
        DocumentReference readDocument = client.read().resource(DocumentReference.class).withId(ids.get(7).getIdPart()).execute();
        assertThat(new String(readDocument.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8)).isEqualTo("头晕 2 天");
        Encounter readEncounter = client.read().resource(Encounter.class).withId(encounterId).execute();
        assertThat(readEncounter.getClass_().getCode()).isEqualTo("AMB");
        assertThat(readEncounter.getReasonCodeFirstRep().getText()).isEqualTo("头晕 2 天");

        assertThat(search(Encounter.class, "patient=" + pid)).extracting(r -> r.getIdElement().getIdPart()).containsExactly(encounterId);
        assertThat(search(Condition.class, "subject=Patient/" + pid + "&code=http://hl7.org/fhir/sid/icd-10|I10")).hasSize(1);
        assertThat(search(Observation.class, "patient=" + pid + "&category=vital-signs")).hasSize(1);
        assertThat(search(MedicationRequest.class, "patient=" + pid)).hasSize(1);
        assertThat(search(Immunization.class, "patient=" + pid)).hasSize(1);
        assertThat(search(AllergyIntolerance.class, "patient=" + pid)).hasSize(1);
        assertThat(search(Procedure.class, "patient=" + pid)).hasSize(1);
        assertThat(search(DocumentReference.class, "patient=" + pid)).hasSize(1);
        assertThat(search(DiagnosticReport.class, "patient=" + pid)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from platform.audit_event where resident_id = :id and action = 'VIEW_ENTRY' and purpose like 'FHIR API%'")
                .param("id", Long.parseLong(pid)).query(Long.class).single()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void pagesObservationsOfAPatientByCodeAndDate() {
        String pid = newPatient();
        String encounterId = client.create().resource(encounter("Patient/" + pid)).execute().getId().getIdPart();
        for (int day = 1; day <= 7; day++) {
            client.create().resource(glucose("Patient/" + pid, null, "2025-05-%02dT07:30:00+08:00".formatted(day), 5 + day / 10.0)).execute();
        }
        for (int i = 0; i < 3; i++) {
            client.create().resource(bloodPressure("Patient/" + pid, "Encounter/" + encounterId,
                    "2025-06-01T08:0%d:00+08:00".formatted(i), 130, 80)).execute();
        }

        Bundle first = client.search().byUrl("Observation?patient=Patient/" + pid + "&code=http://loinc.org|14749-6&_count=3")
                .returnBundle(Bundle.class).execute();
        assertThat(first.getEntry()).hasSize(3);
        List<String> seen = new ArrayList<>();
        Bundle page = first;
        while (true) {
            page.getEntry().forEach(e -> {
                Observation o = (Observation) e.getResource();
                assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo("14749-6");
                seen.add(o.getEffectiveDateTimeType().getValueAsString());
            });
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = client.loadPage().next(page).execute();
        }
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(seen.getFirst()).startsWith("2025-05-07"); // newest first

        assertThat(search(Observation.class, "patient=" + pid + "&code=http://loinc.org|14749-6&date=ge2025-05-03&date=lt2025-05-06"))
                .extracting(o -> o.getEffectiveDateTimeType().getValueAsString().substring(0, 10))
                .containsExactly("2025-05-05", "2025-05-04", "2025-05-03");
        assertThat(search(Observation.class, "patient=" + pid + "&date=2025-05-02")).hasSize(1);
        assertThat(search(Observation.class, "patient=" + pid + "&code=http://loinc.org|85354-9")).hasSize(3);
        assertThat(search(Observation.class, "patient=" + pid)).hasSize(10);
    }

    @Test
    void matchesAnObservationCodeInItsOwnSystemOrAnyWhenNoneIsGivenAndListsOfCodes() {
        String pid = newPatient();
        client.create().resource(glucose("Patient/" + pid, null, "2025-05-01T07:30:00+08:00", 5.1)).execute();
        client.create().resource(bloodPressure("Patient/" + pid, null, "2025-05-01T08:00:00+08:00", 130, 80)).execute();

        assertThat(search(Observation.class, "patient=" + pid + "&code=http://loinc.org|14749-6")).hasSize(1);
        assertThat(search(Observation.class, "patient=" + pid + "&code=http://snomed.info/sct|14749-6")).isEmpty();
        assertThat(search(Observation.class, "patient=" + pid + "&code=14749-6")).hasSize(1);
        assertThat(search(Observation.class, "patient=" + pid + "&code=http://loinc.org|14749-6,http://loinc.org|85354-9"))
                .hasSize(2);
        assertThat(search(Observation.class, "patient=" + pid + "&code=http://snomed.info/sct|14749-6,85354-9"))
                .extracting(o -> o.getCode().getCodingFirstRep().getCode()).containsExactly("85354-9");
    }

    private Bundle visit(Patient patient, boolean conditional, Observation bad) {
        String pu = "urn:uuid:" + UUID.randomUUID();
        String eu = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        var patientEntry = bundle.addEntry().setFullUrl(pu).setResource(patient);
        patientEntry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        if (conditional) {
            patientEntry.getRequest().setIfNoneExist("identifier=" + FhirSystems.RESIDENT_ID + "|"
                    + patient.getIdentifierFirstRep().getValue());
        }
        bundle.addEntry().setFullUrl(eu).setResource(encounter(pu)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        for (int i = 0; i < 10; i++) {
            String when = "2025-06-01T08:%02d:00+08:00".formatted(5 + 4 * i);
            Observation o = i == 3 && bad != null ? bad : i % 2 == 0 ? bloodPressure(pu, eu, when, 120 + i, 80)
                    : glucose(pu, eu, when, 5.5);
            if (o == bad) {
                o.setSubject(new Reference(pu)).setEncounter(new Reference(eu));
            }
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(o).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        }
        return bundle;
    }

    @Test
    void storesAWholeVisitFromATransactionBundleAndARetryStoresNothingNew() {
        Patient patient = patient();
        Bundle bundle = visit(patient, true, null);

        Bundle response = client.transaction().withBundle(bundle).execute();

        assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(response.getEntry()).hasSize(12);
        assertThat(response.getEntry().get(0).getResponse().getLocation()).startsWith("Patient/");
        assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
        assertThat(response.getEntry().get(1).getResponse().getLocation()).startsWith("Encounter/");
        assertThat(response.getEntry().subList(2, 12)).allSatisfy(e -> assertThat(e.getResponse().getLocation()).startsWith("Observation/"));
        String pid = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();
        String encounterRef = response.getEntry().get(1).getResponse().getLocation();
        Observation stored = client.read().resource(Observation.class)
                .withId(new IdType(response.getEntry().get(2).getResponse().getLocation()).getIdPart()).execute();
        assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + pid);
        assertThat(stored.getEncounter().getReference()).isEqualTo(encounterRef);
        assertThat(entries(pid)).isEqualTo(11);

        Bundle again = client.transaction().withBundle(bundle).execute();

        assertThat(response.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
        assertThat(again.getEntry()).as("every replayed entry is already on file: 200, not 201")
                .allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("200"));
        List<String> locations = response.getEntry().stream().map(e -> e.getResponse().getLocation()).toList();
        assertThat(again.getEntry().stream().map(e -> e.getResponse().getLocation()).toList()).isEqualTo(locations);
        assertThat(entries(pid)).isEqualTo(11);
    }

    @Test
    void refusesAWholeBundleWithOneBadObservationNamingItAndStoresNothing() {
        Patient patient = patient();
        Observation bad = glucose("x", null, "2025-06-01T08:17:00+08:00", 120);
        bad.getValueQuantity().setUnit("mg/dL").setCode("mg/dL");
        long before = jdbc.sql("select count(*) from records.entry").query(Long.class).single();

        assertThatThrownBy(() -> client.transaction().withBundle(visit(patient, false, bad)).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssue()).hasSize(1);
                    assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("Bundle.entry[5] (Observation)")
                            .contains("mmol/L");
                    assertThat(outcome.getIssueFirstRep().getExpression().getFirst().getValue())
                            .isEqualTo("Bundle.entry[5].resource.value.unit");
                });

        assertThat(jdbc.sql("select count(*) from records.entry").query(Long.class).single()).isEqualTo(before);
        Bundle found = client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(FhirSystems.RESIDENT_ID, patient.getIdentifierFirstRep().getValue()))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).as("the Patient of the refused Bundle was not registered either").isEmpty();
    }

    @Test
    void storesABundlesObservationsWithOneInsertWithTheirSourcesAndAuthorsAndAuditsEachInBundleOrder() {
        long author = jdbc.sql("select id from registry.practitioner order by id limit 1").query(Long.class).single();
        Bundle bundle = visit(patient(), false, null);
        for (int i = 2; i < 12; i += 2) {
            ((Observation) bundle.getEntry().get(i).getResource()).addPerformer(new Reference("Practitioner/" + author));
        }

        Bundle response;
        long pid;
        List<InsertStatements.Statement> entryInserts;
        List<InsertStatements.Statement> auditInserts;
        try (InsertStatements inserts = InsertStatements.on(jdbc, "records.entry:resident_id",
                "platform.audit_event:resident_id")) {
            response = client.transaction().withBundle(bundle).execute();
            pid = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPartAsLong();
            entryInserts = inserts.of("records.entry", pid);
            auditInserts = inserts.of("platform.audit_event", pid);
        }

        assertThat(entryInserts).as("the Encounter, then the ten Observations with one statement")
                .extracting(InsertStatements.Statement::rows).containsExactly(1, 10);
        assertThat(auditInserts).as("the registration's, then the eleven entries' with one statement before the commit")
                .extracting(InsertStatements.Statement::rows).containsExactly(1, 11);
        List<Long> ids = response.getEntry().subList(1, 12).stream()
                .map(e -> new IdType(e.getResponse().getLocation()).getIdPartAsLong()).toList();
        record Stored(long id, String sourceSystem, String sourceId, Long author, Long encounter) {
        }
        List<Stored> stored = jdbc.sql("""
                        select id, source_system, source_id, author_practitioner_id, encounter_id from records.entry
                        where resident_id = :r order by id""")
                .param("r", pid)
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getObject(5, Long.class)))
                .list();
        assertThat(stored).extracting(Stored::id).containsExactlyElementsOf(ids);
        assertThat(stored).extracting(Stored::sourceId).containsExactlyElementsOf(
                bundle.getEntry().subList(1, 12).stream().map(Bundle.BundleEntryComponent::getFullUrl).toList());
        assertThat(stored).extracting(Stored::sourceSystem).containsOnly(TransactionProvider.FULL_URL_SYSTEM);
        for (int i = 1; i < 11; i++) {
            assertThat(stored.get(i).author()).as("observation %s", i).isEqualTo(i % 2 == 1 ? author : null);
            assertThat(stored.get(i).encounter()).isEqualTo(ids.getFirst());
        }
        assertThat(jdbc.sql("""
                        select object_id from platform.audit_event where resident_id = :r and action = 'RECORD_ENTRY'
                        order by id""").param("r", pid).query(Long.class).list())
                .as("one audit entry per entry, in the Bundle's order").containsExactlyElementsOf(ids);
        VerificationReport report = verification.verify();
        assertThat(report.intact()).as("report %s", report).isTrue();
    }

    @Test
    void storesOnceTwoEntriesOfABundleWithOneSenderIdAndRefusesOneNamingAnotherPatientsEntry() {
        String pu = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl(pu).setResource(patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        String senderId = "LIS-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            Observation o = glucose(pu, null, "2025-06-01T08:1" + i + ":00+08:00", 5.5 + i);
            o.addIdentifier().setSystem("urn:his:lis").setValue(senderId);
            bundle.addEntry().setResource(o).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        }

        Bundle response = client.transaction().withBundle(bundle).execute();

        String pid = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();
        assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("201");
        assertThat(response.getEntry().get(2).getResponse().getStatus()).as("the first's sender id: found").startsWith("200");
        assertThat(response.getEntry().get(2).getResponse().getLocation())
                .isEqualTo(response.getEntry().get(1).getResponse().getLocation());
        assertThat(entries(pid)).isEqualTo(1);

        String other = "urn:uuid:" + UUID.randomUUID();
        Bundle twoPatients = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        twoPatients.addEntry().setFullUrl(pu).setResource(patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        twoPatients.addEntry().setFullUrl(other).setResource(patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        String shared = "LIS-" + UUID.randomUUID();
        // entries 2 and 3 of the first patient, entry 4 of the other one with entry 2's sender id
        List<String> subjects = List.of(pu, pu, other);
        List<String> senderIds = List.of(shared, "LIS-" + UUID.randomUUID(), shared);
        for (int i = 0; i < 3; i++) {
            Observation o = glucose(subjects.get(i), null, "2025-06-01T08:2" + i + ":00+08:00", 6.1);
            o.addIdentifier().setSystem("urn:his:lis").setValue(senderIds.get(i));
            twoPatients.addEntry().setResource(o).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        }
        long before = jdbc.sql("select count(*) from records.entry").query(Long.class).single();

        assertThatThrownBy(() -> client.transaction().withBundle(twoPatients).execute())
                .isInstanceOfSatisfying(ResourceVersionConflictException.class, e -> assertThat(
                        ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
                        .startsWith("Bundle.entry[4] (Observation)"));
        assertThat(jdbc.sql("select count(*) from records.entry").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void answersEveryProblemOfAnEntryInTheClientsLanguage() {
        String pid = newPatient();
        Observation observation = glucose("Patient/" + pid, null, "2099-01-01T08:00:00+08:00", 5.0);
        observation.getValueQuantity().setCode("mg/dL").setUnit("mg/dL");
        IGenericClient english = client;
        english.registerInterceptor(new AdditionalRequestHeadersInterceptor(java.util.Map.of("Accept-Language", List.of("en"))));

        assertThatThrownBy(() -> english.create().resource(observation).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssue()).extracting(i -> i.getExpression().getFirst().getValue())
                            .containsExactlyInAnyOrder("effectiveAt", "value.unit");
                    assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                            .contains("The time cannot be in the future");
                });
    }

    @Test
    void everythingPagesThePatientThenTheirRecordNewestFirst() {
        Bundle response = client.transaction().withBundle(visit(patient(), false, null)).execute();
        String pid = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();

        Bundle page = client.operation().onInstance(new IdType("Patient", pid)).named("$everything")
                .withNoParameters(Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute();

        assertThat(page.getEntryFirstRep().getResource()).isInstanceOf(Patient.class);
        Set<String> ids = new HashSet<>();
        int resources = 0;
        while (true) {
            for (var entry : page.getEntry()) {
                ids.add(entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart());
                resources++;
            }
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = client.loadPage().next(page).execute();
        }
        assertThat(resources).isEqualTo(12);
        assertThat(ids).hasSize(12).contains("Patient/" + pid, response.getEntry().get(1).getResponse().getLocation());
        assertThat(jdbc.sql("select count(*) from platform.audit_event where resident_id = :id and action = 'VIEW_TIMELINE'")
                .param("id", Long.parseLong(pid)).query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }

    /** PIPL-01/02: an HIV viral load is as sensitive as the HIV diagnosis; a treating clinic without the grant never sees it. */
    @Test
    void fhirObservationSearchHidesSensitiveResultsWithoutGrant() {
        String pid = newPatient();
        String glucoseId = client.create().resource(glucose("Patient/" + pid, null, "2025-06-02T07:00:00+08:00", 5.2))
                .execute().getId().getIdPart();
        Observation viralLoad = glucose("Patient/" + pid, null, "2025-06-02T07:10:00+08:00", 0);
        viralLoad.getCode().getCodingFirstRep().setCode("20447-9").setDisplay(null);
        viralLoad.setValue(new Quantity().setValue(4000).setUnit("copies/mL").setSystem(UCUM).setCode("{copies}/mL"));
        String viralLoadId = client.create().resource(viralLoad).execute().getId().getIdPart();
        relationships.grant(Long.parseLong(pid), strangerOrganisation, CareRelationshipKind.FAMILY_DOCTOR, "contract:hiv" + pid,
                null, "签约");

        assertThat(search(Observation.class, "patient=" + pid)).extracting(o -> o.getIdElement().getIdPart())
                .as("the recording clinic").containsExactlyInAnyOrder(glucoseId, viralLoadId);
        Bundle seen = stranger.search().byUrl("Observation?patient=" + pid).returnBundle(Bundle.class).execute();
        assertThat(seen.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(glucoseId);
        assertThat(stranger.search().byUrl("Observation?patient=" + pid + "&code=http://loinc.org|20447-9")
                .returnBundle(Bundle.class).execute().getEntry()).isEmpty();
        assertThatThrownBy(() -> stranger.read().resource(Observation.class).withId(viralLoadId).execute())
                .isInstanceOf(ResourceNotFoundException.class);
        Bundle everything = stranger.operation().onInstance(new IdType("Patient", pid)).named("$everything")
                .withNoParameters(Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute();
        assertThat(everything.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .doesNotContain(viralLoadId);
    }

    @Test
    void transactionEntryWithIfNoneExistUsesTheEntryAlreadyOnFileAndStoresNothing() {
        String pid = newPatient();
        String system = "urn:his:lab-result";
        String value = "glu-" + UUID.randomUUID();
        Observation o = glucose("Patient/" + pid, null, "2025-06-04T07:00:00+08:00", 5.4);
        o.addIdentifier().setSystem(system).setValue(value);
        MethodOutcome first = client.create().resource(o).execute();
        long rows = entries(pid);

        // the same result pushed again in a visit Bundle, without its identifier but with the condition naming it
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(glucose("Patient/" + pid, null, "2025-06-04T07:00:00+08:00", 5.4))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
                .setIfNoneExist("identifier=" + system + "|" + value);
        Bundle response = client.transaction().withBundle(bundle).execute();

        assertThat(response.getEntry().getFirst().getResponse().getStatus()).startsWith("200");
        assertThat(response.getEntry().getFirst().getResponse().getLocation())
                .isEqualTo("Observation/" + first.getId().getIdPart());
        assertThat(entries(pid)).isEqualTo(rows);
    }

    @Test
    void conditionalCreateAnswers200WithTheExistingEntryAndStoresNoNewRow() {
        String pid = newPatient();
        String system = "urn:his:lab-result";
        String value = "glu-" + UUID.randomUUID();
        Observation o = glucose("Patient/" + pid, null, "2025-06-04T07:00:00+08:00", 5.4);
        o.addIdentifier().setSystem(system).setValue(value);

        CapturingInterceptor http = new CapturingInterceptor();
        client.registerInterceptor(http);
        MethodOutcome first = client.create().resource(o).conditional()
                .where(Observation.IDENTIFIER.exactly().systemAndCode(system, value)).execute();
        assertThat(http.getLastResponse().getStatus()).isEqualTo(201);
        long rows = entries(pid);

        MethodOutcome again = client.create().resource(o).conditional()
                .where(Observation.IDENTIFIER.exactly().systemAndCode(system, value)).execute();
        assertThat(http.getLastResponse().getStatus()).as("200 OK, not 201").isEqualTo(200);
        assertThat(again.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
        assertThat(((Observation) again.getResource()).getValueQuantity().getValue()).isEqualByComparingTo("5.4");

        MethodOutcome retried = client.create().resource(o).execute();
        assertThat(http.getLastResponse().getStatus()).as("a plain retry with the same client identifier").isEqualTo(200);
        assertThat(retried.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
        assertThat(entries(pid)).isEqualTo(rows);

        Observation other = glucose("Patient/" + pid, null, "2025-06-05T07:00:00+08:00", 5.6);
        other.addIdentifier().setSystem(system).setValue(value + "-b");
        MethodOutcome second = client.create().resource(other).conditional()
                .where(Observation.IDENTIFIER.exactly().systemAndCode(system, value + "-b")).execute();
        assertThat(http.getLastResponse().getStatus()).isEqualTo(201);
        assertThatThrownBy(() -> client.create().resource(glucose("Patient/" + pid, null, "2025-06-06T07:00:00+08:00", 5.0))
                .conditionalByUrl("Observation?identifier=" + system + "|" + value + "," + system + "|" + value + "-b")
                .execute()).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> client.create().resource(glucose("Patient/" + pid, null, "2025-06-06T07:00:00+08:00", 5.0))
                .conditionalByUrl("Observation?code=http://loinc.org|14749-6").execute())
                .isInstanceOf(InvalidRequestException.class);
        assertThat(entries(pid)).isEqualTo(rows + 1);
        client.unregisterInterceptor(http);
    }

    @Test
    void servesReportFilesAsBinaryInlineWhenSmallAndAsRawBytesOrFhirJsonAccessCheckedAndAudited() throws Exception {
        String pid = newPatient();
        byte[] small = pdf(200);
        byte[] large = pdf(70_000); // above yiwang.fhir.inline-attachment-max-bytes (64 KiB)
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0074").setCode("RAD");
        report.getCode().addCoding().setSystem(LOINC).setCode("24627-2").setDisplay("胸部CT");
        report.setSubject(new Reference("Patient/" + pid));
        report.setEffective(new DateTimeType("2025-06-07T09:00:00+08:00"));
        report.setConclusion("胸部CT未见明显异常");
        report.addPresentedForm().setContentType("application/pdf").setTitle("报告.pdf").setData(small);
        report.addPresentedForm().setContentType("application/pdf").setTitle("影像.pdf").setData(large);
        String reportId = client.create().resource(report).execute().getId().getIdPart();

        DiagnosticReport read = client.read().resource(DiagnosticReport.class).withId(reportId).execute();
        Attachment first = read.getPresentedForm().get(0);
        Attachment second = read.getPresentedForm().get(1);
        assertThat(first.getUrl()).startsWith("Binary/");
        assertThat(first.getData()).as("small: inline as well").isEqualTo(small);
        assertThat(second.getUrl()).startsWith("Binary/");
        assertThat(second.hasData()).as("large: only the link").isFalse();
        assertThat(search(DiagnosticReport.class, "patient=" + pid).getFirst().getPresentedFormFirstRep().hasData())
                .as("searches only link").isFalse();

        String binaryId = second.getUrl().substring("Binary/".length());
        Binary binary = client.read().resource(Binary.class).withId(binaryId).execute();
        assertThat(binary.getContentType()).isEqualTo("application/pdf");
        assertThat(binary.getData()).isEqualTo(large);

        var http = java.net.http.HttpClient.newHttpClient();
        var raw = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/fhir/Binary/" + binaryId)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/pdf").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(raw.body()).isEqualTo(large);

        assertThatThrownBy(() -> stranger.read().resource(Binary.class).withId(binaryId).execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThatThrownBy(() -> client.read().resource(Binary.class).withId("987654321098").execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(jdbc.sql("select count(*) from platform.audit_event where resident_id = :r and action = 'VIEW_ATTACHMENT'")
                .param("r", Long.parseLong(pid)).query(Long.class).single()).isGreaterThanOrEqualTo(3);
        CapabilityStatement metadata = client.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(metadata.getRestFirstRep().getResource()).anySatisfy(r -> {
            assertThat(r.getType()).isEqualTo("Binary");
            assertThat(r.getInteraction()).extracting(i -> i.getCode().toCode()).contains("read");
        });
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] head = "%PDF-1.4\n%".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        byte[] tail = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, bytes, size - tail.length, tail.length);
        return bytes;
    }

    @Test
    void refusesAnOrganisationWithoutACareRelationshipWith403NamingTheResident() {
        String pid = newPatient();
        String observationId = client.create().resource(glucose("Patient/" + pid, null, "2025-06-02T07:00:00+08:00", 5.2))
                .execute().getId().getIdPart();

        assertThatThrownBy(() -> stranger.read().resource(Observation.class).withId(observationId).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> {
                    OperationOutcome.OperationOutcomeIssueComponent issue =
                            ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep();
                    assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
                    assertThat(issue.getDiagnostics()).contains("No care relationship with resident " + pid);
                });
        assertThatThrownBy(() -> stranger.search().byUrl("Observation?patient=" + pid).returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e ->
                        assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
                                .contains("No care relationship with resident " + pid));
        assertThatThrownBy(() -> stranger.operation().onInstance(new IdType("Patient", pid)).named("$everything")
                .withNoParameters(Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void correctsByUpdateWithANewIdAndVoidsByDeleteWithAReasonSoThatTheOldEntriesRead410() {
        String pid = newPatient();
        String wrongId = client.create().resource(glucose("Patient/" + pid, null, "2025-06-03T07:00:00+08:00", 55.0))
                .execute().getId().getIdPart();

        Observation fixed = glucose("Patient/" + pid, null, "2025-06-03T07:00:00+08:00", 5.5);
        fixed.setId(wrongId);
        var updated = client.update().resource(fixed).withId(wrongId)
                .withAdditionalHeader("X-Reason", URLEncoder.encode("小数点录入错误", StandardCharsets.UTF_8)).execute();
        String newId = updated.getId().getIdPart();

        assertThat(newId).isNotEqualTo(wrongId);
        assertThat(client.read().resource(Observation.class).withId(newId).execute().getValueQuantity().getValue())
                .isEqualByComparingTo("5.5");
        assertThatThrownBy(() -> client.read().resource(Observation.class).withId(wrongId).execute())
                .isInstanceOfSatisfying(ResourceGoneException.class, e ->
                        assertThat(e.getMessage()).contains("小数点录入错误").contains("Observation/" + newId));

        assertThatThrownBy(() -> client.delete().resourceById("Observation", newId).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getExpression().getFirst()
                                .getValue()).isEqualTo("X-Reason"));
        assertThatThrownBy(() -> stranger.delete().resourceById("Observation", newId)
                .withAdditionalHeader("X-Reason", "not ours").execute())
                .isInstanceOf(ForbiddenOperationException.class);
        client.delete().resourceById("Observation", newId).withAdditionalHeader("X-Reason", URLEncoder.encode("患者信息录错", StandardCharsets.UTF_8)).execute();

        assertThatThrownBy(() -> client.read().resource(Observation.class).withId(newId).execute())
                .isInstanceOf(ResourceGoneException.class);
        assertThat(jdbc.sql("select count(*) from records.entry where id in (:a, :b) and voided_at is not null")
                .param("a", Long.parseLong(wrongId)).param("b", Long.parseLong(newId)).query(Long.class).single())
                .as("voided, never deleted").isEqualTo(2);
        assertThat(search(Observation.class, "patient=" + pid)).isEmpty();
        assertThat(jdbc.sql("select void_reason from records.entry where id = :id").param("id", Long.parseLong(newId))
                .query(String.class).single()).isEqualTo("患者信息录错");
    }
}

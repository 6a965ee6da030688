package org.yiwang.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.BundleLinks;
import ca.uhn.fhir.rest.api.IVersionSpecificBundleFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.yiwang.mpi.IdentityDocumentType;
import org.yiwang.mpi.Sex;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.Coding;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.EntryKind;
import org.yiwang.records.Interpretation;
import org.yiwang.records.ReferenceRange;
import org.yiwang.records.SensitiveCategory;

/**
 * The writer must write exactly HAPI's bytes for everything it writes, and write nothing for what it does not know;
 * HAPI's own JsonParser is the reference throughout.
 */
class ResourceJsonWriterTests {

    private static final FhirContext HAPI = FhirContext.forR4Cached();
    private static final Instant AT = Instant.parse("2025-03-04T01:30:00Z");

    private static String hapi(IBaseResource resource) {
        return HAPI.newJsonParser().encodeResourceToString(resource);
    }

    private static void assertWrittenAsHapiWould(IBaseResource resource) {
        String ours = ResourceJsonWriter.write(resource);
        assertThat(ours).as("written by the fast writer").isNotNull();
        assertThat(ours).isEqualTo(hapi(resource));
    }

    // ------------------------------------------------------------------------------------------- fixtures

    private static PatientMapper.Resident resident(long id, String name, Sex sex, boolean everything) {
        return new PatientMapper.Resident(id, "51012300100100007", name, sex, LocalDate.of(1979, 6, 14),
                everything ? "03" : null,
                everything ? List.of(new PatientMapper.Document(IdentityDocumentType.RESIDENT_ID, "5101**********123X"),
                        new PatientMapper.Document(IdentityDocumentType.PASSPORT, "E1*****78")) : List.of(),
                everything ? List.of("138****5678", "0816****321") : List.of(),
                everything ? "510123001001" : null, everything ? "青石镇柳溪村 3 组 12 号 \"东院\"" : null,
                everything ? 7L : null, everything ? 3 : null,
                everything ? Instant.parse("2026-11-01T02:00:00.123Z") : null, !everything);
    }

    private static ClinicalEntry observation(long id, Coding code, String category, org.yiwang.records.Quantity value,
            String valueText, ReferenceRange range, Interpretation flag, SensitiveCategory sensitivity,
            EntryDetails.Observation details, boolean fromHis) {
        return new ClinicalEntry(id, 5001, EntryKind.OBSERVATION, fromHis ? 70L : null, code, category, "final", AT,
                null, value, valueText, range, flag, sensitivity, details, 12, fromHis ? 34L : null,
                fromHis ? "urn:oid:1.2.3.his" : null, fromHis ? "V-9" : null, AT.plusSeconds(60), null, null, null,
                null, List.of());
    }

    private static List<ClinicalEntry> observations() {
        var bp = List.of(
                new EntryDetails.Component(new Coding(Coding.LOINC, "8480-6", "收缩压"),
                        org.yiwang.records.Quantity.of("152", "mm[Hg]"),
                        new ReferenceRange(new BigDecimal("90"), new BigDecimal("139")), Interpretation.HIGH),
                new EntryDetails.Component(new Coding(Coding.LOINC, "8462-4", "舒张压"),
                        org.yiwang.records.Quantity.of("88", "mm[Hg]"),
                        new ReferenceRange(null, new BigDecimal("89")), null));
        return List.of(
                observation(1, new Coding(Coding.LOINC, "85354-9", "血压"), "vital-signs", null, null, null,
                        Interpretation.HIGH, null, new EntryDetails.Observation(bp, null, "电子血压计"), true),
                observation(2, new Coding(Coding.LOINC, "14749-6", "血糖"), "laboratory",
                        org.yiwang.records.Quantity.of("7.80", "mmol/L"), null,
                        new ReferenceRange(new BigDecimal("3.9"), new BigDecimal("6.1")), Interpretation.CRITICAL_HIGH,
                        null, new EntryDetails.Observation(List.of(), "血清", null), false),
                observation(3, new Coding(Coding.LOINC, "5804-0", "尿蛋白"), "laboratory", null, "阴性", null, null,
                        null, new EntryDetails.Observation(List.of(), "尿", null), true),
                observation(4, new Coding(Coding.LOINC, "20447-9", "HIV-1 RNA病毒载量"), null,
                        org.yiwang.records.Quantity.of("4.0E+3", "{copies}/mL"), null, null, null,
                        SensitiveCategory.HIV, new EntryDetails.Observation(List.of(), null, null), false),
                observation(5, new Coding(Coding.LOINC, "X-1", "某项"), null, org.yiwang.records.Quantity.of("0.00012", "1"),
                        null, new ReferenceRange(new BigDecimal("0.0001"), null), Interpretation.NORMAL, null,
                        new EntryDetails.Observation(List.of(), null, null), true));
    }

    // ------------------------------------------------------------------------------------------- as HAPI

    @Test
    void writesMappedPatientsByteForByteAsHapi() {
        for (var resident : List.of(resident(42, "欧阳明远", Sex.MALE, true), resident(43, "李娜", Sex.FEMALE, false),
                resident(44, "王", Sex.UNKNOWN, true), resident(45, "John Ronald Smith", Sex.UNSPECIFIED, true),
                resident(46, "阿依古丽·买买提", Sex.FEMALE, true))) {
            assertWrittenAsHapiWould(PatientMapper.toPatient(resident));
        }
    }

    @Test
    void writesMappedObservationsByteForByteAsHapi() {
        for (ClinicalEntry entry : observations()) {
            assertWrittenAsHapiWould(EntryMapper.toResource(entry));
        }
    }

    @Test
    void writesSearchPagesByteForByteAsHapi() {
        List<IBaseResource> page = new ArrayList<>();
        observations().forEach(e -> page.add(EntryMapper.toResource(e)));
        page.add(PatientMapper.toPatient(resident(42, "欧阳明远", Sex.MALE, true)));
        page.forEach(r -> ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.MATCH));
        String base = "https://county.example/fhir";
        IVersionSpecificBundleFactory factory = new ServerFhirContext().newBundleFactory();
        BundleLinks links = new BundleLinks(base, Set.of(), false, BundleTypeEnum.SEARCHSET)
                .setSelf(base + "/Observation?patient=5001&code=http://loinc.org|85354-9")
                .setNext(base + "?_getpages=abc&_pageId=x&_count=20");
        factory.addRootPropertiesToBundle("b3c1-77", links, 6, new org.hl7.fhir.r4.model.InstantType(new Date()));
        factory.addResourcesToBundle(page, BundleTypeEnum.SEARCHSET, base, null, Set.of());
        Bundle bundle = (Bundle) factory.getResourceBundle();

        assertWrittenAsHapiWould(bundle);
        assertThat(ResourceJsonWriter.write(bundle)).contains("\"total\":6", "\"relation\":\"next\"",
                "\"fullUrl\":\"" + base + "/Observation/1\"", "\"search\":{\"mode\":\"match\"}");
    }

    /** Every element the writer knows, with element ids and extensions on primitives, which the mappers never set. */
    @Test
    void writesEveryElementItKnowsByteForByteAsHapi() {
        Patient patient = new Patient();
        patient.setId("9");
        patient.getMeta().setVersionId("2").setLastUpdated(new Date(1_700_000_000_123L)).setSource("urn:his#1")
                .addProfile("http://example.org/StructureDefinition/cn-patient")
                .addTag("http://example.org/tags", "demo", "演示");
        patient.getMeta().addSecurity().setSystem("http://example.org/sec").setCode("N").setVersion("1")
                .setUserSelected(true);
        patient.addExtension("http://example.org/ext/s", new StringType("文本 \"引号\" \\ /"));
        patient.addExtension("http://example.org/ext/b", new BooleanType(false));
        patient.addExtension("http://example.org/ext/i", new IntegerType(-3));
        patient.addExtension("http://example.org/ext/r", new Reference("Organization/1").setDisplay("县医院"));
        patient.addExtension("http://example.org/ext/p", new Period().setStartElement(new DateTimeType("2024-01")));
        patient.addExtension("http://example.org/ext/c", new CodeableConcept().setText("x"));
        Identifier identifier = patient.addIdentifier().setUse(Identifier.IdentifierUse.SECONDARY)
                .setSystem("urn:oid:1.2").setValue("A-1");
        identifier.setId("ident-1");
        identifier.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0203").setCode("MR");
        identifier.setPeriod(new Period().setStartElement(new DateTimeType("2020-02-03T04:05:06+08:00"))
                .setEndElement(new DateTimeType("2030")));
        identifier.setAssigner(new Reference().setDisplay("公安局").setType("Organization")
                .setIdentifier(new Identifier().setValue("110000")));
        patient.getActiveElement().setValue(true).addExtension("http://example.org/ext/why", new CodeType("because"));
        HumanName name = patient.addName().setUse(HumanName.NameUse.MAIDEN).setFamily("Smith").addGiven("A")
                .addGiven("B").addPrefix("Dr").addSuffix("Jr");
        name.setPeriod(new Period().setEndElement(new DateTimeType("2001-01-01")));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("a@b.cn")
                .setUse(ContactPoint.ContactPointUse.WORK).setRank(1);
        patient.getGenderElement().setValue(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.OTHER);
        patient.getBirthDateElement().setValueAsString("1990-07");
        patient.addAddress().setUse(Address.AddressUse.TEMP).setType(Address.AddressType.BOTH).addLine("1 号")
                .addLine("2 栋").setCity("绵阳").setDistrict("涪城").setState("四川").setPostalCode("621000")
                .setCountry("CN");
        patient.setManagingOrganization(new Reference("Organization/3"));
        assertWrittenAsHapiWould(patient);

        Observation observation = new Observation();
        observation.setId("o-1");
        observation.setStatus(Observation.ObservationStatus.AMENDED);
        observation.getCode().addCoding().setCode("x");
        observation.setEffective(new Period().setStartElement(new DateTimeType("2025-01-01T08:00:00Z")));
        observation.setIssuedElement(new org.hl7.fhir.r4.model.InstantType("2025-01-01T08:00:00.5+08:00"));
        observation.setValue(new Quantity().setValue(new BigDecimal("-0.50"))
                .setComparator(Quantity.QuantityComparator.LESS_OR_EQUAL).setUnit("%"));
        observation.addReferenceRange().setText("< 1").setLow(new org.hl7.fhir.r4.model.SimpleQuantity()
                .setValue(1));
        observation.addComponent().setCode(new CodeableConcept().setText("a")).setValue(new BooleanType(true));
        observation.addComponent().setCode(new CodeableConcept().setText("b")).setValue(new IntegerType(7));
        observation.addComponent().setCode(new CodeableConcept().setText("c")).setValue(new DateTimeType("2025"));
        observation.addComponent().setCode(new CodeableConcept().setText("d"))
                .setValue(new CodeableConcept().setText("阳性"));
        observation.getComponent().get(0).setId("c0");
        assertWrittenAsHapiWould(observation);
    }

    // ------------------------------------------------------------------------------------------- left to HAPI

    @Test
    void writesNothingForWhatItDoesNotKnowSoHapiWritesItWhole() throws IOException {
        List<IBaseResource> unknown = List.of(
                patient(p -> p.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED))),
                patient(p -> p.addContact().setName(new HumanName().setText("家属"))),
                patient(p -> p.addExtension().setUrl("http://example.org/outer")
                        .addExtension("http://example.org/inner", new StringType("x"))),
                patient(p -> p.addName().addGiven("A").getGiven().get(0).addExtension("http://example.org/e",
                        new StringType("y"))),
                patient(p -> p.setManagingOrganization(new Reference("https://elsewhere.example/fhir/Organization/1"))),
                patient(p -> p.setManagingOrganization(new Reference("Organization/1/_history/2"))),
                patient(p -> p.addIdentifier().getType().addCoding().addExtension("http://example.org/e",
                        new org.hl7.fhir.r4.model.Attachment().setTitle("t"))),
                patient(p -> p.addIdentifier().getType().addCoding(new org.hl7.fhir.r4.model.Coding())
                        .addCoding().setCode("1")),
                observation(o -> o.addNote().setText("复查")),
                observation(o -> o.setValue(new org.hl7.fhir.r4.model.Ratio().setNumerator(new Quantity(1)))),
                observation(o -> o.getStatusElement().setId("s1")),
                observation(o -> o.addComponent().setCode(new CodeableConcept().setText("a"))
                        .addModifierExtension(new Extension("http://example.org/m", new BooleanType(true)))),
                new Encounter().setStatus(Encounter.EncounterStatus.FINISHED),
                transactionResponse());
        IParser ours = new ServerFhirContext().newJsonParser();
        for (IBaseResource resource : unknown) {
            assertThat(ResourceJsonWriter.write(resource)).as(hapi(resource)).isNull();
            StringWriter out = new StringWriter();
            ours.encodeResourceToWriter(resource, out);
            assertThat(out.toString()).isEqualTo(hapi(resource));
        }
    }

    @Test
    void leavesPrettySummarisedAndElementFilteredResponsesToHapi() {
        Patient patient = PatientMapper.toPatient(resident(42, "欧阳明远", Sex.MALE, true));
        FhirContext server = new ServerFhirContext();

        assertThat(server.newJsonParser().setPrettyPrint(true).encodeResourceToString(patient))
                .isEqualTo(HAPI.newJsonParser().setPrettyPrint(true).encodeResourceToString(patient)).contains("\n");
        assertThat(server.newJsonParser().setSummaryMode(true).encodeResourceToString(patient))
                .isEqualTo(HAPI.newJsonParser().setSummaryMode(true).encodeResourceToString(patient))
                .contains("SUBSETTED");
        assertThat(server.newJsonParser().setEncodeElements(Set.of("Patient.name")).encodeResourceToString(patient))
                .isEqualTo(HAPI.newJsonParser().setEncodeElements(Set.of("Patient.name"))
                        .encodeResourceToString(patient)).doesNotContain("birthDate");
        assertThat(server.newJsonParser().encodeResourceToString(patient)).isEqualTo(hapi(patient));
    }

    private static Patient patient(Consumer<Patient> change) {
        Patient patient = PatientMapper.toPatient(resident(42, "欧阳明远", Sex.MALE, true));
        change.accept(patient);
        return patient;
    }

    private static Observation observation(Consumer<Observation> change) {
        Observation observation = (Observation) EntryMapper.toResource(observations().get(1));
        change.accept(observation);
        return observation;
    }

    private static Bundle transactionResponse() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        bundle.addEntry().getResponse().setStatus("201 Created").setLocation("Patient/9/_history/1");
        return bundle;
    }
}

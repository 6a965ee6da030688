package org.yiwang.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.yiwang.mpi.IdentityDocumentType;
import org.yiwang.mpi.ResidentDraft;
import org.yiwang.mpi.Sex;

class PatientMapperTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static PatientMapper.Resident resident(String name, Sex sex) {
        return new PatientMapper.Resident(42, "51012300100100007", name, sex, LocalDate.of(1979, 6, 14), "03",
                List.of(new PatientMapper.Document(IdentityDocumentType.RESIDENT_ID, "5101**********123X"),
                        new PatientMapper.Document(IdentityDocumentType.PASSPORT, "E1*****78")),
                List.of("138****5678"), "510123001001", "青石镇柳溪村 3 组 12 号", 7L, 3,
                Instant.parse("2026-11-01T02:00:00Z"), false);
    }

    /** What a clinic's system sends (the shape of ../shared/tools/fhir_load.py plus our extensions). */
    private static Patient posted() {
        return FHIR.newJsonParser().parseResource(Patient.class, """
                {"resourceType": "Patient",
                 "extension": [{"url": "%s", "valueCoding": {"system": "%s", "code": "01"}}],
                 "identifier": [{"use": "official", "type": {"text": "居民身份证"}, "system": "urn:oid:2.16.156.10011.1.1",
                                 "value": "11010519491231002X"}],
                 "active": true,
                 "name": [{"use": "official", "text": "欧阳明远", "family": "欧阳", "given": ["明远"]}],
                 "telecom": [{"system": "phone", "value": "13912345678", "use": "mobile"}],
                 "gender": "male", "birthDate": "1949-12-31",
                 "address": [{"use": "home", "text": "清水县青石镇柳溪村 3 组", "line": ["柳溪村 3 组"],
                              "extension": [{"url": "%s", "valueCode": "510123001001"}]}]}
                """.formatted(FhirSystems.ETHNICITY_EXTENSION, FhirSystems.ETHNICITY_SYSTEM,
                FhirSystems.DIVISION_EXTENSION));
    }

    @Test
    void mapsAPostedPatientToTheDraftTheMasterIndexValidates() {
        ResidentDraft draft = PatientMapper.toDraft(posted(), PatientMapper.Defaults.NONE);

        assertThat(draft.name()).isEqualTo("欧阳明远");
        assertThat(draft.sex()).isEqualTo("1");
        assertThat(draft.birthDate()).isEqualTo("1949-12-31");
        assertThat(draft.ethnicityCode()).isEqualTo("01");
        assertThat(draft.documents()).containsExactly(
                new ResidentDraft.DocumentInput(IdentityDocumentType.RESIDENT_ID, "11010519491231002X", null));
        assertThat(draft.phones()).containsExactly("13912345678");
        assertThat(draft.divisionCode()).isEqualTo("510123001001");
        assertThat(draft.address()).isEqualTo("清水县青石镇柳溪村 3 组");
    }

    @Test
    void fillsEthnicityAndVillageFromTheServerDefaultsOnlyWhenThePatientLeavesThemOut() {
        Patient bare = posted();
        bare.getExtension().clear();
        bare.getAddressFirstRep().getExtension().clear();

        ResidentDraft withoutDefaults = PatientMapper.toDraft(bare, PatientMapper.Defaults.NONE);
        ResidentDraft withDefaults = PatientMapper.toDraft(bare, new PatientMapper.Defaults("01", "510123002003"));
        ResidentDraft ownValues = PatientMapper.toDraft(posted(), new PatientMapper.Defaults("05", "510123002003"));

        assertThat(withoutDefaults.ethnicityCode()).isNull();
        assertThat(withoutDefaults.divisionCode()).isNull();
        assertThat(withDefaults.ethnicityCode()).isEqualTo("01");
        assertThat(withDefaults.divisionCode()).isEqualTo("510123002003");
        assertThat(ownValues.ethnicityCode()).isEqualTo("01");
        assertThat(ownValues.divisionCode()).isEqualTo("510123001001");
    }

    @Test
    void showsIdentifiersMaskedAndMarkedSoAClientCannotMistakeThemForTheNumber() {
        Patient patient = PatientMapper.toPatient(resident("欧阳明远", Sex.MALE));

        Identifier residentId = patient.getIdentifier().stream()
                .filter(i -> FhirSystems.RESIDENT_ID.equals(i.getSystem())).findFirst().orElseThrow();
        assertThat(residentId.getValue()).isEqualTo("5101**********123X");
        assertThat(residentId.getValueElement().getExtensionByUrl(FhirSystems.DATA_ABSENT_REASON).getValue()
                .primitiveValue()).isEqualTo("masked");
        assertThat(patient.getIdentifier()).extracting(Identifier::getSystem).contains(FhirSystems.HEALTH_RECORD_NUMBER,
                FhirSystems.IDENTITY_DOCUMENT_PREFIX + "passport");
        assertThat(patient.getTelecomFirstRep().getValue()).isEqualTo("138****5678");
        assertThat(patient.getIdElement().getIdPart()).isEqualTo("42");
        assertThat(patient.getMeta().getVersionId()).isEqualTo("3");
        assertThat(patient.getManagingOrganization().getReference()).isEqualTo("Organization/7");
    }

    @Test
    void splitsChineseNamesIncludingCompoundSurnamesAndKeepsTransliteratedNamesWhole() {
        assertThat(PatientMapper.humanName("欧阳明远").getFamily()).isEqualTo("欧阳");
        assertThat(PatientMapper.humanName("欧阳明远").getGivenAsSingleString()).isEqualTo("明远");
        assertThat(PatientMapper.humanName("张伟").getFamily()).isEqualTo("张");
        assertThat(PatientMapper.humanName("阿依古丽·买买提").hasFamily()).isFalse();
        assertThat(PatientMapper.humanName("阿依古丽·买买提").getText()).isEqualTo("阿依古丽·买买提");
        assertThat(PatientMapper.humanName("Anna Maria Schmidt").getFamily()).isEqualTo("Schmidt");
    }

    @Test
    void keepsUnknownAndUnspecifiedSexApartThroughTheGbCodeExtension() {
        for (Sex sex : Sex.values()) {
            Patient patient = PatientMapper.toPatient(resident("李娜", sex));
            ResidentDraft back = PatientMapper.toDraft(patient, PatientMapper.Defaults.NONE);
            assertThat(back.sex()).as(sex.name()).isEqualTo(Integer.toString(sex.code()));
        }
        assertThat(PatientMapper.toPatient(resident("李娜", Sex.UNSPECIFIED)).getGender())
                .isEqualTo(AdministrativeGender.UNKNOWN);
    }

    @Test
    void roundTripsDemographicsThroughJsonAndBackWithoutResubmittingMaskedValues() {
        PatientMapper.Resident resident = resident("欧阳明远", Sex.MALE);
        String json = FHIR.newJsonParser().encodeResourceToString(PatientMapper.toPatient(resident));
        Patient parsed = FHIR.newJsonParser().parseResource(Patient.class, json);

        ResidentDraft draft = PatientMapper.toDraft(parsed, PatientMapper.Defaults.NONE);

        assertThat(draft.name()).isEqualTo(resident.name());
        assertThat(draft.sex()).isEqualTo("1");
        assertThat(draft.birthDate()).isEqualTo(resident.birthDate().toString());
        assertThat(draft.ethnicityCode()).isEqualTo(resident.ethnicityCode());
        assertThat(draft.divisionCode()).isEqualTo(resident.divisionCode());
        assertThat(draft.address()).isEqualTo(resident.address());
        assertThat(draft.documents()).as("masked numbers are what we sent, not new documents").isEmpty();
        assertThat(draft.phones()).isEmpty();
    }

    @Test
    void refusesAnIdentifierOfAnUnknownSystemNamingTheElement() {
        Patient patient = posted();
        patient.addIdentifier().setSystem("urn:oid:1.2.3").setValue("123");

        assertThatThrownBy(() -> PatientMapper.toDraft(patient, PatientMapper.Defaults.NONE))
                .isInstanceOf(FhirInputException.class)
                .hasMessageContaining("urn:oid:1.2.3")
                .extracting(e -> ((FhirInputException) e).expression()).isEqualTo("Patient.identifier[1].system");
    }

    @Test
    void readsOtherIdentityDocumentsByTheirSystem() {
        Patient patient = posted();
        patient.getIdentifier().clear();
        patient.addIdentifier().setSystem(FhirSystems.IDENTITY_DOCUMENT_PREFIX + "passport").setValue("E12345678")
                .getAssigner().setDisplay("DEU");

        assertThat(PatientMapper.toDraft(patient, PatientMapper.Defaults.NONE).documents()).containsExactly(
                new ResidentDraft.DocumentInput(IdentityDocumentType.PASSPORT, "E12345678", "DEU"));
        assertThat(PatientMapper.systemOf(IdentityDocumentType.HK_MO_TW_RESIDENCE_PERMIT))
                .isEqualTo(FhirSystems.IDENTITY_DOCUMENT_PREFIX + "hk-mo-tw-residence-permit");
        for (IdentityDocumentType type : IdentityDocumentType.values()) {
            assertThat(PatientMapper.documentType(PatientMapper.systemOf(type))).isEqualTo(type);
        }
    }

    @Test
    void composesTheNameFromFamilyAndGivenWhenThereIsNoText() {
        Patient patient = posted();
        patient.getNameFirstRep().setText(null);
        assertThat(PatientMapper.toDraft(patient, PatientMapper.Defaults.NONE).name()).isEqualTo("欧阳明远");
        patient.getName().clear();
        patient.addName().setFamily("Schmidt").addGiven("Anna").addGiven("Maria");
        assertThat(PatientMapper.toDraft(patient, PatientMapper.Defaults.NONE).name()).isEqualTo("Anna Maria Schmidt");
    }
}

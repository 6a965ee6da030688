package org.yiwang.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.junit.jupiter.api.Test;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.OrganisationType;
import org.yiwang.registry.PractitionerSummary;
import org.yiwang.registry.Profession;

class RegistryMapperTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void roundTripsAnOrganisationThroughFhirJson() {
        OrganisationSummary clinic = new OrganisationSummary(17, "PDY510123001001", "柳溪村卫生室", "Liuxi Village Clinic",
                OrganisationType.VILLAGE_CLINIC, 5L, "510123001001");

        Organization resource = RegistryMapper.toOrganization(clinic);
        Organization parsed = FHIR.newJsonParser().parseResource(Organization.class,
                FHIR.newJsonParser().encodeResourceToString(resource));

        assertThat(RegistryMapper.toSummary(parsed)).isEqualTo(clinic);
        assertThat(parsed.getPartOf().getReference()).isEqualTo("Organization/5");
        assertThat(RegistryMapper.organisationCode(parsed)).isEqualTo("PDY510123001001");
    }

    @Test
    void roundTripsTheRootOrganisationWithoutParentOrEnglishName() {
        OrganisationSummary commission = new OrganisationSummary(1, "WJW510123", "清水县卫生健康委员会", null,
                OrganisationType.HEALTH_COMMISSION, null, "510123");
        Organization parsed = FHIR.newJsonParser().parseResource(Organization.class,
                FHIR.newJsonParser().encodeResourceToString(RegistryMapper.toOrganization(commission)));

        assertThat(RegistryMapper.toSummary(parsed)).isEqualTo(commission);
        assertThat(parsed.hasPartOf()).isFalse();
    }

    @Test
    void roundTripsAPractitionerWithLicenceTitleAndChineseName() {
        PractitionerSummary doctor = new PractitionerSummary(9, "司马青", 2, Profession.PHYSICIAN, "主治医师", null,
                "110510123000123", "E0042", 17);

        Practitioner resource = RegistryMapper.toPractitioner(doctor);
        Practitioner parsed = FHIR.newJsonParser().parseResource(Practitioner.class,
                FHIR.newJsonParser().encodeResourceToString(resource));

        assertThat(RegistryMapper.toSummary(parsed)).isEqualTo(doctor);
        assertThat(parsed.getNameFirstRep().getFamily()).isEqualTo("司马");
        assertThat(RegistryMapper.licenceNumber(parsed)).isEqualTo("110510123000123");
    }

    @Test
    void keepsAnUnspecifiedSexOfAPractitionerWithoutLicence() {
        PractitionerSummary clerk = new PractitionerSummary(10, "王芳", 9, Profession.ADMINISTRATIVE_STAFF, null, null,
                null, null, 17);
        Practitioner parsed = FHIR.newJsonParser().parseResource(Practitioner.class,
                FHIR.newJsonParser().encodeResourceToString(RegistryMapper.toPractitioner(clerk)));

        assertThat(RegistryMapper.toSummary(parsed)).isEqualTo(clerk);
    }
}

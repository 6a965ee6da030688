package org.yiwang.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.security.internal.ApiClients;

/** CapabilityStatement, Organization and Practitioner over /fhir with HAPI's generic client. */
@IntegrationTest
class FhirRegistryIntegrationTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @LocalServerPort
    int port;

    @Autowired
    ApiClients apiClients;

    @Autowired
    JdbcClient jdbc;

    private IGenericClient client;

    @BeforeEach
    void connect() {
        long organisation = jdbc.sql("select id from registry.organisation where type = 'COUNTY_HOSPITAL' order by code limit 1")
                .query(Long.class).single();
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = FHIR.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(apiClients.issue(organisation, "县医院 HIS", "test").token()));
    }

    @Test
    void capabilityStatementNamesYiwangAndListsExactlyWhatIsOffered() {
        CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(capabilities.getSoftware().getName()).isEqualTo("Yiwang");
        assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
        var resources = capabilities.getRestFirstRep().getResource();
        assertThat(resources).extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                // OperationDefinition: HAPI serves the definitions of the server's operations itself
                .containsExactlyInAnyOrder("OperationDefinition", "Organization", "Patient", "Practitioner",
                        "Encounter", "Condition", "Observation", "DiagnosticReport", "MedicationRequest", "Immunization",
                        "AllergyIntolerance", "Procedure", "DocumentReference", "Binary");
        var binary = resources.stream().filter(r -> r.getType().equals("Binary")).findFirst().orElseThrow();
        assertThat(binary.getInteraction()).extracting(i -> i.getCode().toCode()).containsExactly("read");
        assertThat(capabilities.getRestFirstRep().getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("transaction");
        var observation = resources.stream().filter(r -> r.getType().equals("Observation")).findFirst().orElseThrow();
        assertThat(observation.getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("read", "search-type", "create", "update", "delete");
        assertThat(observation.getSearchParam()).extracting(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
                .contains("patient", "subject", "date", "code", "category");
        var patient = resources.stream().filter(r -> r.getType().equals("Patient")).findFirst().orElseThrow();
        assertThat(patient.getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("read", "search-type", "create", "update").doesNotContain("delete", "history-instance");
        assertThat(patient.getSearchParam()).extracting(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
                .contains("identifier", "name", "birthdate");
        var practitioner = resources.stream().filter(r -> r.getType().equals("Practitioner")).findFirst().orElseThrow();
        assertThat(practitioner.getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("read", "search-type").doesNotContain("create", "update");
    }

    @Test
    void readsAndFindsAnOrganisationByCodeAndByName() {
        record Row(long id, String code, String nameZh) {
        }
        Row clinic = jdbc.sql("select id, code, name_zh from registry.organisation where type = 'VILLAGE_CLINIC' order by code limit 1")
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).single();

        Organization read = client.read().resource(Organization.class).withId(Long.toString(clinic.id())).execute();
        Bundle byCode = client.search().forResource(Organization.class)
                .where(Organization.IDENTIFIER.exactly().systemAndCode(FhirSystems.ORGANISATION_CODE, clinic.code()))
                .returnBundle(Bundle.class).execute();
        Bundle byName = client.search().forResource(Organization.class)
                .where(Organization.NAME.matches().value(clinic.nameZh())).returnBundle(Bundle.class).execute();

        assertThat(read.getName()).isEqualTo(clinic.nameZh());
        assertThat(read.getPartOf().getReference()).startsWith("Organization/");
        assertThat(byCode.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(Long.toString(clinic.id()));
        assertThat(byName.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains(Long.toString(clinic.id()));
        assertThatThrownBy(() -> client.read().resource(Organization.class).withId("987654321").execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.search().forResource(Organization.class)
                .where(Organization.IDENTIFIER.exactly().systemAndCode("urn:other", "x")).returnBundle(Bundle.class).execute())
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void pagesOrganisationsByNameThroughEveryNextLinkWithoutRepeats() {
        long health = jdbc.sql("select count(*) from registry.organisation where name_zh like '%卫生%'").query(Long.class).single();
        Bundle page = client.search().forResource(Organization.class).where(Organization.NAME.matches().value("卫生"))
                .count(3).returnBundle(Bundle.class).execute();
        List<String> seen = new ArrayList<>();
        for (int pages = 0; pages < 200; pages++) {
            page.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
            assertThat(page.getEntry().size()).isLessThanOrEqualTo(3);
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = client.loadPage().next(page).execute();
        }

        assertThat(seen).doesNotHaveDuplicates().hasSize((int) health);
    }

    @Test
    void readsAndFindsAPractitionerByLicenceAndByName() {
        record Row(long id, String name, String licence) {
        }
        Row doctor = jdbc.sql("""
                        select id, name, licence_number from registry.practitioner where licence_number is not null
                        order by id limit 1""")
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).single();

        Practitioner read = client.read().resource(Practitioner.class).withId(Long.toString(doctor.id())).execute();
        Bundle byLicence = client.search().forResource(Practitioner.class)
                .where(Practitioner.IDENTIFIER.exactly().systemAndCode(FhirSystems.PRACTISING_LICENCE, doctor.licence()))
                .returnBundle(Bundle.class).execute();
        Bundle byName = client.search().forResource(Practitioner.class)
                .where(Practitioner.NAME.matches().value(doctor.name())).returnBundle(Bundle.class).execute();

        assertThat(read.getNameFirstRep().getText()).isEqualTo(doctor.name());
        assertThat(RegistryMapper.licenceNumber(read)).isEqualTo(doctor.licence());
        assertThat(byLicence.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(Long.toString(doctor.id()));
        assertThat(byName.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains(Long.toString(doctor.id()));
    }
}

package org.yiwang.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.api.BundleLinks;
import ca.uhn.fhir.rest.api.IVersionSpecificBundleFactory;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.hapi.rest.server.R4BundleFactory;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class SearchBundleFactoryTests {

    private static final String BASE = "https://county.example/fhir";
    private final FhirContext context = new ServerFhirContext();

    @Test
    void searchPagesAreTheBundleHapiBuildsEntryForEntry() {
        String ours = encode(context.newBundleFactory(), BundleTypeEnum.SEARCHSET, page(), Set.of());
        String hapis = encode(new R4BundleFactory(context), BundleTypeEnum.SEARCHSET, page(), Set.of());

        assertThat(context.newBundleFactory()).isInstanceOf(SearchBundleFactory.class);
        assertThat(ours).isEqualTo(hapis)
                .contains("\"fullUrl\":\"" + BASE + "/Observation/obs-1\"")
                .contains("\"fullUrl\":\"" + BASE + "/Patient/7\"")
                .contains("\"mode\":\"match\"");
    }

    @Test
    void bundlesOtherThanPlainSearchPagesAreLeftToHapi() {
        Set<Include> includes = Set.of(new Include("Observation:subject"));
        assertThat(encode(context.newBundleFactory(), BundleTypeEnum.SEARCHSET, page(), includes))
                .isEqualTo(encode(new R4BundleFactory(context), BundleTypeEnum.SEARCHSET, page(), includes));
        assertThat(encode(context.newBundleFactory(), BundleTypeEnum.TRANSACTION_RESPONSE, page(), Set.of()))
                .isEqualTo(encode(new R4BundleFactory(context), BundleTypeEnum.TRANSACTION_RESPONSE, page(), Set.of()));
    }

    private String encode(IVersionSpecificBundleFactory factory, BundleTypeEnum type, List<IBaseResource> resources,
            Set<Include> includes) {
        BundleLinks links = new BundleLinks(BASE, includes, false, type).setSelf(BASE + "/Observation?patient=7");
        factory.addRootPropertiesToBundle("search-1", links, null, null);
        factory.addResourcesToBundle(resources, type, BASE, null, includes);
        return context.newJsonParser().encodeResourceToString((Bundle) factory.getResourceBundle());
    }

    /** A page as the providers make it: references as Type/id, the search mode set by HAPI before bundling. */
    private static List<IBaseResource> page() {
        Observation observation = new Observation();
        observation.setId("obs-1");
        observation.setSubject(new Reference("Patient/7"));
        observation.setValue(new Quantity().setValue(132).setUnit("mmHg"));
        Patient patient = new Patient();
        patient.setId("7");
        for (IBaseResource resource : List.<IBaseResource>of(observation, patient)) {
            ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(resource, BundleEntrySearchModeEnum.MATCH);
        }
        return List.of(observation, patient);
    }
}

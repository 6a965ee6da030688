package org.yiwang.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.api.BundleInclusionRule;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.api.BundleLinks;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.hapi.rest.server.R4BundleFactory;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * HAPI's R4 bundle factory, except that a search page without {@code _include} is assembled directly. HAPI walks
 * every element of every resource of a page to find referenced resource objects to include; our mappers write
 * references as {@code Type/id} and the server offers no {@code _include}, so that walk never finds anything and
 * cost 8 % of an Observation search's CPU. Every other bundle (transaction and batch responses, history) is HAPI's.
 */
final class SearchBundleFactory extends R4BundleFactory {

    private String serverBase;

    SearchBundleFactory(FhirContext context) {
        super(context);
    }

    @Override
    public void addRootPropertiesToBundle(String id, BundleLinks links, Integer totalResults,
            IPrimitiveType<Date> lastUpdated) {
        super.addRootPropertiesToBundle(id, links, totalResults, lastUpdated);
        serverBase = links.serverBase;
    }

    @Override
    public void addResourcesToBundle(List<IBaseResource> resources, BundleTypeEnum type, String requestServerBase,
            BundleInclusionRule inclusionRule, Set<Include> includes) {
        if (type != BundleTypeEnum.SEARCHSET || (includes != null && !includes.isEmpty())) {
            super.addResourcesToBundle(resources, type, requestServerBase, inclusionRule, includes);
            return;
        }
        Bundle bundle = (Bundle) getResourceBundle();
        if (bundle == null) {
            bundle = new Bundle();
            initializeWithBundleResource(bundle);
        }
        String base = serverBase != null && !serverBase.isBlank() ? serverBase : requestServerBase;
        for (IBaseResource next : resources) {
            Resource resource = (Resource) next;
            Bundle.BundleEntryComponent entry = bundle.addEntry().setResource(resource);
            IdType id = resource.getIdElement();
            if (id.hasBaseUrl()) {
                entry.setFullUrl(id.toVersionless().getValue());
            } else if (base != null && !base.isBlank() && id.hasIdPart()) {
                entry.setFullUrl(id.withServerBase(base, resource.fhirType()).toVersionless().getValue());
            }
            BundleEntrySearchModeEnum searchMode = ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.get(resource);
            if (searchMode != null) {
                entry.getSearch().getModeElement().setValueAsString(searchMode.getCode());
            }
            BigDecimal score = ResourceMetadataKeyEnum.ENTRY_SEARCH_SCORE.get(resource);
            if (score != null) {
                entry.getSearch().getScoreElement().setValue(score);
            }
        }
    }
}

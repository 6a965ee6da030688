package org.yiwang.fhir;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.Organisations;

/**
 * Organization over the registry façade: read, search by organisation code or by a part of the Chinese or English
 * name. A county has a few hundred organisations: the name search filters the registry's list in memory and pages
 * it by id.
 */
class OrganizationProvider implements IResourceProvider, CursorPaging.Search {

    private final Organisations organisations;
    private final FhirProperties properties;

    OrganizationProvider(Organisations organisations, FhirProperties properties) {
        this.organisations = organisations;
        this.properties = properties;
    }

    @Override
    public Class<Organization> getResourceType() {
        return Organization.class;
    }

    @Override
    public String resourceType() {
        return "Organization";
    }

    @Read
    public Organization read(@IdParam IdType id) {
        if (!id.hasIdPart() || !id.isIdPartValidLong()) {
            throw new ResourceNotFoundException("No Organization/" + id.getIdPart() + " on this server.");
        }
        return organisations.findById(id.getIdPartAsLong()).map(RegistryMapper::toOrganization)
                .orElseThrow(() -> new ResourceNotFoundException("No Organization/" + id.getIdPart() + " on this server."));
    }

    @Search
    public IBundleProvider searchByIdentifier(@RequiredParam(name = Organization.SP_IDENTIFIER) TokenParam identifier,
            @Count Integer count) {
        if (identifier.getSystem() != null && !identifier.getSystem().isEmpty()
                && !FhirSystems.ORGANISATION_CODE.equals(identifier.getSystem())) {
            throw new FhirInputException("Organization?identifier", "Organizations are searchable by their code ("
                    + FhirSystems.ORGANISATION_CODE + "|code).");
        }
        if (identifier.getValue() == null || identifier.getValue().isBlank()) {
            throw new FhirInputException("Organization?identifier", "Give the organisation code: system|value.");
        }
        return CursorPaging.first(this, Map.of("code", identifier.getValue().strip()), pageSize(count));
    }

    @Search
    public IBundleProvider searchByName(@RequiredParam(name = Organization.SP_NAME) StringParam name, @Count Integer count) {
        if (name.getValue() == null || name.getValue().isBlank()) {
            throw new InvalidRequestException("Give a part of the organisation's name.");
        }
        return CursorPaging.first(this, Map.of("name", name.getValue().strip()), pageSize(count));
    }

    private int pageSize(Integer count) {
        return CursorPaging.pageSize(count, properties.defaultPageSize(), properties.maximumPageSize());
    }

    @Override
    public CursorPaging.Page page(Map<String, String> parameters, String cursor, int count) {
        String code = parameters.get("code");
        if (code != null) {
            return new CursorPaging.Page(organisations.findByCode(code).map(RegistryMapper::toOrganization).stream()
                    .toList(), null);
        }
        long after = PractitionerProvider.cursorValue(cursor);
        String name = parameters.getOrDefault("name", "").toLowerCase(Locale.ROOT);
        List<OrganisationSummary> matching = organisations.listInHierarchyOrder().stream()
                .filter(o -> o.id() > after)
                .filter(o -> o.nameZh().contains(name)
                        || (o.nameEn() != null && o.nameEn().toLowerCase(Locale.ROOT).contains(name)))
                .sorted(java.util.Comparator.comparingLong(OrganisationSummary::id))
                .limit(count + 1L)
                .toList();
        boolean more = matching.size() > count;
        List<OrganisationSummary> shown = more ? matching.subList(0, count) : matching;
        return new CursorPaging.Page(shown.stream().map(RegistryMapper::toOrganization).toList(),
                more ? Long.toString(shown.getLast().id()) : null);
    }
}

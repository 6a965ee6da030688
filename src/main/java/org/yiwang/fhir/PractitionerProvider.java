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
import java.util.Map;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.yiwang.registry.PractitionerSummary;
import org.yiwang.registry.Practitioners;

/** Practitioner over the registry façade: read, search by practising-licence number or name prefix (keyset pages). */
class PractitionerProvider implements IResourceProvider, CursorPaging.Search {

    private final Practitioners practitioners;
    private final FhirProperties properties;

    PractitionerProvider(Practitioners practitioners, FhirProperties properties) {
        this.practitioners = practitioners;
        this.properties = properties;
    }

    @Override
    public Class<Practitioner> getResourceType() {
        return Practitioner.class;
    }

    @Override
    public String resourceType() {
        return "Practitioner";
    }

    @Read
    public Practitioner read(@IdParam IdType id) {
        if (!id.hasIdPart() || !id.isIdPartValidLong()) {
            throw new ResourceNotFoundException("No Practitioner/" + id.getIdPart() + " on this server.");
        }
        return practitioners.findById(id.getIdPartAsLong()).map(RegistryMapper::toPractitioner)
                .orElseThrow(() -> new ResourceNotFoundException("No Practitioner/" + id.getIdPart() + " on this server."));
    }

    @Search
    public IBundleProvider searchByIdentifier(@RequiredParam(name = Practitioner.SP_IDENTIFIER) TokenParam identifier,
            @Count Integer count) {
        if (identifier.getSystem() != null && !identifier.getSystem().isEmpty()
                && !FhirSystems.PRACTISING_LICENCE.equals(identifier.getSystem())) {
            throw new FhirInputException("Practitioner?identifier", "Practitioners are searchable by practising-licence "
                    + "number (" + FhirSystems.PRACTISING_LICENCE + "|number).");
        }
        if (identifier.getValue() == null || identifier.getValue().isBlank()) {
            throw new FhirInputException("Practitioner?identifier", "Give the licence number: system|value.");
        }
        return CursorPaging.first(this, Map.of("licence", identifier.getValue().strip()), pageSize(count));
    }

    @Search
    public IBundleProvider searchByName(@RequiredParam(name = Practitioner.SP_NAME) StringParam name, @Count Integer count) {
        if (name.getValue() == null || name.getValue().isBlank()) {
            throw new InvalidRequestException("Give the beginning of the practitioner's name.");
        }
        return CursorPaging.first(this, Map.of("name", name.getValue().strip()), pageSize(count));
    }

    private int pageSize(Integer count) {
        return CursorPaging.pageSize(count, properties.defaultPageSize(), properties.maximumPageSize());
    }

    @Override
    public CursorPaging.Page page(Map<String, String> parameters, String cursor, int count) {
        long after = cursorValue(cursor);
        String licence = parameters.get("licence");
        if (licence != null) {
            List<Practitioner> found = practitioners.search(licence, null, after, count).stream()
                    .filter(p -> licence.equals(p.licenceNumber())).map(RegistryMapper::toPractitioner).toList();
            return new CursorPaging.Page(found, null);
        }
        List<PractitionerSummary> rows = practitioners.search(parameters.getOrDefault("name", ""), null, after, count + 1);
        boolean more = rows.size() > count;
        List<PractitionerSummary> shown = more ? rows.subList(0, count) : rows;
        return new CursorPaging.Page(shown.stream().map(RegistryMapper::toPractitioner).toList(),
                more ? Long.toString(shown.getLast().id()) : null);
    }

    static long cursorValue(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Unknown page link: '_pageId' is not one this server made.");
        }
    }
}

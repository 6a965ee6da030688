package org.yiwang.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.TimelineCursor;
import org.yiwang.records.TimelinePage;
import org.yiwang.records.TimelineQuery;

/**
 * {@code Patient/{id}/$everything}: the Patient, then every entry of their record the reader may see, newest first,
 * in keyset pages (the record checks access, 403 without a care relationship, and audits every page).
 */
class EverythingProvider implements CursorPaging.Search {

    private final PatientProvider patients;
    private final HealthRecord record;
    private final FhirProperties properties;

    EverythingProvider(PatientProvider patients, HealthRecord record, FhirProperties properties) {
        this.patients = patients;
        this.record = record;
        this.properties = properties;
    }

    @Override
    public String resourceType() {
        return "Patient/$everything";
    }

    @Operation(name = "$everything", type = Patient.class, idempotent = true)
    public IBundleProvider everything(@IdParam IdType id, @OperationParam(name = "_count") IntegerType count,
            RequestDetails request) {
        if (id == null || !id.isIdPartValidLong()) {
            throw new ResourceNotFoundException("No Patient/" + (id == null ? "" : id.getIdPart()) + " on this server.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("patient", id.getIdPart());
        parameters.put("purpose", FhirRequests.purpose(request));
        Integer requested = count == null ? null : count.getValue();
        if (requested == null && request.getParameters().containsKey("_count")) {
            try {
                requested = Integer.valueOf(request.getParameters().get("_count")[0]);
            } catch (NumberFormatException e) {
                throw new FhirInputException("_count", "_count is a whole number.");
            }
        }
        return CursorPaging.first(this, parameters,
                CursorPaging.pageSize(requested, properties.defaultPageSize(), properties.maximumPageSize()));
    }

    @Override
    public CursorPaging.Page page(Map<String, String> parameters, String cursor, int count) {
        long residentId = Long.parseLong(parameters.get("patient"));
        String purpose = parameters.getOrDefault("purpose", FhirRequests.DEFAULT_PURPOSE);
        TimelineCursor after;
        try {
            after = cursor == null ? null : TimelineCursor.parse(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Unknown page link: '_pageId' is not one this server made.");
        }
        List<Resource> resources = new ArrayList<>();
        // the record first: it refuses a reader without a care relationship before the Patient is shown
        TimelinePage page = record.timeline(residentId, new TimelineQuery(null, null, null, null, after, count), purpose);
        if (cursor == null) {
            resources.add(patients.read(new IdType("Patient", Long.toString(residentId)), purpose));
        }
        for (ClinicalEntry e : page.entries()) {
            Resource resource = EntryMapper.toResource(e);
            if (resource != null) {
                resources.add(resource);
            }
        }
        return new CursorPaging.Page(resources, page.next() == null ? null : page.next().token());
    }
}

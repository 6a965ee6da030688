package org.yiwang.fhir;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.EntryBatchException;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.NewEntry;

/**
 * Transaction Bundles ({@code POST /fhir}, {@code Bundle.type = transaction}): a clinic's HIS pushes a whole visit
 * (the Patient, with {@code ifNoneExist: identifier=system|value} to find one already registered, its Encounter,
 * Observations, Conditions…) with {@code urn:uuid:} references between the entries. All or nothing: one database
 * transaction for the master index and the record; any refused entry refuses the Bundle, naming
 * {@code Bundle.entry[i]}. Entries are processed Patients first, then Encounters, then the other entries in Bundle
 * order, DiagnosticReports last (their results may be Observations of the same Bundle); the response lists them in
 * the Bundle's order. An entry without an identifier gets its {@code urn:uuid:} fullUrl as the sender's id, so
 * that the retry of the same Bundle stores nothing new; entries already on file answer 200, new ones 201. Any entry
 * may carry {@code ifNoneExist: identifier=system|value}: an entry of the organisation it names is used instead.
 */
class TransactionProvider {

    /** Identifier system of a sender's id that is an entry's {@code urn:uuid:} fullUrl (RFC 3986 URI). */
    static final String FULL_URL_SYSTEM = "urn:ietf:rfc:3986";

    private final PatientProvider patients;
    private final HealthRecord record;
    private final CurrentActor currentActor;
    private final TransactionTemplate transactions;

    TransactionProvider(PatientProvider patients, HealthRecord record, CurrentActor currentActor,
            TransactionTemplate transactions) {
        this.patients = patients;
        this.record = record;
        this.currentActor = currentActor;
        this.transactions = transactions;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            throw new FhirInputException("Bundle.type", "Only transaction Bundles are accepted (Bundle.type = "
                    + "transaction); batch is not offered.");
        }
        Long organisation = currentActor.require().actingOrganisationId();
        if (organisation == null) {
            throw new ForbiddenOperationException("Only an organisation's API client may write to the record.");
        }
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent entry = entries.get(i);
            String path = "Bundle.entry[" + i + "]";
            if (!entry.hasResource()) {
                throw new FhirInputException(path + ".resource", "Each entry needs a resource.");
            }
            if (!entry.hasRequest() || entry.getRequest().getMethod() != Bundle.HTTPVerb.POST) {
                throw new FhirInputException(path + ".request.method", "Only POST (create) entries are accepted in "
                        + "a transaction.");
            }
            String type = entry.getResource().fhirType();
            if (!"Patient".equals(type) && EntryMapper.kind(type) == null) {
                throw new FhirInputException(path + ".resource", "This server does not record " + type + " resources.");
            }
        }
        String purpose = FhirRequests.purpose(request);
        return transactions.execute(status -> {
            Map<String, IdType> created = new HashMap<>();
            Bundle.BundleEntryComponent[] responses = new Bundle.BundleEntryComponent[entries.size()];
            for (int pass = 0; pass < 4; pass++) {
                // the entries of one pass never refer to each other: the new ones of a pass are stored together
                List<Integer> batched = new ArrayList<>();
                List<NewEntry> batch = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    Bundle.BundleEntryComponent entry = entries.get(i);
                    Resource resource = entry.getResource();
                    if (pass(resource.fhirType()) != pass) {
                        continue;
                    }
                    try {
                        if (resource instanceof Patient patient) {
                            MethodOutcome outcome = patients.create(patient, entry.getRequest().getIfNoneExist(), request);
                            respond(entries, responses, created, i, (IdType) outcome.getId(),
                                    Boolean.TRUE.equals(outcome.getCreated()));
                            continue;
                        }
                        Optional<ClinicalEntry> match = !entry.getRequest().hasIfNoneExist() ? Optional.empty()
                                : IfNoneExist.match(record, entry.getRequest().getIfNoneExist(),
                                        EntryMapper.kind(resource.fhirType()), resource.fhirType(), organisation, purpose);
                        if (match.isPresent()) {
                            respond(entries, responses, created, i,
                                    new IdType(resource.fhirType(), Long.toString(match.get().id())), false);
                            continue;
                        }
                        Identifier fallback = entry.getFullUrl() != null && entry.getFullUrl().startsWith("urn:uuid:")
                                ? new Identifier().setSystem(FULL_URL_SYSTEM).setValue(entry.getFullUrl()) : null;
                        batch.add(EntryMapper.toEntry(resource, references(created), organisation, fallback));
                        batched.add(i);
                    } catch (RuntimeException e) {
                        throw entryException(i, resource, e);
                    }
                }
                if (batch.isEmpty()) {
                    continue;
                }
                List<HealthRecord.Recorded> recorded;
                try {
                    // a replay is found by the sender's id; the record checks it names the same resident and kind
                    recorded = record.recordOrFindAll(batch, purpose);
                } catch (EntryBatchException e) {
                    int i = batched.get(e.position());
                    throw entryException(i, entries.get(i).getResource(), e.getCause());
                }
                for (int k = 0; k < batched.size(); k++) {
                    int i = batched.get(k);
                    respond(entries, responses, created, i, new IdType(entries.get(i).getResource().fhirType(),
                            Long.toString(recorded.get(k).id())), recorded.get(k).created());
                }
            }
            Bundle answer = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            for (Bundle.BundleEntryComponent response : responses) {
                answer.addEntry(response);
            }
            return answer;
        });
    }

    private static void respond(List<Bundle.BundleEntryComponent> entries, Bundle.BundleEntryComponent[] responses,
            Map<String, IdType> created, int i, IdType id, boolean isNew) {
        if (entries.get(i).hasFullUrl()) {
            created.put(entries.get(i).getFullUrl(), id);
        }
        var response = new Bundle.BundleEntryComponent();
        response.getResponse().setStatus(isNew ? "201 Created" : "200 OK")
                .setLocation(id.getResourceType() + "/" + id.getIdPart());
        responses[i] = response;
    }

    /** A refusal of entry {@code i}, naming it; a failure that is not a refusal (the database, a bug) passes as is. */
    private static RuntimeException entryException(int i, Resource resource, RuntimeException e) {
        if (e instanceof FhirInputException || e instanceof BaseServerResponseException
                || e.getClass().getPackageName().startsWith("org.yiwang")) {
            return new BundleEntryException(i, resource.fhirType(), e);
        }
        return e;
    }

    private static int pass(String resourceType) {
        return switch (resourceType) {
            case "Patient" -> 0;
            case "Encounter" -> 1;
            case "DiagnosticReport" -> 3;
            default -> 2;
        };
    }

    /** {@code urn:uuid:} references to entries made earlier in the Bundle; {@code Type/id} otherwise. */
    private static EntryMapper.References references(Map<String, IdType> created) {
        return new EntryMapper.References() {
            @Override
            public long patient(Reference reference, String path) {
                Long id = resolve(reference, "Patient", path);
                if (id == null) {
                    throw new FhirInputException(path, "A reference to the Patient is required (Patient/{id} or the "
                            + "fullUrl of a Patient entry).");
                }
                return id;
            }

            @Override
            public Long entry(Reference reference, String resourceType, String path) {
                return resolve(reference, resourceType, path);
            }

            @Override
            public Long practitioner(Reference reference, String path) {
                return resolve(reference, "Practitioner", path);
            }

            private Long resolve(Reference reference, String resourceType, String path) {
                if (reference != null && reference.hasReference() && reference.getReference().startsWith("urn:")) {
                    IdType id = created.get(reference.getReference());
                    if (id == null || !resourceType.equals(id.getResourceType())) {
                        throw new FhirInputException(path, "'" + reference.getReference() + "' is not the fullUrl of a "
                                + resourceType + " entry processed before this one in the Bundle.");
                    }
                    return id.getIdPartAsLong();
                }
                return EntryMapper.id(reference, resourceType, path);
            }
        };
    }
}

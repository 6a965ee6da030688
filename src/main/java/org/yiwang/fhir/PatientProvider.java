package org.yiwang.fhir;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.yiwang.mpi.IdentityDocumentType;
import org.yiwang.mpi.ResidentDetails;
import org.yiwang.mpi.ResidentDirectory;
import org.yiwang.mpi.ResidentDraft;
import org.yiwang.mpi.ResidentListItem;
import org.yiwang.mpi.ResidentRecord;
import org.yiwang.mpi.ResidentRegistration;
import org.yiwang.mpi.ResidentSummary;
import org.yiwang.mpi.Residents;
import org.yiwang.platform.crypto.Masking;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.Organisations;

/**
 * Patient over the master patient index (mpi façades only; each of them audits the residents it returns or changes,
 * with the purpose {@code FHIR API}): read, search by identifier (the resident ID number under
 * {@code urn:oid:2.16.156.10011.1.1}, found by blind index; the health-record number; other identity documents), by
 * name prefix and/or birth date (keyset pages), create (the acting organisation of the API token registers;
 * {@code If-None-Exist: identifier=…} and {@code Idempotency-Key} make retries safe) and update (version-checked
 * with {@code If-Match}).
 */
class PatientProvider implements IResourceProvider, CursorPaging.Search {

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final Residents residents;
    private final ResidentDirectory directory;
    private final ResidentRegistration registration;
    private final CurrentActor currentActor;
    private final Organisations organisations;
    private final Masking masking;
    private final FhirProperties properties;

    PatientProvider(Residents residents, ResidentDirectory directory, ResidentRegistration registration,
            CurrentActor currentActor, Organisations organisations, Masking masking, FhirProperties properties) {
        this.residents = residents;
        this.directory = directory;
        this.registration = registration;
        this.currentActor = currentActor;
        this.organisations = organisations;
        this.masking = masking;
        this.properties = properties;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Override
    public String resourceType() {
        return "Patient";
    }

    /** The resident; the id of a record merged since answers with the survivor (its own id). */
    @Read
    public Patient read(@IdParam IdType id, RequestDetails request) {
        return read(id, FhirRequests.purpose(request));
    }

    /** {@link #read} with the audit purpose given ($everything). */
    Patient read(IdType id, String purpose) {
        // one query (merge resolution included) and its audit entry, in one transaction
        ResidentRecord resident = directory.currentResident(residentId(id), purpose).orElseThrow(() -> notFound(id));
        return PatientMapper.toPatient(PatientMapper.of(resident));
    }

    @Search
    public IBundleProvider searchByIdentifier(@RequiredParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
            @Count Integer count, RequestDetails request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(Patient.SP_IDENTIFIER, (identifier.getSystem() == null ? "" : identifier.getSystem()) + "|"
                + (identifier.getValue() == null ? "" : identifier.getValue()));
        parameters.put("purpose", FhirRequests.purpose(request));
        return CursorPaging.first(this, parameters, pageSize(count));
    }

    @Search
    public IBundleProvider searchByNameOrBirthDate(@OptionalParam(name = Patient.SP_NAME) StringParam name,
            @OptionalParam(name = Patient.SP_BIRTHDATE) DateParam birthDate, @Count Integer count,
            RequestDetails request) {
        if ((name == null || name.getValue() == null || name.getValue().isBlank()) && birthDate == null) {
            throw new InvalidRequestException("Search Patient by 'identifier' (system|value), 'name' (prefix, "
                    + "Chinese characters or pinyin) and/or 'birthdate' (yyyy-MM-dd); listing every patient is not offered.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (name != null && name.getValue() != null && !name.getValue().isBlank()) {
            parameters.put(Patient.SP_NAME, name.getValue().strip());
        }
        if (birthDate != null) {
            if (birthDate.getPrefix() != null && birthDate.getPrefix() != ParamPrefixEnum.EQUAL) {
                throw new FhirInputException("Patient?birthdate", "Only an exact birth date (yyyy-MM-dd, no prefix) is "
                        + "searchable.");
            }
            parameters.put(Patient.SP_BIRTHDATE, birthDate.getValueAsString());
        }
        parameters.put("purpose", FhirRequests.purpose(request));
        return CursorPaging.first(this, parameters, pageSize(count));
    }

    private int pageSize(Integer count) {
        return CursorPaging.pageSize(count, properties.defaultPageSize(), properties.maximumPageSize());
    }

    @Override
    public CursorPaging.Page page(Map<String, String> parameters, String cursor, int count) {
        String purpose = parameters.getOrDefault("purpose", FhirRequests.DEFAULT_PURPOSE);
        String identifier = parameters.get(Patient.SP_IDENTIFIER);
        if (identifier != null) {
            return new CursorPaging.Page(byIdentifier(identifier, purpose), null);
        }
        LocalDate birthDate = null;
        if (parameters.containsKey(Patient.SP_BIRTHDATE)) {
            try {
                birthDate = LocalDate.parse(parameters.get(Patient.SP_BIRTHDATE));
            } catch (DateTimeParseException e) {
                throw new FhirInputException("Patient?birthdate", "The birth date must be a full date yyyy-MM-dd.");
            }
        }
        long after = 0;
        if (cursor != null) {
            try {
                after = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("Unknown page link: '_pageId' is not one this server made.");
            }
        }
        ResidentDirectory.Page page = directory.search(parameters.getOrDefault(Patient.SP_NAME, ""), birthDate, after,
                purpose);
        List<ResidentListItem> shown = page.residents().size() > count ? page.residents().subList(0, count)
                : page.residents();
        String next = page.residents().size() > count ? Long.toString(shown.getLast().id())
                : page.nextAfter() == null ? null : Long.toString(page.nextAfter());
        return new CursorPaging.Page(shown.stream()
                .map(item -> PatientMapper.toPatient(PatientMapper.of(item, null))).toList(), next);
    }

    private List<Patient> byIdentifier(String token, String purpose) {
        int bar = token.indexOf('|');
        String system = bar < 0 ? "" : token.substring(0, bar);
        String value = bar < 0 ? token : token.substring(bar + 1);
        if (value.isBlank()) {
            throw new FhirInputException("Patient?identifier", "Give the identifier as system|value, e.g. "
                    + FhirSystems.RESIDENT_ID + "|110105194912310021.");
        }
        if (system.isEmpty() || FhirSystems.RESIDENT_ID.equals(system)) {
            if (system.isEmpty() && value.strip().matches("[0-9]{17}")) {
                return byHealthRecordNumber(value, purpose);
            }
            Optional<ResidentSummary> found = residents.findByIdNumber(value, purpose);
            return found.map(s -> List.of(PatientMapper.toPatient(PatientMapper.of(s)))).orElse(List.of());
        }
        if (FhirSystems.HEALTH_RECORD_NUMBER.equals(system)) {
            return byHealthRecordNumber(value, purpose);
        }
        IdentityDocumentType type = PatientMapper.documentType(system);
        if (type == null) {
            throw new FhirInputException("Patient?identifier", "Unknown identifier system '" + system + "': search "
                    + "with " + FhirSystems.RESIDENT_ID + ", " + FhirSystems.HEALTH_RECORD_NUMBER + " or "
                    + FhirSystems.IDENTITY_DOCUMENT_PREFIX + "<type>.");
        }
        // the master index tells the document type apart by the number's shape and looks it up by blind index
        return directory.search(value, null, 0, purpose).residents().stream()
                .map(item -> PatientMapper.toPatient(PatientMapper.of(item, null))).toList();
    }

    private List<Patient> byHealthRecordNumber(String value, String purpose) {
        String number = value.strip();
        if (!number.matches("[0-9]{17}")) {
            throw new FhirInputException("Patient?identifier", "A health-record number has 17 digits.");
        }
        return directory.search(number, null, 0, purpose).residents().stream()
                .map(item -> PatientMapper.toPatient(PatientMapper.of(item, null))).toList();
    }

    /**
     * Registers the resident at the acting organisation of the token. {@code If-None-Exist: identifier=system|value}
     * answers 200 with the resident already holding that identifier; an {@code Idempotency-Key} header replays the
     * first answer to a retry.
     */
    @Create
    public MethodOutcome create(@ResourceParam Patient patient, @ConditionalUrlParam String conditional,
            RequestDetails request) {
        if (patient.hasIdElement() && patient.getIdElement().hasIdPart() && !patient.getIdElement().getIdPart().isBlank()
                && !patient.getIdElement().getIdPart().startsWith("urn:")) {
            // HAPI keeps a client id on create; the server assigns ids
            patient.setId((String) null);
        }
        if (conditional != null) {
            List<Patient> existing = existing(conditional, FhirRequests.purpose(request));
            if (existing.size() == 1) {
                MethodOutcome outcome = new MethodOutcome(new IdType("Patient", existing.getFirst().getIdElement().getIdPart()), false);
                outcome.setResource(existing.getFirst());
                return outcome;
            }
            if (existing.size() > 1) {
                throw new PreconditionFailedException("If-None-Exist matches more than one Patient.");
            }
        }
        ResidentDraft draft = PatientMapper.toDraft(patient, defaults());
        String key = request.getHeader("Idempotency-Key");
        key = key == null || key.isBlank() ? null : key.strip();
        if (key != null && key.length() > MAX_IDEMPOTENCY_KEY) {
            throw new FhirInputException("Idempotency-Key", "The Idempotency-Key header has at most "
                    + MAX_IDEMPOTENCY_KEY + " characters.");
        }
        ResidentRegistration.Registered registered = registration.registerForClient(key, "FHIR " + draft, draft);
        return new MethodOutcome(new IdType("Patient", Long.toString(registered.residentId())), !registered.replayed());
    }

    private List<Patient> existing(String conditional, String purpose) {
        String query = conditional.contains("?") ? conditional.substring(conditional.indexOf('?') + 1) : conditional;
        String[] pair = query.split("=", 2);
        if (query.contains("&") || pair.length != 2 || !Patient.SP_IDENTIFIER.equals(pair[0])) {
            throw new FhirInputException("If-None-Exist", "If-None-Exist takes one parameter: identifier=system|value.");
        }
        return byIdentifier(URLDecoder.decode(pair[1], StandardCharsets.UTF_8), purpose);
    }

    private PatientMapper.Defaults defaults() {
        FhirProperties.PatientDefaults defaults = properties.patientDefaults();
        String ethnicity = defaults.ethnicityCode() == null || defaults.ethnicityCode().isBlank() ? null
                : defaults.ethnicityCode().strip();
        String division = null;
        if (defaults.divisionFromOrganisation()) {
            Actor actor = currentActor.require();
            division = actor.actingOrganisationId() == null ? null
                    : organisations.findById(actor.actingOrganisationId()).map(OrganisationSummary::divisionCode)
                            .filter(code -> code.length() == 12).orElse(null);
        }
        return new PatientMapper.Defaults(ethnicity, division);
    }

    /**
     * Replaces the resident's demographic fields with the Patient's and adds its identity documents and phones that
     * are not on file yet (masked ones, as read, are kept as they are). The version is the one of {@code If-Match}
     * or {@code meta.versionId}: a newer one on file answers 412 (409 without If-Match); with neither, the current
     * one. The reason recorded in the version history is the {@code X-Reason} header or "FHIR update".
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Patient patient, RequestDetails request) {
        long residentId = residentId(id);
        if (patient.getIdElement().hasIdPart() && !patient.getIdElement().getIdPart().equals(id.getIdPart())) {
            throw new FhirInputException("Patient.id", "The Patient's id (" + patient.getIdElement().getIdPart()
                    + ") differs from the URL's (" + id.getIdPart() + ").");
        }
        String purpose = FhirRequests.purpose(request);
        ResidentDetails details = directory.details(residentId, purpose).orElseThrow(() -> notFound(id));
        if (details.voided() || residents.resolve(residentId).filter(current -> current == residentId).isEmpty()) {
            throw new ResourceVersionConflictException("Patient/" + residentId + " was merged into another record or "
                    + "voided; update the record it resolves to (read it for its id).");
        }
        boolean ifMatch = id.hasVersionIdPart();
        String versionText = ifMatch ? id.getVersionIdPart()
                : patient.getMeta().hasVersionId() ? patient.getMeta().getVersionId() : null;
        int expected;
        try {
            expected = versionText == null ? details.version() : Integer.parseInt(versionText.strip());
        } catch (NumberFormatException e) {
            throw new FhirInputException(ifMatch ? "If-Match" : "Patient.meta.versionId",
                    "A version is a whole number, e.g. W/\"3\".");
        }
        if (expected != details.version()) {
            String message = "Patient/" + residentId + " is at version " + details.version() + ", not " + expected
                    + ": read it again and apply the change to the current version.";
            throw ifMatch ? new PreconditionFailedException(message) : new ResourceVersionConflictException(message);
        }
        ResidentDraft draft = onlyNew(PatientMapper.toDraft(patient, PatientMapper.Defaults.NONE), details, purpose);
        String reason = request.getHeader("X-Reason");
        registration.update(residentId, expected, draft, Set.of(), Set.of(),
                reason == null || reason.isBlank() ? "FHIR update" : reason.strip());
        int version = directory.details(residentId, purpose).map(ResidentDetails::version).orElse(expected + 1);
        return new MethodOutcome(new IdType("Patient", Long.toString(residentId), Integer.toString(version)), false);
    }

    /** The draft without the documents and phones the resident already holds (an update adds; it never voids). */
    private ResidentDraft onlyNew(ResidentDraft draft, ResidentDetails details, String purpose) {
        List<ResidentDraft.DocumentInput> documents = new ArrayList<>();
        for (ResidentDraft.DocumentInput document : draft.documents()) {
            if (document.type() == IdentityDocumentType.RESIDENT_ID && document.number() != null) {
                Optional<ResidentSummary> holder;
                try {
                    holder = residents.findByIdNumber(document.number(), purpose);
                } catch (RuntimeException invalid) {
                    documents.add(document); // the master index names the problem with the field
                    continue;
                }
                if (holder.isPresent() && holder.get().id() == details.id()) {
                    continue;
                }
            }
            documents.add(document);
        }
        Set<String> phonesOnFile = new HashSet<>();
        details.phones().forEach(p -> phonesOnFile.add(p.numberMasked()));
        List<String> phones = draft.phones().stream()
                .filter(p -> !phonesOnFile.contains(masking.phone(p.strip()))).toList();
        return new ResidentDraft(draft.name(), draft.sex(), draft.birthDate(), draft.ethnicityCode() != null
                ? draft.ethnicityCode() : details.ethnicityCode(), documents, phones,
                draft.divisionCode() != null ? draft.divisionCode() : details.resident().divisionCode(),
                draft.address(), details.guardian() == null ? null : details.guardian().healthRecordNumber(),
                null);
    }

    private static long residentId(IdType id) {
        if (id == null || !id.hasIdPart() || !id.isIdPartValidLong()) {
            throw notFound(id);
        }
        return id.getIdPartAsLong();
    }

    private static ResourceNotFoundException notFound(IdType id) {
        return new ResourceNotFoundException("No Patient/" + (id == null ? "" : id.getIdPart()) + " on this server.");
    }
}

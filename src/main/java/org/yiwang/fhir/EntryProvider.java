package org.yiwang.fhir;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.EntryKind;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.NewEntry;
import org.yiwang.records.TimelineCursor;
import org.yiwang.records.TimelinePage;
import org.yiwang.records.TimelineQuery;

/**
 * One kind of record entry as a FHIR resource type over {@link HealthRecord} (which checks access and audits every
 * read and write): read (a voided entry answers 410 Gone naming its replacement, if any), search by {@code patient}
 * or {@code subject} (required), {@code date} (ge/gt/le/lt/eq), {@code code} (system|code, several with commas)
 * and {@code category}, newest first in keyset pages; create (the API token's organisation is the source; the
 * resource's identifier is the sender's id of the item, so a retry stores nothing new); update = correction
 * (void-and-replace: the replacement gets a new id, answered with its resource and Location; the old id then reads
 * 410); delete = void with the reason of the {@code X-Reason} header (400 without it; percent-encoded UTF-8 for
 * Chinese), never a physical deletion.
 * Only the organisation that recorded an entry corrects or voids it.
 */
abstract class EntryProvider<R extends Resource> implements IResourceProvider, CursorPaging.Search {

    /** How many timeline rows one page may scan to fill itself when filtering by code or category. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Class<R> type;
    private final EntryKind kind;
    private final HealthRecord record;
    private final CurrentActor currentActor;
    private final FhirProperties properties;

    EntryProvider(Class<R> type, EntryKind kind, HealthRecord record, CurrentActor currentActor,
            FhirProperties properties) {
        this.type = type;
        this.kind = kind;
        this.record = record;
        this.currentActor = currentActor;
        this.properties = properties;
    }

    @Override
    public Class<R> getResourceType() {
        return type;
    }

    @Override
    public String resourceType() {
        return EntryMapper.resourceType(kind);
    }

    @Read
    public Resource read(@IdParam IdType id, RequestDetails request) {
        ClinicalEntry entry = entry(id, FhirRequests.purpose(request));
        if (entry.voided()) {
            throw new ResourceGoneException(resourceType() + "/" + entry.id() + " was voided (" + entry.voidReason()
                    + ")" + (entry.replacedById() == null ? "."
                    : "; its correction is " + resourceType() + "/" + entry.replacedById() + "."));
        }
        Resource resource = EntryMapper.toResource(entry);
        inlineSmallFiles(resource, entry, FhirRequests.purpose(request));
        return resource;
    }

    /** Files up to the configured size travel inline as well on a read by id (a search only links them). */
    private void inlineSmallFiles(Resource resource, ClinicalEntry entry, String purpose) {
        long limit = properties.inlineAttachmentMaxBytes();
        if (limit == 0 || entry.attachments().isEmpty()) {
            return;
        }
        Map<Long, byte[]> small = new LinkedHashMap<>();
        for (var a : entry.attachments()) {
            if (a.sizeBytes() <= limit) {
                record.attachmentContent(a.id(), purpose).ifPresent(c -> small.put(a.id(), c.content()));
            }
        }
        EntryMapper.inline(resource, small);
    }

    private ClinicalEntry entry(IdType id, String purpose) {
        if (id == null || !id.hasIdPart() || !id.isIdPartValidLong()) {
            throw notFound(id);
        }
        return record.find(id.getIdPartAsLong(), purpose).filter(e -> e.kind() == kind)
                .orElseThrow(() -> notFound(id));
    }

    private ResourceNotFoundException notFound(IdType id) {
        return new ResourceNotFoundException("No " + resourceType() + "/" + (id == null ? "" : id.getIdPart())
                + " on this server (or it is hidden from your organisation).");
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "subject") ReferenceParam subject,
            @OptionalParam(name = "date") DateRangeParam date,
            @OptionalParam(name = "code") TokenOrListParam code,
            @OptionalParam(name = "category") TokenParam category,
            @Count Integer count, RequestDetails request) {
        ReferenceParam who = patient != null ? patient : subject;
        if (who == null || who.getIdPart() == null || !who.getIdPart().matches("[0-9]{1,18}")
                || who.getResourceType() != null && !"Patient".equals(who.getResourceType())) {
            throw new FhirInputException(resourceType() + "?patient", "Search " + resourceType() + " by 'patient' (or "
                    + "'subject'): Patient/{id}; listing the entries of every resident is not offered.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("patient", who.getIdPart());
        if (date != null) {
            Instant[] bounds = bounds(date);
            if (bounds[0] != null) {
                parameters.put("from", bounds[0].toString());
            }
            if (bounds[1] != null) {
                parameters.put("to", bounds[1].toString());
            }
        }
        if (code != null && !code.getValuesAsQueryTokens().isEmpty()) {
            List<String> codes = new ArrayList<>();
            for (TokenParam token : code.getValuesAsQueryTokens()) {
                if (token.getValue() == null || token.getValue().isBlank()) {
                    throw new FhirInputException(resourceType() + "?code", "Give the code as system|code.");
                }
                codes.add((token.getSystem() == null ? "" : token.getSystem()) + "|" + token.getValue().strip());
            }
            parameters.put("code", String.join(",", codes));
        }
        if (category != null && category.getValue() != null) {
            parameters.put("category", category.getValue().strip());
        }
        parameters.put("purpose", FhirRequests.purpose(request));
        return CursorPaging.first(this, parameters,
                CursorPaging.pageSize(count, properties.defaultPageSize(), properties.maximumPageSize()));
    }

    /**
     * The inclusive start and exclusive end of a date range, each precision-aware ({@code date=2025-03} is all of
     * March); a date without a time zone is one of China (UTC+8).
     */
    static Instant[] bounds(DateRangeParam range) {
        Instant from = null;
        Instant to = null;
        for (DateParam param : new DateParam[] {range.getLowerBound(), range.getUpperBound()}) {
            if (param == null || param.getValueAsString() == null) {
                continue;
            }
            Instant[] span = span(param.getValueAsString());
            ParamPrefixEnum prefix = param.getPrefix() == null ? ParamPrefixEnum.EQUAL : param.getPrefix();
            switch (prefix) {
                case GREATERTHAN_OR_EQUALS -> from = max(from, span[0]);
                case GREATERTHAN, STARTS_AFTER -> from = max(from, span[1]);
                case LESSTHAN_OR_EQUALS -> to = min(to, span[1]);
                case LESSTHAN, ENDS_BEFORE -> to = min(to, span[0]);
                case EQUAL -> {
                    from = max(from, span[0]);
                    to = min(to, span[1]);
                }
                default -> throw new FhirInputException("date", "Only the date prefixes eq, ge, gt, le and lt are "
                        + "offered.");
            }
        }
        return new Instant[] {from, to};
    }

    /** Start (inclusive) and end (exclusive) of a FHIR date or dateTime at its precision. */
    static Instant[] span(String value) {
        try {
            if (value.matches("[0-9]{4}")) {
                LocalDate start = LocalDate.of(Integer.parseInt(value), 1, 1);
                return new Instant[] {start.atStartOfDay(CHINA).toInstant(), start.plusYears(1).atStartOfDay(CHINA).toInstant()};
            }
            if (value.matches("[0-9]{4}-[0-9]{2}")) {
                LocalDate start = LocalDate.parse(value + "-01");
                return new Instant[] {start.atStartOfDay(CHINA).toInstant(), start.plusMonths(1).atStartOfDay(CHINA).toInstant()};
            }
            if (value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                LocalDate start = LocalDate.parse(value);
                return new Instant[] {start.atStartOfDay(CHINA).toInstant(), start.plusDays(1).atStartOfDay(CHINA).toInstant()};
            }
            Instant start = value.matches(".*(Z|[+-][0-9]{2}:[0-9]{2})$") ? OffsetDateTime.parse(value).toInstant()
                    : LocalDateTime.parse(value).atZone(CHINA).toInstant();
            return new Instant[] {start, start.plusSeconds(1)};
        } catch (DateTimeException e) {
            throw new FhirInputException("date", "'" + value + "' is not a FHIR date or dateTime.");
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    @Override
    public CursorPaging.Page page(Map<String, String> parameters, String cursor, int count) {
        long residentId = Long.parseLong(parameters.get("patient"));
        String purpose = parameters.getOrDefault("purpose", FhirRequests.DEFAULT_PURPOSE);
        Instant from = parameters.containsKey("from") ? Instant.parse(parameters.get("from")) : null;
        Instant to = parameters.containsKey("to") ? Instant.parse(parameters.get("to")) : null;
        Set<String> codes = parameters.containsKey("code") ? new LinkedHashSet<>(List.of(parameters.get("code").split(",")))
                : Set.of();
        String category = parameters.get("category");
        TimelineCursor after;
        try {
            after = cursor == null ? null : TimelineCursor.parse(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Unknown page link: '_pageId' is not one this server made.");
        }
        // code and category filter in SQL, so a page is one query however rare the code
        TimelinePage page = record.timeline(residentId,
                new TimelineQuery(Set.of(kind), from, to, Set.of(), after, count, codes, category), purpose);
        List<Resource> resources = new ArrayList<>(page.entries().size());
        for (ClinicalEntry e : page.entries()) {
            resources.add(EntryMapper.toResource(e));
        }
        return new CursorPaging.Page(resources, page.next() == null ? null : page.next().token());
    }

    /**
     * Records the resource for the API token's organisation. Answers 201 Created with the new id, or 200 OK with the
     * entry already on file (FHIR conditional create) when {@code If-None-Exist: identifier=system|value} matches one
     * of the organisation's entries, or when the resource's identifier is one the organisation already sent (a
     * retried create: nothing new is stored); 412 when the condition matches more than one entry.
     */
    @Create
    public MethodOutcome create(@ResourceParam R resource, @ConditionalUrlParam String conditional,
            RequestDetails request) {
        long organisation = organisation();
        String purpose = FhirRequests.purpose(request);
        if (conditional != null) {
            Optional<ClinicalEntry> match = IfNoneExist.match(record, conditional, kind, resourceType(), organisation,
                    purpose);
            if (match.isPresent()) {
                return existing(match.get());
            }
        }
        NewEntry entry = EntryMapper.toEntry(resource, EntryMapper.DIRECT, organisation, null);
        // a retry is found by the sender's id; the record checks it names the same resident and kind (else 409)
        HealthRecord.Recorded recorded = record.recordOrFind(entry, purpose);
        if (!recorded.created()) {
            Optional<ClinicalEntry> before = record.find(recorded.id(), purpose);
            if (before.isPresent()) {
                return existing(before.get());
            }
        }
        return new MethodOutcome(new IdType(resourceType(), Long.toString(recorded.id())), recorded.created());
    }

    private MethodOutcome existing(ClinicalEntry entry) {
        MethodOutcome outcome = new MethodOutcome(new IdType(resourceType(), Long.toString(entry.id())), false);
        outcome.setResource(EntryMapper.toResource(entry));
        return outcome;
    }

    /**
     * Corrects the entry: it is voided with the reason of {@code X-Reason} ("FHIR update" when absent) and the
     * resource becomes a new entry with a new id, answered with the new resource and its Location.
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam R resource, RequestDetails request) {
        String purpose = FhirRequests.purpose(request);
        ClinicalEntry old = own(id, purpose);
        String reason = FhirRequests.reason(request);
        long newId = record.correct(old.id(), EntryMapper.toEntry(resource, EntryMapper.DIRECT, old.organisationId(),
                null), reason == null ? "FHIR update" : reason, purpose);
        MethodOutcome outcome = new MethodOutcome(new IdType(resourceType(), Long.toString(newId)), true);
        record.find(newId, purpose).map(EntryMapper::toResource).ifPresent(outcome::setResource);
        return outcome;
    }

    /** Voids the entry with the reason of the {@code X-Reason} header; it stays on file and then reads 410. */
    @Delete
    public MethodOutcome delete(@IdParam IdType id, RequestDetails request) {
        String reason = FhirRequests.reason(request);
        if (reason == null) {
            throw new FhirInputException("X-Reason", "Give the reason for voiding the entry in the X-Reason header; "
                    + "entries are voided, never deleted.");
        }
        String purpose = FhirRequests.purpose(request);
        ClinicalEntry old = own(id, purpose);
        record.voidEntry(old.id(), reason, purpose);
        return new MethodOutcome(new IdType(resourceType(), Long.toString(old.id())));
    }

    private ClinicalEntry own(IdType id, String purpose) {
        ClinicalEntry old = entry(id, purpose);
        if (old.organisationId() != organisation()) {
            throw new ForbiddenOperationException("Only the organisation that recorded " + resourceType() + "/"
                    + old.id() + " may correct or void it.");
        }
        if (old.voided()) {
            throw new ResourceGoneException(resourceType() + "/" + old.id() + " was voided already.");
        }
        return old;
    }

    private long organisation() {
        Long organisation = currentActor.require().actingOrganisationId();
        if (organisation == null) {
            throw new ForbiddenOperationException("Only an organisation's API client may write to the record.");
        }
        return organisation;
    }
}

package org.yiwang.records;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The rows of {@code records.entry} and {@code records.attachment}. */
@Repository
class EntryStore {

    private static final String COLUMNS = """
            e.id, e.resident_id, e.kind, e.encounter_id, e.code_system, e.code, e.display, e.category, e.status,
            e.effective_at, e.ended_at, e.value_numeric, e.value_unit, e.value_text, e.reference_low,
            e.reference_high, e.interpretation, e.sensitivity, e.details, e.organisation_id, e.author_practitioner_id,
            e.source_system, e.source_id, e.recorded_at, e.voided_at, e.void_reason, e.replaced_by_id, e.hidden_at""";

    /** The stored JSON format of the details: independent of the web layer's JSON settings on purpose. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    EntryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the entry unless its sender's id is already on file; returns the new id, or empty when a row with the
     * same (organisation, source system, source id) exists.
     */
    Optional<Long> insert(long residentId, EntryValidator.Checked checked, Long recordedBy) {
        NewEntry e = checked.entry();
        Optional<Long> id = jdbc.sql("""
                        insert into records.entry (resident_id, kind, encounter_id, code_system, code, display, category,
                            status, effective_at, ended_at, value_numeric, value_unit, value_text, reference_low,
                            reference_high, interpretation, sensitivity, details, organisation_id, author_practitioner_id,
                            source_system, source_id, recorded_by)
                        values (:resident, :kind, :encounter, :system, :code, :display, :category, :status, :effective,
                            :ended, :value, :unit, :text, :low, :high, :interpretation, :sensitivity,
                            cast(:details as jsonb), :organisation, :author, :sourceSystem, :sourceId, :recordedBy)
                        on conflict (organisation_id, source_system, source_id) where source_id is not null do nothing
                        returning id""")
                .param("resident", residentId)
                .param("kind", e.kind().name())
                .param("encounter", e.encounterId())
                .param("system", e.code().system())
                .param("code", e.code().code())
                .param("display", e.code().display())
                .param("category", e.category())
                .param("status", e.status())
                .param("effective", utc(e.effectiveAt()))
                .param("ended", utc(e.endedAt()))
                .param("value", e.value() == null ? null : e.value().value())
                .param("unit", e.value() == null ? null : e.value().unit())
                .param("text", e.valueText())
                .param("low", e.range() == null ? null : e.range().low())
                .param("high", e.range() == null ? null : e.range().high())
                .param("interpretation", e.interpretation() == null ? null : e.interpretation().code())
                .param("sensitivity", checked.sensitivity() == null ? null : checked.sensitivity().name())
                .param("details", JSON.writeValueAsString(e.details()))
                .param("organisation", e.organisationId())
                .param("author", e.authorPractitionerId())
                .param("sourceSystem", e.sourceSystem())
                .param("sourceId", e.sourceId())
                .param("recordedBy", recordedBy)
                .query(Long.class)
                .optional();
        id.ifPresent(entryId -> e.attachments().forEach(a -> insertAttachment(entryId, a)));
        return id;
    }

    /** An entry checked and ready to insert for a resolved resident. */
    record Insert(long residentId, EntryValidator.Checked checked) {
    }

    /**
     * {@link #insert} of many entries with one statement: the arrays are unnested server-side and each row takes its
     * id from the entries' sequence before the insert, so that each entry learns its own id (or that its sender's id
     * is already on file, or was used by an earlier row of the same list) without relying on the order of
     * {@code returning}. A JDBC batch would execute one statement per row.
     *
     * @return per entry, in order, its new id, or empty when its (organisation, source system, source id) is on file
     */
    List<Optional<Long>> insertAll(List<Insert> rows, Long recordedBy) {
        int n = rows.size();
        if (n == 0) {
            return List.of();
        }
        Long[] residents = new Long[n];
        String[] kinds = new String[n];
        Long[] encounters = new Long[n];
        String[] systems = new String[n];
        String[] codes = new String[n];
        String[] displays = new String[n];
        String[] categories = new String[n];
        String[] statuses = new String[n];
        String[] effective = new String[n];
        String[] ended = new String[n];
        String[] values = new String[n];
        String[] units = new String[n];
        String[] texts = new String[n];
        String[] lows = new String[n];
        String[] highs = new String[n];
        String[] interpretations = new String[n];
        String[] sensitivities = new String[n];
        String[] details = new String[n];
        Long[] organisations = new Long[n];
        Long[] authors = new Long[n];
        String[] sourceSystems = new String[n];
        String[] sourceIds = new String[n];
        for (int i = 0; i < n; i++) {
            NewEntry e = rows.get(i).checked().entry();
            SensitiveCategory sensitivity = rows.get(i).checked().sensitivity();
            residents[i] = rows.get(i).residentId();
            kinds[i] = e.kind().name();
            encounters[i] = e.encounterId();
            systems[i] = e.code().system();
            codes[i] = e.code().code();
            displays[i] = e.code().display();
            categories[i] = e.category();
            statuses[i] = e.status();
            effective[i] = text(e.effectiveAt());
            ended[i] = text(e.endedAt());
            values[i] = e.value() == null ? null : e.value().value().toPlainString();
            units[i] = e.value() == null ? null : e.value().unit();
            texts[i] = e.valueText();
            lows[i] = e.range() == null || e.range().low() == null ? null : e.range().low().toPlainString();
            highs[i] = e.range() == null || e.range().high() == null ? null : e.range().high().toPlainString();
            interpretations[i] = e.interpretation() == null ? null : e.interpretation().code();
            sensitivities[i] = sensitivity == null ? null : sensitivity.name();
            details[i] = JSON.writeValueAsString(e.details());
            organisations[i] = e.organisationId();
            authors[i] = e.authorPractitionerId();
            sourceSystems[i] = e.sourceSystem();
            sourceIds[i] = e.sourceId();
        }
        Long[] ids = new Long[n];
        jdbc.sql("""
                        with input as (
                            select nextval('records.entry_id_seq') as id, x.*
                            from unnest(:residents, :kinds, :encounters, :systems, :codes, :displays, :categories,
                                :statuses, cast(:effective as timestamptz[]), cast(:ended as timestamptz[]),
                                cast(:values as numeric[]), :units, :texts, cast(:lows as numeric[]),
                                cast(:highs as numeric[]), :interpretations, :sensitivities, cast(:details as jsonb[]),
                                :organisations, :authors, :sourceSystems, :sourceIds)
                                with ordinality as x(resident_id, kind, encounter_id, code_system, code, display,
                                    category, status, effective_at, ended_at, value_numeric, value_unit, value_text,
                                    reference_low, reference_high, interpretation, sensitivity, details,
                                    organisation_id, author_practitioner_id, source_system, source_id, position)
                        ), inserted as (
                            insert into records.entry (id, resident_id, kind, encounter_id, code_system, code, display,
                                category, status, effective_at, ended_at, value_numeric, value_unit, value_text,
                                reference_low, reference_high, interpretation, sensitivity, details, organisation_id,
                                author_practitioner_id, source_system, source_id, recorded_by)
                            select id, resident_id, kind, encounter_id, code_system, code, display, category, status,
                                effective_at, ended_at, value_numeric, value_unit, value_text, reference_low,
                                reference_high, interpretation, sensitivity, details, organisation_id,
                                author_practitioner_id, source_system, source_id, :recordedBy
                            from input order by position
                            on conflict (organisation_id, source_system, source_id) where source_id is not null
                                do nothing
                            returning id
                        )
                        select i.position, n.id from input i left join inserted n on n.id = i.id""")
                .param("residents", new SqlArrayValue("bigint", (Object[]) residents))
                .param("kinds", new SqlArrayValue("text", (Object[]) kinds))
                .param("encounters", new SqlArrayValue("bigint", (Object[]) encounters))
                .param("systems", new SqlArrayValue("text", (Object[]) systems))
                .param("codes", new SqlArrayValue("text", (Object[]) codes))
                .param("displays", new SqlArrayValue("text", (Object[]) displays))
                .param("categories", new SqlArrayValue("text", (Object[]) categories))
                .param("statuses", new SqlArrayValue("text", (Object[]) statuses))
                .param("effective", new SqlArrayValue("text", (Object[]) effective))
                .param("ended", new SqlArrayValue("text", (Object[]) ended))
                .param("values", new SqlArrayValue("text", (Object[]) values))
                .param("units", new SqlArrayValue("text", (Object[]) units))
                .param("texts", new SqlArrayValue("text", (Object[]) texts))
                .param("lows", new SqlArrayValue("text", (Object[]) lows))
                .param("highs", new SqlArrayValue("text", (Object[]) highs))
                .param("interpretations", new SqlArrayValue("text", (Object[]) interpretations))
                .param("sensitivities", new SqlArrayValue("text", (Object[]) sensitivities))
                .param("details", new SqlArrayValue("text", (Object[]) details))
                .param("organisations", new SqlArrayValue("bigint", (Object[]) organisations))
                .param("authors", new SqlArrayValue("bigint", (Object[]) authors))
                .param("sourceSystems", new SqlArrayValue("text", (Object[]) sourceSystems))
                .param("sourceIds", new SqlArrayValue("text", (Object[]) sourceIds))
                .param("recordedBy", recordedBy)
                .query((rs, row) -> {
                    ids[rs.getInt(1) - 1] = (Long) rs.getObject(2);
                    return null;
                })
                .list();
        List<Optional<Long>> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Optional<Long> id = Optional.ofNullable(ids[i]);
            NewEntry e = rows.get(i).checked().entry();
            id.ifPresent(entryId -> e.attachments().forEach(a -> insertAttachment(entryId, a)));
            result.add(id);
        }
        return result;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private void insertAttachment(long entryId, NewAttachment a) {
        jdbc.sql("""
                        insert into records.attachment (entry_id, title, content_type, size_bytes, sha256, content)
                        values (:entry, :title, :type, :size, :sha, :content)""")
                .param("entry", entryId)
                .param("title", a.title())
                .param("type", a.contentType())
                .param("size", a.content().length)
                .param("sha", sha256(a.content()))
                .param("content", a.content())
                .update();
    }

    Optional<ClinicalEntry> findBySource(long organisationId, String sourceSystem, String sourceId) {
        return jdbc.sql("select " + COLUMNS + " from records.entry e where organisation_id = :org "
                        + "and source_system = :system and source_id = :id")
                .param("org", organisationId).param("system", sourceSystem).param("id", sourceId)
                .query(EntryStore::map).optional()
                .map(entry -> withAttachments(List.of(entry)).getFirst());
    }

    Optional<ClinicalEntry> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from records.entry e where id = :id")
                .param("id", id)
                .query(EntryStore::map)
                .optional()
                .map(entry -> withAttachments(List.of(entry)).getFirst());
    }

    /** Entries by id, in the order asked for, unknown ids skipped. */
    List<ClinicalEntry> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ClinicalEntry> byId = jdbc.sql("select " + COLUMNS + " from records.entry e where id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(EntryStore::map)
                .list().stream()
                .collect(Collectors.toMap(ClinicalEntry::id, x -> x));
        return withAttachments(ids.stream().distinct().map(byId::get).filter(java.util.Objects::nonNull).toList());
    }

    /** Voids an entry that stands; false when it was voided already. */
    boolean voidEntry(long id, String reason, Long replacedBy, Long voidedBy) {
        return jdbc.sql("""
                        update records.entry set voided_at = now(), void_reason = :reason, replaced_by_id = :replacement,
                            voided_by = :by
                        where id = :id and voided_at is null""")
                .param("id", id).param("reason", reason).param("replacement", replacedBy).param("by", voidedBy)
                .update() == 1;
    }

    /** A page of standing entries of these resident ids, newest first, one row more than asked to see if more follow. */
    List<ClinicalEntry> timeline(List<Long> residentIds, Visibility visibility, TimelineQuery q, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from records.entry e where "
                + residents(residentIds, params) + " and e.voided_at is null");
        visible(visibility, sql, params);
        if (!q.kinds().isEmpty()) {
            sql.append(" and ").append(SqlLists.equalsAny("e.kind", "kinds",
                    q.kinds().stream().map(Enum::name).toList(), String[]::new, params));
        }
        if (!q.codes().isEmpty()) {
            // the bare codes first, so that the (resident, code, time) index narrows the scan; then the systems
            sql.append(" and ").append(SqlLists.equalsAny("e.code", "codeValues",
                    q.codes().stream().map(c -> c.substring(c.indexOf('|') + 1)).distinct().toList(),
                    String[]::new, params));
            String only = q.codes().size() == 1 ? q.codes().iterator().next() : null;
            if (only != null && !only.startsWith("|")) {
                sql.append(" and e.code_system = :codeSystem");
                params.put("codeSystem", only.substring(0, only.indexOf('|')));
            } else if (q.codes().stream().anyMatch(c -> !c.startsWith("|"))) {
                sql.append(" and (e.code_system || '|' || e.code = any(:systemCodes) or e.code = any(:anySystemCodes))");
                params.put("systemCodes", q.codes().stream().filter(c -> !c.startsWith("|")).toArray(String[]::new));
                params.put("anySystemCodes", q.codes().stream().filter(c -> c.startsWith("|")).map(c -> c.substring(1))
                        .toArray(String[]::new));
            }
        }
        if (q.category() != null) {
            sql.append(" and lower(e.category) = lower(:category)");
            params.put("category", q.category());
        }
        if (!q.organisationIds().isEmpty()) {
            sql.append(" and ").append(SqlLists.equalsAny("e.organisation_id", "orgs", q.organisationIds(),
                    Long[]::new, params));
        }
        if (q.from() != null) {
            sql.append(" and e.effective_at >= :from");
            params.put("from", utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and e.effective_at < :to");
            params.put("to", utc(q.to()));
        }
        if (q.after() != null) {
            sql.append(" and (e.effective_at, e.id) < (:afterAt, :afterId)");
            params.put("afterAt", utc(q.after().effectiveAt()));
            params.put("afterId", q.after().id());
        }
        sql.append(" order by e.effective_at desc, e.id desc limit :limit");
        params.put("limit", limit + 1);
        return withAttachments(jdbc.sql(sql.toString()).params(params).query(EntryStore::map).list());
    }

    /** Standing entries with one of these codes that the reader sees, newest first, at most {@code limit}. */
    List<ClinicalEntry> series(List<Long> residentIds, Visibility visibility, Collection<String> codes, Instant since,
                               int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from records.entry e where "
                + residents(residentIds, params) + " and "
                + SqlLists.equalsAny("e.code", "codes", codes, String[]::new, params)
                + " and e.voided_at is null and e.effective_at >= :since");
        params.put("since", utc(since));
        params.put("limit", limit);
        visible(visibility, sql, params);
        sql.append(" order by e.effective_at desc, e.id desc limit :limit");
        return jdbc.sql(sql.toString()).params(params).query(EntryStore::map).list();
    }

    /** Standing entries of one kind with one of these statuses that the reader sees, newest first, at most {@code limit}. */
    List<ClinicalEntry> ofKind(List<Long> residentIds, Visibility visibility, EntryKind kind,
                               Collection<String> statuses, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from records.entry e where "
                + residents(residentIds, params) + " and e.kind = :kind and "
                + SqlLists.equalsAny("e.status", "statuses", statuses, String[]::new, params)
                + " and e.voided_at is null");
        params.put("kind", kind.name());
        params.put("limit", limit);
        visible(visibility, sql, params);
        sql.append(" order by e.effective_at desc, e.id desc limit :limit");
        return withAttachments(jdbc.sql(sql.toString()).params(params).query(EntryStore::map).list());
    }

    private static String residents(List<Long> residentIds, Map<String, Object> params) {
        return SqlLists.equalsAny("e.resident_id", "residents", residentIds, Long[]::new, params);
    }

    /**
     * Leaves out what the reader may not see, in SQL so that a page is never short (the same test as
     * {@link Visibility#shows}): items of other organisations that the resident hid, or of a sensitive category
     * without a grant.
     */
    private static void visible(Visibility visibility, StringBuilder sql, Map<String, Object> params) {
        if (visibility.everything()) {
            return;
        }
        sql.append(" and (e.organisation_id = :viewer or (e.hidden_at is null and (e.sensitivity is null");
        params.put("viewer", visibility.viewerOrganisationId());
        if (!visibility.openCategories().isEmpty()) {
            sql.append(" or ").append(SqlLists.equalsAny("e.sensitivity", "openCategories",
                    visibility.openCategories().stream().map(Enum::name).toList(), String[]::new, params));
        }
        sql.append(")))");
    }

    /** Marks the entry hidden from other organisations; false when it was hidden already. */
    boolean hide(long id) {
        return jdbc.sql("update records.entry set hidden_at = now() where id = :id and hidden_at is null")
                .param("id", id).update() == 1;
    }

    /** Shares a hidden entry again; false when it was not hidden. */
    boolean unhide(long id) {
        return jdbc.sql("update records.entry set hidden_at = null where id = :id and hidden_at is not null")
                .param("id", id).update() == 1;
    }

    Optional<AttachmentContent> attachment(long attachmentId) {
        return jdbc.sql("select id, entry_id, title, content_type, size_bytes, sha256, content from records.attachment "
                        + "where id = :id")
                .param("id", attachmentId)
                .query((rs, row) -> new AttachmentContent(attachment(rs), rs.getBytes("content")))
                .optional();
    }

    private List<ClinicalEntry> withAttachments(List<ClinicalEntry> entries) {
        List<Long> ids = entries.stream()
                .filter(e -> e.kind() == EntryKind.DIAGNOSTIC_REPORT || e.kind() == EntryKind.DOCUMENT)
                .map(ClinicalEntry::id).toList();
        if (ids.isEmpty()) {
            return entries;
        }
        Map<Long, List<Attachment>> byEntry = jdbc.sql("select id, entry_id, title, content_type, size_bytes, sha256 "
                        + "from records.attachment where entry_id = any(:ids) order by id")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, row) -> attachment(rs))
                .list().stream()
                .collect(Collectors.groupingBy(Attachment::entryId));
        List<ClinicalEntry> result = new ArrayList<>(entries.size());
        for (ClinicalEntry e : entries) {
            List<Attachment> files = byEntry.get(e.id());
            result.add(files == null ? e : new ClinicalEntry(e.id(), e.residentId(), e.kind(), e.encounterId(),
                    e.code(), e.category(), e.status(), e.effectiveAt(), e.endedAt(), e.value(), e.valueText(),
                    e.range(), e.interpretation(), e.sensitivity(), e.details(), e.organisationId(),
                    e.authorPractitionerId(), e.sourceSystem(), e.sourceId(), e.recordedAt(), e.voidedAt(),
                    e.voidReason(), e.replacedById(), e.hiddenAt(), files));
        }
        return result;
    }

    private static Attachment attachment(ResultSet rs) throws SQLException {
        return new Attachment(rs.getLong("id"), rs.getLong("entry_id"), rs.getString("title"),
                rs.getString("content_type"), rs.getInt("size_bytes"), HexFormat.of().formatHex(rs.getBytes("sha256")));
    }

    static ClinicalEntry map(ResultSet rs, int row) throws SQLException {
        EntryKind kind = EntryKind.valueOf(rs.getString("kind"));
        BigDecimal value = rs.getBigDecimal("value_numeric");
        BigDecimal low = rs.getBigDecimal("reference_low");
        BigDecimal high = rs.getBigDecimal("reference_high");
        String interpretation = rs.getString("interpretation");
        String sensitivity = rs.getString("sensitivity");
        return new ClinicalEntry(
                rs.getLong("id"),
                rs.getLong("resident_id"),
                kind,
                (Long) rs.getObject("encounter_id"),
                new Coding(rs.getString("code_system"), rs.getString("code"), rs.getString("display")),
                rs.getString("category"),
                rs.getString("status"),
                instant(rs, "effective_at"),
                instant(rs, "ended_at"),
                value == null ? null : new Quantity(value, rs.getString("value_unit")),
                rs.getString("value_text"),
                low == null && high == null ? null : new ReferenceRange(low, high),
                interpretation == null ? null : Interpretation.fromCode(interpretation).orElseThrow(),
                sensitivity == null ? null : SensitiveCategory.valueOf(sensitivity),
                JSON.readValue(rs.getString("details"), kind.detailsType()),
                rs.getLong("organisation_id"),
                (Long) rs.getObject("author_practitioner_id"),
                rs.getString("source_system"),
                rs.getString("source_id"),
                instant(rs, "recorded_at"),
                instant(rs, "voided_at"),
                rs.getString("void_reason"),
                (Long) rs.getObject("replaced_by_id"),
                instant(rs, "hidden_at"),
                List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Standing entries of one encounter, oldest first, at most {@code limit}. */
    List<ClinicalEntry> ofEncounter(long encounterId, int limit) {
        return withAttachments(jdbc.sql("select " + COLUMNS + " from records.entry e where e.encounter_id = :encounter "
                        + "and e.voided_at is null order by e.effective_at, e.id limit :limit")
                .param("encounter", encounterId)
                .param("limit", limit)
                .query(EntryStore::map)
                .list());
    }

    /**
     * The distinct organisations of the standing entries of these resident ids that the reader may see, at most
     * {@code limit}: an organisation whose only items are hidden from the reader is not named either.
     */
    List<Long> organisationIds(List<Long> residentIds, Visibility visibility, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select distinct e.organisation_id from records.entry e where "
                + residents(residentIds, params) + " and e.voided_at is null");
        visible(visibility, sql, params);
        sql.append(" limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).list();
    }
}

package org.yiwang.mpi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Read models of residents: list items, details, history, candidate lookup. Not audited here: callers audit. */
@Repository
class ResidentQueries {

    static final String LIST_COLUMNS = """
            r.id, r.health_record_number, r.name, r.pinyin, r.sex, r.birth_date, pd.type as document_type,
            pd.number_masked as document_masked, r.phone_masked, r.division_code, r.address,
            r.registered_organisation_id""";
    static final String LIST_FROM = """
             from mpi.resident r
             left join mpi.identity_document pd on pd.resident_id = r.id and pd.is_primary and pd.voided_at is null
            """;

    /**
     * A scalar subquery: the id of the record that the record(s) picked by {@code start} (a condition on
     * {@code mpi.resident}) stand for now — itself, or the survivor at the end of its chain of merges.
     */
    static String currentRecord(String start) {
        return """
                (with recursive chain (id, merged_into_id, depth) as (
                    select id, merged_into_id, 0 from mpi.resident where %s
                    union all
                    select r.id, r.merged_into_id, c.depth + 1 from mpi.resident r
                    join chain c on r.id = c.merged_into_id where c.depth < 100)
                 select id from chain where merged_into_id is null)""".formatted(start);
    }

    /** A subquery: the record {@code :key} and every record merged into it, directly or through others. */
    static final String WITH_MERGED_INTO = """
            (with recursive merged (id, depth) as (
                select cast(:key as bigint), 0
                union all
                select m.id, merged.depth + 1 from mpi.resident m
                join merged on m.merged_into_id = merged.id where merged.depth < 100)
             select id from merged)""";

    private final JdbcClient jdbc;

    ResidentQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** List items of these residents, in the order of {@code ids}; unknown ids are left out. */
    List<ResidentListItem> listItems(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ResidentListItem> byId = new LinkedHashMap<>();
        jdbc.sql("select " + LIST_COLUMNS + LIST_FROM + " where r.id in (:ids)")
                .param("ids", ids)
                .query(ResidentQueries::listItem)
                .list()
                .forEach(item -> byId.put(item.id(), item));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Encrypted primary resident ID and phone of a resident. */
    record Protected(byte[] idNumber, byte[] phone) {
    }

    Map<Long, Protected> protectedIdentifiers(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Protected> byId = new LinkedHashMap<>();
        jdbc.sql("select id, id_number_ciphertext, phone_ciphertext from mpi.resident where id in (:ids)")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(rs.getLong(1), new Protected(rs.getBytes(2), rs.getBytes(3))))
                .list()
                .forEach(e -> byId.put(e.getKey(), e.getValue()));
        return byId;
    }

    /** One page of a search: rows with id greater than {@code afterId}, by id, at most {@code limit}. */
    List<ResidentListItem> search(String where, Map<String, Object> parameters, long afterId, int limit) {
        var spec = jdbc.sql("select " + LIST_COLUMNS + LIST_FROM + " where r.voided_at is null and r.id > :after and ("
                        + where + ") order by r.id limit :limit")
                .param("after", afterId)
                .param("limit", limit);
        for (var e : parameters.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query(ResidentQueries::listItem).list();
    }

    /** The resident {@code id} with documents, phones, guardian, wards and household: one query. */
    Optional<ResidentDetails> details(long id) {
        return jdbc.sql(DETAILS + " where r.id = :id")
                .param("id", id)
                .query((rs, n) -> {
                    String guardian = rs.getString("guardian_json");
                    return ResidentDetails.of(record(rs, n), guardian == null ? null : relative(JSON.readTree(guardian)),
                            relatives(rs.getString("wards_json")), rs.getObject("household_id", Long.class),
                            relatives(rs.getString("household_json")));
                })
                .optional();
    }

    /**
     * The resident that {@code id} stands for now (itself, or the survivor at the end of its merges), without
     * relatives: one query, the merge resolution included.
     */
    Optional<ResidentRecord> currentResident(long id) {
        return jdbc.sql(RECORD + LIST_FROM + " where r.id = " + currentRecord("id = :id"))
                .param("id", id)
                .query(ResidentQueries::record)
                .optional();
    }

    /* Documents and phones come as JSON arrays of scalar subqueries, so that a read is one round trip. */
    private static final String RECORD = "select " + LIST_COLUMNS + """
            , r.ethnicity, r.version, r.created_at, r.created_by,
              r.updated_at, r.updated_by, r.registered_despite, r.voided_at,
              (select coalesce(json_agg(json_build_array(d.id, d.type, d.number_masked, d.issuing_country,
                          d.is_primary, d.original_ciphertext is not null) order by d.is_primary desc, d.id), '[]')
               from mpi.identity_document d where d.resident_id = r.id and d.voided_at is null) as documents_json,
              (select coalesce(json_agg(json_build_array(p.id, p.phone_masked, p.kind, p.is_primary)
                          order by p.is_primary desc, p.id), '[]')
               from mpi.resident_phone p where p.resident_id = r.id and p.voided_at is null) as phones_json
            """;

    /*
     * Relatives come the same way. Links made to or from records merged since count for the survivor (undoing a
     * merge has nothing to move). At most 50 relatives of each kind: households and wards are small, and the bound
     * keeps a bad import from hurting.
     */
    private static final String DETAILS = RECORD + """
            , r.household_id,
              (select json_build_array(g.id, g.health_record_number, g.name, g.birth_date) from mpi.resident g
               where g.id = %s) as guardian_json,
              (select coalesce(json_agg(json_build_array(w.id, w.health_record_number, w.name, w.birth_date)
                          order by w.birth_date, w.id), '[]')
               from (select id, health_record_number, name, birth_date from mpi.resident
                     where guardian_resident_id in %s and voided_at is null
                     order by birth_date, id limit 50) w) as wards_json,
              (select coalesce(json_agg(json_build_array(h.id, h.health_record_number, h.name, h.birth_date)
                          order by h.birth_date, h.id), '[]')
               from (select id, health_record_number, name, birth_date from mpi.resident
                     where household_id in (select household_id from mpi.resident where id in %s)
                       and voided_at is null and id <> r.id
                     order by birth_date, id limit 50) h) as household_json
            """.formatted(currentRecord("id = r.guardian_resident_id"),
                    WITH_MERGED_INTO.replace("cast(:key as bigint)", "r.id"),
                    WITH_MERGED_INTO.replace("cast(:key as bigint)", "r.id")) + LIST_FROM;

    private static final JsonMapper JSON = new JsonMapper();

    private static ResidentRecord record(ResultSet rs, int n) throws SQLException {
        List<ResidentDetails.Document> documents = new ArrayList<>();
        for (JsonNode d : JSON.readTree(rs.getString("documents_json"))) {
            documents.add(new ResidentDetails.Document(d.get(0).asLong(),
                    IdentityDocumentType.valueOf(d.get(1).asString()), text(d.get(2)), text(d.get(3)),
                    d.get(4).asBoolean(), d.get(5).asBoolean()));
        }
        List<ResidentDetails.Phone> phones = new ArrayList<>();
        for (JsonNode p : JSON.readTree(rs.getString("phones_json"))) {
            phones.add(new ResidentDetails.Phone(p.get(0).asLong(), text(p.get(1)),
                    PhoneNumber.Kind.valueOf(p.get(2).asString()), p.get(3).asBoolean()));
        }
        return new ResidentRecord(listItem(rs, n), rs.getString("ethnicity"), documents, phones,
                rs.getInt("version"), instant(rs, "created_at"), rs.getString("created_by"),
                instant(rs, "updated_at"), rs.getString("updated_by"), rs.getString("registered_despite"),
                rs.getObject("voided_at") != null);
    }

    private static List<ResidentDetails.Relative> relatives(String json) {
        List<ResidentDetails.Relative> relatives = new ArrayList<>();
        for (JsonNode r : JSON.readTree(json)) {
            relatives.add(relative(r));
        }
        return List.copyOf(relatives);
    }

    private static ResidentDetails.Relative relative(JsonNode r) {
        return new ResidentDetails.Relative(r.get(0).asLong(), text(r.get(1)), text(r.get(2)),
                r.get(3).isNull() ? null : LocalDate.parse(r.get(3).asString()));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    /**
     * Versions of a resident and of the records merged into it (a merge in force keeps the merged record's history
     * with the survivor), newest first, each with the fields that changed from the version before.
     */
    List<ResidentVersion> history(long residentId, int limit) {
        record Row(long versionId, long residentId, String healthRecordNumber, int version, String change,
                Instant changedAt, String changedBy, Long organisationId, String reason) {
        }
        List<Row> rows = jdbc.sql("""
                        select v.id, v.resident_id, r.health_record_number, v.version, v.change, v.changed_at,
                               v.changed_by, v.changed_organisation_id, v.reason
                        from mpi.resident_version v
                        join mpi.resident r on r.id = v.resident_id
                        where v.resident_id in """ + WITH_MERGED_INTO + """

                        order by v.changed_at desc, v.resident_id = :key desc, v.version desc
                        limit :limit
                        """)
                .param("key", residentId)
                .param("limit", limit)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3).strip(), rs.getInt(4),
                        rs.getString(5), instant(rs, "changed_at"), rs.getString(7), rs.getObject(8, Long.class),
                        rs.getString(9)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        record Change(long versionId, String field, String oldValue, String newValue) {
        }
        Map<Long, List<ResidentVersion.FieldChange>> changes = new LinkedHashMap<>();
        jdbc.sql("""
                        select v.id, e.key, p.snapshot ->> e.key as old_value, e.value as new_value
                        from mpi.resident_version v
                        join lateral jsonb_each_text(v.snapshot) e on true
                        join mpi.resident_version p on p.resident_id = v.resident_id and p.version = v.version - 1
                        where v.id in (:ids) and (p.snapshot -> e.key) is distinct from (v.snapshot -> e.key)
                        order by v.id, e.key
                        """)
                .param("ids", rows.stream().map(Row::versionId).toList())
                .query((rs, n) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list()
                .forEach(c -> changes.computeIfAbsent(c.versionId(), k -> new ArrayList<>())
                        .add(new ResidentVersion.FieldChange(c.field(), c.oldValue(), c.newValue())));
        return rows.stream().map(r -> new ResidentVersion(r.residentId(), r.healthRecordNumber(), r.version(),
                r.change(), r.changedAt(), r.changedBy(), r.organisationId(), r.reason(),
                changes.getOrDefault(r.versionId(), List.of()))).toList();
    }

    /** What the candidate lookup compares: blind indexes already computed, pinyin key, birth date and sex. */
    record CandidateProbe(List<byte[]> documentIndexes, List<byte[]> phoneIndexes, String pinyinKey,
            LocalDate birthDate, Sex sex, long excludeResidentId) {
    }

    /**
     * Likely existing residents, each with every reason found: exact blind-index matches on documents and phones,
     * the same pinyin and birth date (or with day and month swapped), or the same birth date and sex with a
     * similar pinyin (pg_trgm). Every branch is an index lookup; each is bounded.
     */
    Map<Long, Set<DuplicateCandidate.Reason>> candidates(CandidateProbe probe, double similarity) {
        List<String> branches = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!probe.documentIndexes().isEmpty()) {
            branches.add("""
                    (select resident_id as id, 'SAME_DOCUMENT' as reason from mpi.identity_document
                     where number_index in (:documentIndexes) and voided_at is null limit 20)""");
            parameters.put("documentIndexes", probe.documentIndexes());
        }
        if (!probe.phoneIndexes().isEmpty()) {
            branches.add("""
                    (select resident_id as id, 'SAME_PHONE' as reason from mpi.resident_phone
                     where phone_index in (:phoneIndexes) and voided_at is null limit 20)""");
            parameters.put("phoneIndexes", probe.phoneIndexes());
        }
        if (probe.pinyinKey() != null && !probe.pinyinKey().isEmpty()) {
            parameters.put("pinyinKey", probe.pinyinKey());
            parameters.put("birthDate", probe.birthDate());
            branches.add("""
                    (select id, 'SAME_PINYIN_AND_BIRTH_DATE' as reason from mpi.resident
                     where pinyin_key = :pinyinKey and birth_date = :birthDate and voided_at is null limit 20)""");
            LocalDate swapped = swapped(probe.birthDate());
            if (swapped != null) {
                parameters.put("swapped", swapped);
                branches.add("""
                        (select id, 'SAME_PINYIN_DAY_MONTH_SWAPPED' as reason from mpi.resident
                         where pinyin_key = :pinyinKey and birth_date = :swapped and voided_at is null limit 20)""");
            }
            parameters.put("nearDates", nearDates(probe.birthDate()));
            branches.add("""
                    (select id, 'SAME_PINYIN_NEAR_BIRTH_DATE' as reason from mpi.resident
                     where pinyin_key = :pinyinKey and birth_date in (:nearDates) and voided_at is null limit 20)""");
            parameters.put("sex", probe.sex().code());
            parameters.put("similarity", similarity);
            branches.add("""
                    (select id, 'SIMILAR_NAME_SAME_BIRTH_DATE_AND_SEX' as reason from mpi.resident
                     where birth_date = :birthDate and sex = :sex and voided_at is null
                       and pinyin_key <> :pinyinKey and similarity(pinyin_key, :pinyinKey) >= :similarity
                     limit 20)""");
        }
        if (branches.isEmpty()) {
            return Map.of();
        }
        var spec = jdbc.sql("select c.id, c.reason from (" + String.join(" union all ", branches)
                + ") c join mpi.resident r on r.id = c.id where r.voided_at is null and r.id <> :exclude");
        spec = spec.param("exclude", probe.excludeResidentId());
        for (var e : parameters.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        Map<Long, Set<DuplicateCandidate.Reason>> found = new LinkedHashMap<>();
        spec.query((rs, n) -> Map.entry(rs.getLong(1), DuplicateCandidate.Reason.valueOf(rs.getString(2))))
                .list()
                .forEach(e -> found.computeIfAbsent(e.getKey(), k -> EnumSet.noneOf(DuplicateCandidate.Reason.class))
                        .add(e.getValue()));
        return found;
    }

    /** 1990-03-04 → 1990-04-03; null when equal or impossible (the 13th or later cannot be a month). */
    /** The dates one typing error away in one part: a day, a month or a year before or after. */
    static List<LocalDate> nearDates(LocalDate date) {
        return List.of(date.minusDays(1), date.plusDays(1), date.minusMonths(1), date.plusMonths(1),
                date.minusYears(1), date.plusYears(1));
    }

    static LocalDate swapped(LocalDate date) {
        if (date == null || date.getDayOfMonth() > 12 || date.getDayOfMonth() == date.getMonthValue()) {
            return null;
        }
        try {
            return LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    static ResidentListItem listItem(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("document_type");
        return new ResidentListItem(
                rs.getLong("id"),
                rs.getString("health_record_number"),
                rs.getString("name"),
                rs.getString("pinyin"),
                Sex.fromCode(rs.getInt("sex")),
                rs.getObject("birth_date", LocalDate.class),
                type == null ? null : IdentityDocumentType.valueOf(type),
                rs.getString("document_masked"),
                rs.getString("phone_masked"),
                rs.getString("division_code"),
                rs.getString("address"),
                rs.getLong("registered_organisation_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

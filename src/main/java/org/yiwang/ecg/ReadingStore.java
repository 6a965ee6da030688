package org.yiwang.ecg;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The reading side of ecg.recording (claims, signatures, acknowledgements), ecg.report and ecg.reading_step. */
@Repository
class ReadingStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ITEM_COLUMNS = """
            g.id, g.resident_id, g.organisation_id, g.kind, g.indication, g.acquired_at, g.uploaded_at, g.analysed_at,
            g.status, g.critical, g.analysis, g.claimed_by, g.claimed_by_name, g.claimed_at, g.version
            """;

    private static final String REPORT_COLUMNS = """
            r.id, r.recording_id, r.version, r.statements, r.heart_rate_bpm, r.pr_ms, r.qrs_ms, r.qt_ms, r.qtc_ms,
            r.conclusion, r.critical, r.signed_by, r.signer_name, r.practitioner_id, r.reading_centre_id, r.signed_at,
            r.file_hashes, k.algorithm, r.supersedes_id, r.amendment_reason, r.superseded_by_id, r.record_entry_id
            """;

    private final JdbcClient jdbc;

    ReadingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- the queue -------------------------------------------------------------------------------------------

    /** Unread recordings of the centre after {@code cursor}, critical first, then longest waiting; index-backed. */
    List<WorklistItem> queue(long centreId, WorklistCursor cursor, int limit) {
        String after = cursor == null ? "" : " and (not g.critical, g.uploaded_at, g.id) > (:notCritical, :uploadedAt, :id)";
        var spec = jdbc.sql("select " + ITEM_COLUMNS + """
                         from ecg.recording g
                        where g.reading_centre_id = :centre and g.status in ('RECEIVED', 'ANALYSED')""" + after + """
                        
                        order by not g.critical, g.uploaded_at, g.id limit :limit""")
                .param("centre", centreId).param("limit", limit);
        if (cursor != null) {
            spec = spec.param("notCritical", !cursor.critical()).param("uploadedAt", Timestamp.from(cursor.uploadedAt()))
                    .param("id", cursor.recordingId());
        }
        return spec.query(ReadingStore::item).list();
    }

    /** Recordings the reader holds now, oldest claim first. */
    List<WorklistItem> claimedBy(long accountId, int limit) {
        return jdbc.sql("select " + ITEM_COLUMNS + """
                         from ecg.recording g where g.claimed_by = :account and g.status = 'CLAIMED'
                        order by g.claimed_at, g.id limit :limit""")
                .param("account", accountId).param("limit", limit).query(ReadingStore::item).list();
    }

    /** Recordings of the centre that other readers hold now, oldest claim first. */
    List<WorklistItem> claimedAtCentre(long centreId, int limit) {
        return jdbc.sql("select " + ITEM_COLUMNS + """
                         from ecg.recording g where g.reading_centre_id = :centre and g.status = 'CLAIMED'
                        order by g.claimed_at, g.id limit :limit""")
                .param("centre", centreId).param("limit", limit).query(ReadingStore::item).list();
    }

    Optional<WorklistItem> item(long recordingId) {
        return jdbc.sql("select " + ITEM_COLUMNS + " from ecg.recording g where g.id = :id")
                .param("id", recordingId).query(ReadingStore::item).optional();
    }

    Optional<WorklistItem> itemForUpdate(long recordingId) {
        return jdbc.sql("select " + ITEM_COLUMNS + " from ecg.recording g where g.id = :id for update")
                .param("id", recordingId).query(ReadingStore::item).optional();
    }

    Optional<Long> readingCentreOf(long recordingId) {
        return jdbc.sql("select reading_centre_id from ecg.recording where id = :id")
                .param("id", recordingId).query(Long.class).optional();
    }

    // ---- claims ----------------------------------------------------------------------------------------------

    /**
     * Claims an unread recording of the centre for the reader: one UPDATE whose WHERE the database re-checks on the
     * row it locks, so of any number of concurrent claims (on any node) exactly one changes the row.
     */
    boolean claim(long recordingId, long centreId, long accountId, String name, Instant at) {
        return jdbc.sql("""
                        update ecg.recording set status = 'CLAIMED', claimed_by = :account, claimed_by_name = :name,
                            claimed_at = :at, version = version + 1
                        where id = :id and reading_centre_id = :centre and status in ('RECEIVED', 'ANALYSED')
                        """)
                .param("id", recordingId).param("centre", centreId).param("account", accountId).param("name", name)
                .param("at", Timestamp.from(at)).update() == 1;
    }

    /** Returns the reader's claim to the queue; false when the reader does not hold it. */
    boolean release(long recordingId, long accountId) {
        return jdbc.sql("""
                        update ecg.recording set status = case when analysed_at is null then 'RECEIVED' else 'ANALYSED' end,
                            claimed_by = null, claimed_by_name = null, claimed_at = null, version = version + 1
                        where id = :id and status = 'CLAIMED' and claimed_by = :account
                        """)
                .param("id", recordingId).param("account", accountId).update() == 1;
    }

    /** A claim returned to the queue by expiry. */
    record Expired(long recordingId, long accountId, Instant claimedAt) {
    }

    /**
     * Returns claims taken before {@code claimedBefore} to the queue, at most {@code limit}; each claim is returned
     * once even when several nodes run this at the same time (locked rows are skipped, the WHERE re-checked).
     */
    List<Expired> expireClaims(Instant claimedBefore, int limit) {
        return jdbc.sql("""
                        with due as (
                            select id, claimed_by, claimed_at from ecg.recording
                            where status = 'CLAIMED' and claimed_at < :before
                            order by claimed_at limit :limit for update skip locked)
                        update ecg.recording g set status = case when g.analysed_at is null then 'RECEIVED' else 'ANALYSED' end,
                            claimed_by = null, claimed_by_name = null, claimed_at = null, version = g.version + 1
                        from due
                        where g.id = due.id and g.status = 'CLAIMED'
                        returning g.id, due.claimed_by, due.claimed_at
                        """)
                .param("before", Timestamp.from(claimedBefore)).param("limit", limit)
                .query((rs, n) -> new Expired(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant())).list();
    }

    void step(long recordingId, String step, Instant at, Long accountId, String detail) {
        jdbc.sql("""
                        insert into ecg.reading_step (recording_id, step, at, account_id, detail)
                        values (:id, :step, :at, :account, :detail)""")
                .param("id", recordingId).param("step", step).param("at", Timestamp.from(at))
                .param("account", accountId).param("detail", detail).update();
    }

    // ---- reports ---------------------------------------------------------------------------------------------

    /** Marks the held claim signed; false when the reader no longer holds it (expired, released). */
    boolean markSigned(long recordingId, long accountId, boolean critical, Instant at) {
        return jdbc.sql("""
                        update ecg.recording set status = 'SIGNED', signed_at = :at, signed_by = :account,
                            report_critical = :critical, claimed_by = null, version = version + 1
                        where id = :id and status = 'CLAIMED' and claimed_by = :account
                        """)
                .param("id", recordingId).param("account", accountId).param("critical", critical)
                .param("at", Timestamp.from(at)).update() == 1;
    }

    /** An amendment changes the critical flag and asks the clinic to acknowledge the new version. */
    void markAmended(long recordingId, boolean critical) {
        jdbc.sql("""
                        update ecg.recording set report_critical = :critical, acknowledged_at = null, acknowledged_by = null,
                            acknowledged_by_name = null, version = version + 1
                        where id = :id and status = 'SIGNED'
                        """)
                .param("id", recordingId).param("critical", critical).update();
    }

    boolean acknowledge(long recordingId, long organisationId, long accountId, String name, Instant at) {
        return jdbc.sql("""
                        update ecg.recording set acknowledged_at = :at, acknowledged_by = :account,
                            acknowledged_by_name = :name, version = version + 1
                        where id = :id and organisation_id = :org and status = 'SIGNED' and acknowledged_at is null
                        """)
                .param("id", recordingId).param("org", organisationId).param("account", accountId).param("name", name)
                .param("at", Timestamp.from(at)).update() == 1;
    }

    record NewReport(long recordingId, int version, List<SignedReport.Statement> statements, ReportDraft draft,
                     String conclusion, long signedBy, String signerName, Long practitionerId, long readingCentreId,
                     Instant signedAt, String fileHashes, long signingKeyId, byte[] signature, Long supersedesId,
                     String amendmentReason) {
    }

    /** A report id taken before the insert, so the version it supersedes can point to it first. */
    long nextReportId() {
        return jdbc.sql("select nextval(pg_get_serial_sequence('ecg.report', 'id'))").query(Long.class).single();
    }

    void insertReport(long id, NewReport r) {
        jdbc.sql("""
                        insert into ecg.report (id, recording_id, version, statements, heart_rate_bpm, pr_ms, qrs_ms, qt_ms,
                            qtc_ms, conclusion, critical, signed_by, signer_name, practitioner_id, reading_centre_id,
                            signed_at, file_hashes, signing_key_id, signature, supersedes_id, amendment_reason)
                        values (:reportId, :recording, :version, cast(:statements as jsonb), :hr, :pr, :qrs, :qt, :qtc, :conclusion,
                            :critical, :signedBy, :signerName, :practitioner, :centre, :signedAt, :hashes, :key,
                            :signature, :supersedes, :reason)""")
                .param("reportId", id).param("recording", r.recordingId()).param("version", r.version())
                .param("statements", JSON.writeValueAsString(r.statements()))
                .param("hr", r.draft().heartRateBpm()).param("pr", r.draft().prMs()).param("qrs", r.draft().qrsMs())
                .param("qt", r.draft().qtMs()).param("qtc", r.draft().qtcMs()).param("conclusion", r.conclusion())
                .param("critical", r.draft().critical()).param("signedBy", r.signedBy())
                .param("signerName", r.signerName()).param("practitioner", r.practitionerId())
                .param("centre", r.readingCentreId()).param("signedAt", Timestamp.from(r.signedAt()))
                .param("hashes", r.fileHashes()).param("key", r.signingKeyId()).param("signature", r.signature())
                .param("supersedes", r.supersedesId()).param("reason", r.amendmentReason())
                .update();
    }

    void supersede(long reportId, long byReportId) {
        if (jdbc.sql("update ecg.report set superseded_by_id = :by where id = :id and superseded_by_id is null")
                .param("id", reportId).param("by", byReportId).update() != 1) {
            throw new ClaimRefusedException("report " + reportId + " was amended meanwhile",
                    "ecg.report.error.amendedMeanwhile");
        }
    }

    void linkRecordEntry(long reportId, long entryId) {
        jdbc.sql("update ecg.report set record_entry_id = :entry where id = :id and record_entry_id is null")
                .param("id", reportId).param("entry", entryId).update();
    }

    Optional<SignedReport> currentReport(long recordingId) {
        return jdbc.sql("select " + REPORT_COLUMNS + """
                         from ecg.report r join ecg.signing_key k on k.id = r.signing_key_id
                        where r.recording_id = :id and r.superseded_by_id is null""")
                .param("id", recordingId).query(ReadingStore::report).optional();
    }

    Optional<SignedReport> report(long reportId) {
        return jdbc.sql("select " + REPORT_COLUMNS + """
                         from ecg.report r join ecg.signing_key k on k.id = r.signing_key_id where r.id = :id""")
                .param("id", reportId).query(ReadingStore::report).optional();
    }

    /** Every version of the recording's report, newest first. */
    List<SignedReport> reports(long recordingId) {
        return jdbc.sql("select " + REPORT_COLUMNS + """
                         from ecg.report r join ecg.signing_key k on k.id = r.signing_key_id
                        where r.recording_id = :id order by r.version desc limit 50""")
                .param("id", recordingId).query(ReadingStore::report).list();
    }

    record Signature(long keyId, byte[] signature) {
    }

    Optional<Signature> signatureOf(long reportId) {
        return jdbc.sql("select signing_key_id, signature from ecg.report where id = :id").param("id", reportId)
                .query((rs, n) -> new Signature(rs.getLong(1), rs.getBytes(2))).optional();
    }

    /** The recording's original files as {@code name=sha256hex} lines, by name. */
    String fileHashes(long recordingId) {
        StringBuilder out = new StringBuilder();
        jdbc.sql("select name, sha256 from ecg.recording_file where recording_id = :id order by name")
                .param("id", recordingId)
                .query((ResultSet rs) -> {
                    out.append(rs.getString(1)).append('=').append(java.util.HexFormat.of().formatHex(rs.getBytes(2)))
                            .append('\n');
                });
        return out.toString();
    }

    // ---- the clinic ------------------------------------------------------------------------------------------

    private static final String INBOX_COLUMNS = """
            g.id, g.resident_id, g.kind, g.indication, g.acquired_at, g.uploaded_at, g.status, g.critical,
            g.claimed_by_name, g.claimed_at, g.signed_at, g.acknowledged_at, g.acknowledged_by_name, g.version,
            r.id as report_id
            """;

    /** The clinic's latest recordings, newest upload first (index recording_by_clinic). */
    List<InboxRow> inbox(long organisationId, int limit) {
        return jdbc.sql("select " + INBOX_COLUMNS + """
                         from ecg.recording g
                        left join ecg.report r on r.recording_id = g.id and r.superseded_by_id is null
                        where g.organisation_id = :org order by g.uploaded_at desc, g.id desc limit :limit""")
                .param("org", organisationId).param("limit", limit).query(ReadingStore::inboxRow).list();
    }

    /** Signed critical reports the clinic has not acknowledged, oldest first. */
    List<InboxRow> unacknowledgedCritical(long organisationId, int limit) {
        return jdbc.sql("select " + INBOX_COLUMNS + """
                         from ecg.recording g
                        left join ecg.report r on r.recording_id = g.id and r.superseded_by_id is null
                        where g.organisation_id = :org and g.status = 'SIGNED' and g.report_critical
                          and g.acknowledged_at is null
                        order by g.signed_at, g.id limit :limit""")
                .param("org", organisationId).param("limit", limit).query(ReadingStore::inboxRow).list();
    }

    record InboxRow(long recordingId, long residentId, EcgKind kind, String indication, Instant acquiredAt,
                    Instant uploadedAt, EcgStatus status, boolean critical, String claimedByName, Instant claimedAt,
                    Instant signedAt, Instant acknowledgedAt, String acknowledgedByName, long version, Long reportId) {
    }

    /** Current reports by id, in one query. */
    Map<Long, SignedReport> reportsById(Collection<Long> ids) {
        Map<Long, SignedReport> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("select " + REPORT_COLUMNS + """
                         from ecg.report r join ecg.signing_key k on k.id = r.signing_key_id where r.id = any(:ids)""")
                .param("ids", ids.toArray(Long[]::new)).query(ReadingStore::report).list()
                .forEach(r -> out.put(r.id(), r));
        return out;
    }

    // ---- turnaround ------------------------------------------------------------------------------------------

    record TurnaroundRow(LocalDate day, Boolean critical, long count, Double medianAcquired, Double p90Acquired,
                         Double medianSigned, Double p90Signed,
                         Double medianClaimed, Double p90Claimed, Double medianClaimedToSigned,
                         Double p90ClaimedToSigned, long acknowledged, Double medianAcknowledged,
                         Double p90Acknowledged) {
    }

    /**
     * Per upload day in {@code zone} and per critical flag (critical null: all of the day), the medians and 90th
     * percentiles in seconds, from the stored timestamps.
     */
    List<TurnaroundRow> turnaround(long centreId, Instant from, Instant to, String zone) {
        return jdbc.sql("""
                        select (uploaded_at at time zone :zone)::date as day,
                            case when grouping(report_critical) = 1 then null else report_critical end as critical,
                            count(*) as n,
                            percentile_cont(0.5) within group (order by extract(epoch from signed_at - acquired_at)) m0,
                            percentile_cont(0.9) within group (order by extract(epoch from signed_at - acquired_at)) p0,
                            percentile_cont(0.5) within group (order by extract(epoch from signed_at - uploaded_at)) m1,
                            percentile_cont(0.9) within group (order by extract(epoch from signed_at - uploaded_at)) p1,
                            percentile_cont(0.5) within group (order by extract(epoch from claimed_at - uploaded_at)) m2,
                            percentile_cont(0.9) within group (order by extract(epoch from claimed_at - uploaded_at)) p2,
                            percentile_cont(0.5) within group (order by extract(epoch from signed_at - claimed_at)) m3,
                            percentile_cont(0.9) within group (order by extract(epoch from signed_at - claimed_at)) p3,
                            count(acknowledged_at) as acknowledged,
                            percentile_cont(0.5) within group (order by extract(epoch from acknowledged_at - signed_at)) m4,
                            percentile_cont(0.9) within group (order by extract(epoch from acknowledged_at - signed_at)) p4
                        from ecg.recording
                        where reading_centre_id = :centre and status = 'SIGNED' and uploaded_at >= :from and uploaded_at < :to
                        group by grouping sets ((1), (1, report_critical))
                        order by 1, 2 nulls first""")
                .param("zone", zone).param("centre", centreId).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new TurnaroundRow(rs.getObject("day", LocalDate.class),
                        (Boolean) rs.getObject("critical"), rs.getLong("n"), dbl(rs, "m0"), dbl(rs, "p0"), dbl(rs, "m1"), dbl(rs, "p1"),
                        dbl(rs, "m2"), dbl(rs, "p2"), dbl(rs, "m3"), dbl(rs, "p3"), rs.getLong("acknowledged"),
                        dbl(rs, "m4"), dbl(rs, "p4")))
                .list();
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    // ---- mapping ---------------------------------------------------------------------------------------------

    private static WorklistItem item(ResultSet rs, int row) throws SQLException {
        long claimedBy = rs.getLong("claimed_by");
        Long claimer = rs.wasNull() ? null : claimedBy;
        return new WorklistItem(rs.getLong("id"), rs.getLong("resident_id"), rs.getLong("organisation_id"),
                EcgKind.valueOf(rs.getString("kind")), rs.getString("indication"), instant(rs, "acquired_at"),
                instant(rs, "uploaded_at"), instant(rs, "analysed_at"), EcgStatus.valueOf(rs.getString("status")),
                rs.getBoolean("critical"), Optional.ofNullable(RecordingStore.analysisOf(rs.getString("analysis"))),
                claimer, rs.getString("claimed_by_name"), instant(rs, "claimed_at"), rs.getLong("version"));
    }

    private static InboxRow inboxRow(ResultSet rs, int row) throws SQLException {
        long reportId = rs.getLong("report_id");
        return new InboxRow(rs.getLong("id"), rs.getLong("resident_id"), EcgKind.valueOf(rs.getString("kind")),
                rs.getString("indication"), instant(rs, "acquired_at"), instant(rs, "uploaded_at"),
                EcgStatus.valueOf(rs.getString("status")), rs.getBoolean("critical"), rs.getString("claimed_by_name"),
                instant(rs, "claimed_at"), instant(rs, "signed_at"), instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by_name"), rs.getLong("version"), rs.wasNull() ? null : reportId);
    }

    private static SignedReport report(ResultSet rs, int row) throws SQLException {
        List<SignedReport.Statement> statements = JSON.readValue(rs.getString("statements"),
                new TypeReference<List<SignedReport.Statement>>() { });
        return new SignedReport(rs.getLong("id"), rs.getLong("recording_id"), rs.getInt("version"),
                new ArrayList<>(statements), integer(rs, "heart_rate_bpm"), integer(rs, "pr_ms"), integer(rs, "qrs_ms"),
                integer(rs, "qt_ms"), integer(rs, "qtc_ms"), rs.getString("conclusion"), rs.getBoolean("critical"),
                rs.getLong("signed_by"), rs.getString("signer_name"), longOrNull(rs, "practitioner_id"),
                rs.getLong("reading_centre_id"), instant(rs, "signed_at"), rs.getString("file_hashes"),
                rs.getString("algorithm"), longOrNull(rs, "supersedes_id"), rs.getString("amendment_reason"),
                longOrNull(rs, "superseded_by_id"), longOrNull(rs, "record_entry_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}

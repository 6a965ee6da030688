package org.yiwang.ecg;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The ecg schema's recordings, their files, sample blocks and pre-analysis. */
@Repository
class RecordingStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SUMMARY_COLUMNS = """
            id, resident_id, organisation_id, reading_centre_id, uploaded_by, kind, source_format, acquired_at,
            uploaded_at, sampling_rate_hz, lead_names, sample_count, indication, status, critical, analysed_at, analysis
            """;

    private final JdbcClient jdbc;

    RecordingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new recording's facts, without its samples and files. */
    record Meta(long residentId, long organisationId, EcgKind kind, String sourceFormat, Instant acquiredAt,
                String indication, String idempotencyKey) {
        static Meta of(NewEcgRecording r) {
            return new Meta(r.residentId(), r.organisationId(), r.kind(), r.sourceFormat(), r.acquiredAt(),
                    r.indication(), r.idempotencyKey());
        }
    }

    /** What the recording row says of the samples. */
    record Shape(double samplingRateHz, List<String> leadNames, long sampleCount) {
    }

    /** Inserts the recording row; empty when the organisation already used this idempotency key. */
    Optional<Long> insert(Meta r, Shape shape, long residentId, long readingCentreId, long uploadedBy,
                          Instant now, int blockSamples) {
        return jdbc.sql("""
                        insert into ecg.recording (resident_id, organisation_id, reading_centre_id, uploaded_by, kind,
                            source_format, acquired_at, uploaded_at, sampling_rate_hz, lead_names, sample_count,
                            block_samples, indication, idempotency_key, status)
                        values (:resident, :organisation, :centre, :uploadedBy, :kind, :format, :acquiredAt, :now, :rate,
                            cast(:leads as text[]), :samples, :blockSamples, :indication, :key, 'RECEIVED')
                        on conflict (organisation_id, idempotency_key) do nothing
                        returning id
                        """)
                .param("resident", residentId)
                .param("organisation", r.organisationId())
                .param("centre", readingCentreId)
                .param("uploadedBy", uploadedBy)
                .param("kind", r.kind().name())
                .param("format", r.sourceFormat())
                .param("acquiredAt", Timestamp.from(r.acquiredAt()))
                .param("now", Timestamp.from(now))
                .param("rate", shape.samplingRateHz())
                .param("leads", shape.leadNames().toArray(String[]::new))
                .param("samples", shape.sampleCount())
                .param("blockSamples", blockSamples)
                .param("indication", r.indication())
                .param("key", r.idempotencyKey())
                .query(Long.class).optional();
    }

    Optional<Long> findByIdempotencyKey(long organisationId, String key) {
        return jdbc.sql("select id from ecg.recording where organisation_id = :org and idempotency_key = :key")
                .param("org", organisationId).param("key", key).query(Long.class).optional();
    }

    void insertFiles(long recordingId, List<NewEcgRecording.OriginalFile> files) {
        for (NewEcgRecording.OriginalFile f : files) {
            jdbc.sql("""
                            insert into ecg.recording_file (recording_id, name, media_type, content, sha256, size)
                            values (:id, :name, :type, :content, :sha, :size)
                            """)
                    .param("id", recordingId).param("name", f.name()).param("type", f.mediaType())
                    .param("content", f.content()).param("sha", sha256(f.content()))
                    .param("size", (long) f.content().length)
                    .update();
        }
    }

    /**
     * Stores an original file from an upload's chunks without passing its bytes through this node: the chunks are
     * copied, in the database, as the file's parts.
     */
    void insertFileFromUpload(long recordingId, String name, String mediaType, byte[] sha256, long size,
                              java.util.UUID uploadId) {
        jdbc.sql("""
                        insert into ecg.recording_file (recording_id, name, media_type, content, sha256, size)
                        values (:id, :name, :type, null, :sha, :size)
                        """)
                .param("id", recordingId).param("name", name).param("type", mediaType).param("sha", sha256)
                .param("size", size).update();
        jdbc.sql("""
                        insert into ecg.recording_file_part (recording_id, name, start_offset, bytes)
                        select :id, name, start_offset, bytes from ecg.upload_chunk where upload_id = :upload and name = :name
                        """)
                .param("id", recordingId).param("name", name).param("upload", uploadId).update();
    }

    /**
     * Writes sample blocks as they come, in batched inserts (at most {@value #BATCH_BLOCKS} blocks or
     * {@value #BATCH_BYTES} bytes held), so a recording of any length is stored in bounded memory.
     */
    final class BlockWriter {
        private static final int BATCH_BLOCKS = 100;
        private static final int BATCH_BYTES = 4 << 20;
        private final long recordingId;
        private final List<Object[]> rows = new ArrayList<>();
        private int bytes;
        private int next;

        BlockWriter(long recordingId) {
            this.recordingId = recordingId;
        }

        /** Encodes and queues samples {@code [0, length)} of every lead as the next block. */
        void add(int[][] microvolts, int length) {
            byte[] block = SampleCodec.encode(microvolts, 0, length);
            rows.add(new Object[] {recordingId, next++, block});
            bytes += block.length;
            if (rows.size() >= BATCH_BLOCKS || bytes >= BATCH_BYTES) {
                flush();
            }
        }

        void flush() {
            flushBlocks(rows);
            bytes = 0;
        }
    }

    BlockWriter blockWriter(long recordingId) {
        return new BlockWriter(recordingId);
    }

    /** Stores all samples in blocks of {@code blockSamples}. */
    void insertSamples(long recordingId, int[][] microvolts, int blockSamples) {
        int total = microvolts[0].length;
        List<Object[]> rows = new ArrayList<>();
        for (int block = 0, from = 0; from < total; block++, from += blockSamples) {
            rows.add(new Object[] {recordingId, block, SampleCodec.encode(microvolts, from, Math.min(total, from + blockSamples))});
            if (rows.size() == 100) {
                flushBlocks(rows);
            }
        }
        flushBlocks(rows);
    }

    private void flushBlocks(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("insert into ecg.sample_block (recording_id, block_index, samples) select * from unnest(:ids, :blocks, :data)")
                .param("ids", rows.stream().map(r -> (Long) r[0]).toArray(Long[]::new))
                .param("blocks", rows.stream().map(r -> (Integer) r[1]).toArray(Integer[]::new))
                .param("data", rows.stream().map(r -> (byte[]) r[2]).toArray(byte[][]::new))
                .update();
        rows.clear();
    }

    /** Demo data only: moves a fresh recording's upload (and acquisition) into the past, so waiting times show. */
    void backdate(long id, Instant acquiredAt, Instant uploadedAt) {
        jdbc.sql("update ecg.recording set acquired_at = :acquired, uploaded_at = :uploaded where id = :id")
                .param("id", id).param("acquired", Timestamp.from(acquiredAt)).param("uploaded", Timestamp.from(uploadedAt))
                .update();
    }

    Optional<EcgRecordingSummary> find(long id) {
        return jdbc.sql("select " + SUMMARY_COLUMNS + " from ecg.recording where id = :id")
                .param("id", id).query(RecordingStore::summary).optional();
    }

    /** The resident's recordings (any of {@code residentIds}: merged records), newest acquisition first. */
    List<EcgRecordingSummary> forResidents(List<Long> residentIds, int limit) {
        return jdbc.sql("select " + SUMMARY_COLUMNS + """
                         from ecg.recording where resident_id = any(:ids)
                        order by acquired_at desc, id desc limit :limit
                        """)
                .param("ids", residentIds.toArray(Long[]::new)).param("limit", limit)
                .query(RecordingStore::summary).list();
    }

    /** The clinic's uploads, newest first, after the keyset cursor {@code (uploadedAt, id)} when given. */
    List<EcgRecordingSummary> forClinic(long organisationId, Instant beforeUploadedAt, long beforeId, int limit) {
        return jdbc.sql("select " + SUMMARY_COLUMNS + """
                         from ecg.recording where organisation_id = :org
                         and (cast(:before as timestamptz) is null or (uploaded_at, id) < (:before, :beforeId))
                        order by uploaded_at desc, id desc limit :limit
                        """)
                .param("org", organisationId)
                .param("before", beforeUploadedAt == null ? null : Timestamp.from(beforeUploadedAt))
                .param("beforeId", beforeId).param("limit", limit)
                .query(RecordingStore::summary).list();
    }

    /** An original file's name, type and size, and whether its bytes are kept as parts. */
    record FileMeta(String name, String mediaType, long size, boolean parted) {
    }

    Optional<FileMeta> fileMeta(long id, String name) {
        return jdbc.sql("""
                        select name, media_type, size, content is null from ecg.recording_file
                        where recording_id = :id and name = :name""")
                .param("id", id).param("name", name)
                .query((rs, n) -> new FileMeta(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4)))
                .optional();
    }

    /** Writes an original file to {@code out}: its content, or its parts fetched a few at a time in offset order. */
    void writeFile(long id, String name, java.io.OutputStream out) throws java.io.IOException {
        byte[] content = jdbc.sql("select content from ecg.recording_file where recording_id = :id and name = :name")
                .param("id", id).param("name", name).query(byte[].class).optional().orElse(null);
        if (content != null) {
            out.write(content);
            return;
        }
        long from = 0;
        while (true) {
            List<Map.Entry<Long, byte[]>> parts = jdbc.sql("""
                            select start_offset, bytes from ecg.recording_file_part
                            where recording_id = :id and name = :name and start_offset >= :from
                            order by start_offset limit 8""")
                    .param("id", id).param("name", name).param("from", from)
                    .query((rs, n) -> Map.entry(rs.getLong(1), rs.getBytes(2))).list();
            if (parts.isEmpty()) {
                return;
            }
            for (Map.Entry<Long, byte[]> part : parts) {
                out.write(part.getValue());
                from = part.getKey() + part.getValue().length;
            }
        }
    }

    /** Names and sizes of the original files, without their content. */
    List<Map.Entry<String, Integer>> fileNames(long id) {
        return jdbc.sql("select name, size from ecg.recording_file where recording_id = :id order by name")
                .param("id", id).query((rs, n) -> Map.entry(rs.getString(1), (int) Math.min(Integer.MAX_VALUE, rs.getLong(2))))
                .list();
    }

    record Layout(long sampleCount, int leadCount, int blockSamples) {
    }

    Optional<Layout> layout(long id) {
        return jdbc.sql("select sample_count, cardinality(lead_names) leads, block_samples from ecg.recording where id = :id")
                .param("id", id)
                .query((rs, n) -> new Layout(rs.getLong(1), rs.getInt(2), rs.getInt(3))).optional();
    }

    /** Samples {@code [from, to)} of every lead, decoding only the blocks that hold them. */
    int[][] samples(long id, Layout layout, long from, long to) {
        int firstBlock = (int) (from / layout.blockSamples());
        int lastBlock = (int) ((to - 1) / layout.blockSamples());
        int[][] out = new int[layout.leadCount()][(int) (to - from)];
        jdbc.sql("""
                        select block_index, samples from ecg.sample_block
                        where recording_id = :id and block_index between :first and :last order by block_index
                        """)
                .param("id", id).param("first", firstBlock).param("last", lastBlock)
                .query((ResultSet rs) -> { // called once per block row
                    int block = rs.getInt(1);
                    long blockStart = (long) block * layout.blockSamples();
                    int length = (int) Math.min(layout.blockSamples(), layout.sampleCount() - blockStart);
                    int[][] decoded = SampleCodec.decode(rs.getBytes(2), layout.leadCount(), length);
                    long copyFrom = Math.max(from, blockStart);
                    long copyTo = Math.min(to, blockStart + length);
                    for (int lead = 0; lead < decoded.length; lead++) {
                        System.arraycopy(decoded[lead], (int) (copyFrom - blockStart), out[lead],
                                (int) (copyFrom - from), (int) (copyTo - copyFrom));
                    }
                });
        return out;
    }

    /** Detected beats as sample indices, ascending; empty before the pre-analysis. */
    int[] beats(long id) {
        return jdbc.sql("""
                        select beat_samples, (analysis ->> 'beatCount')::int from ecg.recording
                        where id = :id and beat_samples is not null
                        """)
                .param("id", id)
                .query((rs, n) -> SampleCodec.decodeIndices(rs.getBytes(1), rs.getInt(2)))
                .optional().orElse(new int[0]);
    }

    /** Who may see a recording, and the version every change a page shows bumps (no personal data). */
    record PageState(long residentId, long organisationId, long readingCentreId, long version) {
    }

    Optional<PageState> pageState(long id) {
        return jdbc.sql("select resident_id, organisation_id, reading_centre_id, version from ecg.recording where id = :id")
                .param("id", id)
                .query((rs, n) -> new PageState(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).optional();
    }

    /** Ids of recordings still waiting for their pre-analysis, oldest first (picked up after a restart). */
    List<Long> awaitingAnalysis(Instant uploadedBefore, int limit) {
        return jdbc.sql("""
                        select id from ecg.recording where analysed_at is null and uploaded_at < :before
                        order by uploaded_at limit :limit
                        """)
                .param("before", Timestamp.from(uploadedBefore)).param("limit", limit)
                .query(Long.class).list();
    }

    /**
     * Stores the pre-analysis once; false when another node stored it first. A recording a reader claimed before
     * its analysis finished keeps its status and gets the analysis all the same.
     */
    boolean saveAnalysis(long id, EcgPreAnalysis analysis, int[] beats, Instant at) {
        return jdbc.sql("""
                        update ecg.recording set status = case when status = 'RECEIVED' then 'ANALYSED' else status end,
                            analysed_at = :at, critical = :critical, analysis = cast(:analysis as jsonb),
                            beat_samples = :beats, version = version + 1
                        where id = :id and analysed_at is null
                        """)
                .param("id", id).param("at", Timestamp.from(at)).param("critical", analysis.critical())
                .param("analysis", JSON.writeValueAsString(analysis))
                .param("beats", SampleCodec.encodeIndices(beats))
                .update() == 1;
    }

    /** The stored pre-analysis as JSON, for other readers of the recording row in this module. */
    static EcgPreAnalysis analysisOf(String json) {
        return json == null ? null : JSON.readValue(json, EcgPreAnalysis.class);
    }

    private static EcgRecordingSummary summary(ResultSet rs, int row) throws SQLException {
        Array leads = rs.getArray("lead_names");
        String analysis = rs.getString("analysis");
        Timestamp analysedAt = rs.getTimestamp("analysed_at");
        return new EcgRecordingSummary(rs.getLong("id"), rs.getLong("resident_id"), rs.getLong("organisation_id"),
                rs.getLong("reading_centre_id"), rs.getLong("uploaded_by"), EcgKind.valueOf(rs.getString("kind")),
                rs.getString("source_format"), rs.getTimestamp("acquired_at").toInstant(),
                rs.getTimestamp("uploaded_at").toInstant(), rs.getDouble("sampling_rate_hz"),
                Arrays.asList((String[]) leads.getArray()), rs.getLong("sample_count"), rs.getString("indication"),
                EcgStatus.valueOf(rs.getString("status")), rs.getBoolean("critical"),
                analysedAt == null ? null : analysedAt.toInstant(),
                analysis == null ? Optional.empty() : Optional.of(JSON.readValue(analysis, EcgPreAnalysis.class)));
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

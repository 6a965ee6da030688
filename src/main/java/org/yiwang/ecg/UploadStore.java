package org.yiwang.ecg;

import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ecg schema's resumable uploads: sessions, expected files and received chunks. */
@Repository
class UploadStore {

    private final JdbcClient jdbc;

    UploadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Upload(UUID id, long organisationId, long accountId, long residentId, EcgKind kind, Instant acquiredAt,
                  String indication, String idempotencyKey, Instant createdAt, Instant expiresAt, Long recordingId) {
    }

    record FileRow(String name, long size, byte[] sha256) {
    }

    record Chunk(String name, long start, int length) {
        long end() {
            return start + length;
        }
    }

    /** Inserts the session; false when the organisation already used the idempotency key. */
    boolean insert(Upload u) {
        return jdbc.sql("""
                        insert into ecg.upload (id, organisation_id, account_id, resident_id, kind, acquired_at, indication,
                            idempotency_key, created_at, expires_at)
                        values (:id, :org, :account, :resident, :kind, :acquiredAt, :indication, :key, :created, :expires)
                        on conflict (organisation_id, idempotency_key) do nothing
                        """)
                .param("id", u.id()).param("org", u.organisationId()).param("account", u.accountId())
                .param("resident", u.residentId()).param("kind", u.kind().name())
                .param("acquiredAt", u.acquiredAt() == null ? null : Timestamp.from(u.acquiredAt()))
                .param("indication", u.indication()).param("key", u.idempotencyKey())
                .param("created", Timestamp.from(u.createdAt())).param("expires", Timestamp.from(u.expiresAt()))
                .update() == 1;
    }

    void insertFiles(UUID id, List<FileRow> files) {
        for (FileRow f : files) {
            jdbc.sql("insert into ecg.upload_file (upload_id, name, size, sha256) values (:id, :name, :size, :sha)")
                    .param("id", id).param("name", f.name()).param("size", f.size()).param("sha", f.sha256())
                    .update();
        }
    }

    private static final String UPLOAD_COLUMNS = """
            id, organisation_id, account_id, resident_id, kind, acquired_at, indication, idempotency_key, created_at,
            expires_at, recording_id""";

    Optional<Upload> find(UUID id) {
        return jdbc.sql("select " + UPLOAD_COLUMNS + " from ecg.upload where id = :id").param("id", id)
                .query(UploadStore::upload).optional();
    }

    /** The session, locked until the transaction ends (chunks and completion of one upload run one at a time). */
    Optional<Upload> lock(UUID id) {
        return jdbc.sql("select " + UPLOAD_COLUMNS + " from ecg.upload where id = :id for update").param("id", id)
                .query(UploadStore::upload).optional();
    }

    Optional<Upload> findByIdempotencyKey(long organisationId, String key) {
        return jdbc.sql("select " + UPLOAD_COLUMNS + " from ecg.upload where organisation_id = :org and idempotency_key = :key")
                .param("org", organisationId).param("key", key).query(UploadStore::upload).optional();
    }

    List<FileRow> files(UUID id) {
        return jdbc.sql("select name, size, sha256 from ecg.upload_file where upload_id = :id order by name")
                .param("id", id).query((rs, n) -> new FileRow(rs.getString(1), rs.getLong(2), rs.getBytes(3))).list();
    }

    /** Chunk positions (not their bytes) of every file, by file name, ascending by offset. */
    Map<String, List<Chunk>> chunks(UUID id) {
        Map<String, List<Chunk>> out = new LinkedHashMap<>();
        jdbc.sql("select name, start_offset, length from ecg.upload_chunk where upload_id = :id order by name, start_offset")
                .param("id", id)
                .query((rs, n) -> new Chunk(rs.getString(1), rs.getLong(2), rs.getInt(3))).list()
                .forEach(c -> out.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c));
        return out;
    }

    /** Chunks of the file that share a byte with {@code [from, to)}. */
    List<Chunk> overlapping(UUID id, String name, long from, long to) {
        return jdbc.sql("""
                        select name, start_offset, length from ecg.upload_chunk
                        where upload_id = :id and name = :name and start_offset < :to and start_offset + length > :from
                        order by start_offset
                        """)
                .param("id", id).param("name", name).param("from", from).param("to", to)
                .query((rs, n) -> new Chunk(rs.getString(1), rs.getLong(2), rs.getInt(3))).list();
    }

    byte[] chunkBytes(UUID id, String name, long start) {
        return jdbc.sql("select bytes from ecg.upload_chunk where upload_id = :id and name = :name and start_offset = :start")
                .param("id", id).param("name", name).param("start", start).query(byte[].class).single();
    }

    void insertChunk(UUID id, String name, long start, byte[] bytes) {
        jdbc.sql("""
                        insert into ecg.upload_chunk (upload_id, name, start_offset, length, bytes)
                        values (:id, :name, :start, :length, :bytes)
                        """)
                .param("id", id).param("name", name).param("start", start).param("length", bytes.length)
                .param("bytes", bytes).update();
    }

    void touch(UUID id, Instant expiresAt) {
        jdbc.sql("update ecg.upload set expires_at = greatest(expires_at, :expires) where id = :id")
                .param("id", id).param("expires", Timestamp.from(expiresAt)).update();
    }

    /** The file's bytes, assembled from its chunks (which must cover it: checked by the caller). */
    byte[] assemble(UUID id, String name, long size) {
        byte[] out = new byte[Math.toIntExact(size)];
        jdbc.sql("select start_offset, bytes from ecg.upload_chunk where upload_id = :id and name = :name order by start_offset")
                .param("id", id).param("name", name)
                .query((ResultSet rs) -> {
                    byte[] bytes = rs.getBytes(2);
                    System.arraycopy(bytes, 0, out, (int) rs.getLong(1), bytes.length);
                });
        return out;
    }

    /**
     * The file's bytes as a stream over its chunks (which must cover it: checked by the caller), fetched a few at a
     * time in offset order, so a file of any size is read in the memory of {@value #STREAM_CHUNKS} chunks.
     */
    InputStream stream(UUID id, String name) {
        return new InputStream() {
            private long nextOffset;
            private final java.util.ArrayDeque<byte[]> fetched = new java.util.ArrayDeque<>();
            private byte[] current = new byte[0];
            private int at;
            private boolean end;

            private boolean fill() {
                while (at == current.length) {
                    if (fetched.isEmpty()) {
                        if (end) {
                            return false;
                        }
                        jdbc.sql("""
                                        select start_offset, bytes from ecg.upload_chunk
                                        where upload_id = :id and name = :name and start_offset >= :from
                                        order by start_offset limit :limit""")
                                .param("id", id).param("name", name).param("from", nextOffset)
                                .param("limit", STREAM_CHUNKS)
                                .query((ResultSet rs) -> {
                                    byte[] bytes = rs.getBytes(2);
                                    fetched.add(bytes);
                                    nextOffset = rs.getLong(1) + bytes.length;
                                });
                        if (fetched.size() < STREAM_CHUNKS) {
                            end = true;
                        }
                        if (fetched.isEmpty()) {
                            return false;
                        }
                    }
                    current = fetched.poll();
                    at = 0;
                }
                return true;
            }

            @Override
            public int read() {
                return fill() ? current[at++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, current.length - at);
                System.arraycopy(current, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    static final int STREAM_CHUNKS = 8;

    /** Marks the upload completed and drops its chunks (the recording keeps the files). */
    void complete(UUID id, long recordingId, Instant at) {
        jdbc.sql("update ecg.upload set recording_id = :rec, completed_at = :at where id = :id")
                .param("id", id).param("rec", recordingId).param("at", Timestamp.from(at)).update();
        jdbc.sql("delete from ecg.upload_chunk where upload_id = :id").param("id", id).update();
    }

    /**
     * Deletes up to {@code limit} uploads expired before {@code now} with their files and chunks. Rows another node is
     * deleting or completing right now are skipped (SKIP LOCKED), so nodes purging at once never wait on each other
     * nor delete an upload being completed.
     */
    int purgeExpired(Instant now, int limit) {
        return jdbc.sql("""
                        delete from ecg.upload where id in (
                            select id from ecg.upload where expires_at < :now
                            order by expires_at limit :limit for update skip locked)
                        """)
                .param("now", Timestamp.from(now)).param("limit", limit).update();
    }

    private static Upload upload(ResultSet rs, int row) throws SQLException {
        Timestamp acquired = rs.getTimestamp("acquired_at");
        long recording = rs.getLong("recording_id");
        Long recordingId = rs.wasNull() ? null : recording;
        return new Upload(rs.getObject("id", UUID.class), rs.getLong("organisation_id"), rs.getLong("account_id"),
                rs.getLong("resident_id"), EcgKind.valueOf(rs.getString("kind")),
                acquired == null ? null : acquired.toInstant(), rs.getString("indication"),
                rs.getString("idempotency_key"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), recordingId);
    }
}

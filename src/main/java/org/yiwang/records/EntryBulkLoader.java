package org.yiwang.records;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads synthetic histories fast (the demo county, the load command): entries are checked by the same
 * {@link EntryValidator} as any other, ids are taken from the table's sequence up front so that results can point to
 * their encounter, and rows go in with COPY in the caller's transaction. The generator is trusted to name existing
 * residents, organisations and authors, so the per-entry lookups of {@link HealthRecord#record} are skipped.
 */
@Component
class EntryBulkLoader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COPY = """
            copy records.entry (id, resident_id, kind, encounter_id, code_system, code, display, category, status,
                effective_at, ended_at, value_numeric, value_unit, value_text, reference_low, reference_high,
                interpretation, sensitivity, details, organisation_id, author_practitioner_id, source_system, source_id)
            from stdin""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    EntryBulkLoader(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * Stores the histories; each list is one resident's, with local encounter references
     * ({@link SyntheticHistories#localEncounterReference}) pointing into the same list.
     *
     * @return the number of entries stored
     */
    int load(List<List<NewEntry>> histories, EntryValidator validator) {
        int total = histories.stream().mapToInt(List::size).sum();
        if (total == 0) {
            return 0;
        }
        List<Long> ids = jdbc.sql("select nextval(pg_get_serial_sequence('records.entry', 'id')) "
                        + "from generate_series(1, :n)")
                .param("n", total).query(Long.class).list();
        StringBuilder rows = new StringBuilder(total * 300);
        List<Object[]> attachments = new ArrayList<>();
        int next = 0;
        for (List<NewEntry> history : histories) {
            int first = next;
            for (NewEntry raw : history) {
                EntryValidator.Checked checked = validator.check(raw);
                NewEntry e = checked.entry();
                long id = ids.get(next++);
                Long encounter = e.encounterId() == null ? null
                        : e.encounterId() < 0 ? ids.get(first + SyntheticHistories.localEncounterIndex(e.encounterId()))
                        : e.encounterId();
                row(rows, id, e.residentId(), e.kind().name(), encounter, e.code().system(), e.code().code(),
                        e.code().display(), e.category(), e.status(), e.effectiveAt(), e.endedAt(),
                        e.value() == null ? null : e.value().value(), e.value() == null ? null : e.value().unit(),
                        e.valueText(), e.range() == null ? null : e.range().low(),
                        e.range() == null ? null : e.range().high(),
                        e.interpretation() == null ? null : e.interpretation().code(),
                        checked.sensitivity() == null ? null : checked.sensitivity().name(),
                        JSON.writeValueAsString(e.details()), e.organisationId(), e.authorPractitionerId(),
                        e.sourceSystem(), e.sourceId());
                for (NewAttachment a : e.attachments()) {
                    attachments.add(new Object[] {id, a});
                }
            }
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows.toString()));
        } catch (Exception e) {
            throw new IllegalStateException("bulk load of " + total + " record entries failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        for (Object[] a : attachments) {
            NewAttachment file = (NewAttachment) a[1];
            jdbc.sql("""
                            insert into records.attachment (entry_id, title, content_type, size_bytes, sha256, content)
                            values (:entry, :title, :type, :size, sha256(:content), :content)""")
                    .param("entry", a[0]).param("title", file.title()).param("type", file.contentType())
                    .param("size", file.content().length).param("content", file.content())
                    .update();
        }
        return total;
    }

    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else if (v instanceof Instant instant) {
                out.append(instant);
            } else if (v instanceof BigDecimal decimal) {
                out.append(decimal.toPlainString());
            } else {
                escape(out, v.toString());
            }
        }
        out.append('\n');
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped. */
    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}

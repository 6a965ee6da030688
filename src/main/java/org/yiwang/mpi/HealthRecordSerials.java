package org.yiwang.mpi;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * REC-03: the 5-digit serials of each village, in order of record creation, from one database sequence per village.
 *
 * <p>A sequence rather than a counter row: a counter row stays locked until the registering transaction commits,
 * so every registration in a village (and every transaction Bundle that registers its patient) waited for the one
 * before it. A sequence hands out numbers without locking; a registration that rolls back leaves its serial unused,
 * which REC-03 allows (numbers stay unique and in order of creation). A village's sequence is created on its first
 * registration and starts after the highest serial already on file there (demo data, imports).
 *
 * <p>Sequences are found through {@code pg_class} by a query rather than by name ({@code 'x'::regclass}): a query
 * sees a sequence another transaction has just committed, where the backend's name cache may not yet.
 */
@Repository
class HealthRecordSerials {

    private static final String SEQUENCE_PREFIX = "health_record_serial_";
    private static final String SEQUENCE_OF = """
            from pg_catalog.pg_class c
            where c.relnamespace = 'mpi'::regnamespace and c.relname = :name and c.relkind = 'S'""";

    private final JdbcClient jdbc;

    HealthRecordSerials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next serial of {@code village}.
     *
     * @throws ResidentInputException when the village has used all 99,999 serials
     */
    HealthRecordNumber next(String village) {
        String name = sequenceOf(village);
        long serial = nextFrom(name).orElseGet(() -> {
            create(village, name);
            return nextFrom(name).orElseThrow();
        });
        if (serial < 0) {
            // the registrar (or the clinic's system) learns why nothing was stored; the county must split the village
            throw new ResidentInputException(List.of(FieldProblem.of("divisionCode",
                    "mpi.division.error.SERIALS_USED_UP", village, HealthRecordNumber.MAX_SERIAL)));
        }
        return HealthRecordNumber.of(village, (int) serial);
    }

    /** The last serial handed out in {@code village}, 0 when none. */
    int last(String village) {
        return jdbc.sql("select coalesce(pg_sequence_last_value(c.oid), 0) " + SEQUENCE_OF)
                .param("name", sequenceOf(village)).query(Integer.class).optional().orElse(0);
    }

    /** Moves the village's sequence on to at least {@code serial}, for residents numbered in bulk (the loader). */
    void skipTo(String village, int serial) {
        String name = sequenceOf(village);
        create(village, name);
        jdbc.sql("select setval(c.oid, greatest(:serial, coalesce(pg_sequence_last_value(c.oid), 0))) " + SEQUENCE_OF)
                .param("name", name).param("serial", serial).query().singleRow();
    }

    /** The next value, -1 when the sequence is used up (nextval past maxvalue would abort the transaction). */
    private Optional<Long> nextFrom(String name) {
        return jdbc.sql("""
                        select case when coalesce(pg_sequence_last_value(c.oid), 0) < :max
                                    then nextval(c.oid) else -1 end
                        """ + SEQUENCE_OF)
                .param("max", HealthRecordNumber.MAX_SERIAL).param("name", name)
                .query(Long.class).optional();
    }

    /**
     * Creates the village's sequence unless it exists, seeded from the highest serial on file. Concurrent first
     * registrations in one village queue on an advisory lock; the later ones find the sequence once the first commits.
     */
    private void create(String village, String name) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:lock, 0))")
                .param("lock", "mpi.health_record_serial:" + village).query().singleRow();
        boolean exists = jdbc.sql("select true " + SEQUENCE_OF).param("name", name).query(Boolean.class)
                .optional().isPresent();
        if (exists) {
            return;
        }
        jdbc.sql("create sequence mpi." + name + " as integer minvalue 1 maxvalue " + HealthRecordNumber.MAX_SERIAL
                + " no cycle").update();
        // max of the fixed-width number itself: one backward index probe, not a scan of the village's residents
        jdbc.sql("""
                        select setval(c.oid, m.onfile)
                        from (select substr(max(health_record_number), 13)::int as onfile from mpi.resident
                              where health_record_number between cast(:low as bpchar) and cast(:high as bpchar)) m,
                             pg_catalog.pg_class c
                        where c.relnamespace = 'mpi'::regnamespace and c.relname = :name and c.relkind = 'S'
                          and m.onfile > 0""")
                .param("name", name).param("low", village + "00000").param("high", village + "99999")
                .query().listOfRows();
    }

    private static String sequenceOf(String village) {
        if (village == null || !village.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("a health-record number needs a 12-digit village division code");
        }
        return SEQUENCE_PREFIX + village;
    }
}

package org.yiwang.mpi;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes residents registered before migration V3_2: derives their pinyin (which SQL cannot) and records their
 * first version. Runs once the application is ready, in batches that lock their rows with {@code SKIP LOCKED}, so
 * several nodes starting together share the work; with nothing to do it costs one look at a partial index.
 */
@Component
class ResidentBackfill {

    private static final Logger log = LoggerFactory.getLogger(ResidentBackfill.class);
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ResidentBackfill(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        long filled = 0;
        while (true) {
            Integer done = transactions.execute(status -> batch());
            if (done == null || done == 0) {
                break;
            }
            filled += done;
        }
        if (filled == 0) {
            return;
        }
        int versions = transactions.execute(status -> jdbc.sql("""
                        insert into mpi.resident_version (resident_id, version, change, snapshot, changed_by,
                                                          changed_organisation_id)
                        select r.id, r.version, 'REGISTERED', """ + ResidentWriter.SNAPSHOT + """
                            , r.created_by, r.registered_organisation_id
                        from mpi.resident r
                        where not exists (select 1 from mpi.resident_version v where v.resident_id = r.id)
                        on conflict (resident_id, version) do nothing
                        """).update());
        log.info("Residents registered before V3_2 completed: {} pinyin derived, {} first versions recorded",
                filled, versions);
    }

    private int batch() {
        record Row(long id, String name) {
        }
        List<Row> rows = jdbc.sql("""
                        select id, name from mpi.resident where pinyin_key is null
                        order by id limit :batch for update skip locked""")
                .param("batch", BATCH)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2)))
                .list();
        for (Row row : rows) {
            String[] pinyin = ResidentValidator.pinyin(row.name());
            jdbc.sql("update mpi.resident set pinyin = :pinyin, pinyin_key = :key where id = :id")
                    .param("pinyin", pinyin[0]).param("key", pinyin[1]).param("id", row.id()).update();
        }
        return rows.size();
    }
}

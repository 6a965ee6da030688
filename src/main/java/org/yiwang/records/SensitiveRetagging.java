package org.yiwang.records;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one-off backfill of {@link SensitiveCodes}: tags the entries written before their code was on the list (HIV
 * results, antipsychotic prescriptions… recorded when only diagnoses were classified), so that they follow the same
 * access rules as new ones. Run by {@code java -jar yiwang.jar records-retag-sensitive} after an upgrade or after a
 * county adds codes to {@code records/sensitive-codes.tsv}; idempotent (only untagged, non-diagnosis entries are
 * touched; a tag is never removed, so that editing the list can never expose an item).
 *
 * <p>It walks the table in id ranges of {@value #BATCH} rows, one short transaction each, so that a county of tens
 * of millions of entries is retagged without a long lock or a huge transaction, while the server keeps running.
 * Not audited per resident: it reads no one's record, it only narrows who may read it.
 */
@Service
public class SensitiveRetagging {

    static final int BATCH = 50_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SensitiveCodes codes;

    @org.springframework.beans.factory.annotation.Autowired
    SensitiveRetagging(JdbcClient jdbc, TransactionTemplate transactions) {
        this(jdbc, transactions, SensitiveCodes.fromClasspath());
    }

    SensitiveRetagging(JdbcClient jdbc, TransactionTemplate transactions, SensitiveCodes codes) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.codes = codes;
    }

    /**
     * Tags every untagged entry whose code is on the list.
     *
     * @param progress told the number of entries tagged so far after each batch
     * @return the number of entries tagged
     */
    public long retagAll(LongConsumer progress) {
        if (codes.rules().isEmpty()) {
            return 0;
        }
        long maxId = jdbc.sql("select coalesce(max(id), 0) from records.entry").query(Long.class).single();
        long tagged = 0;
        for (long from = 0; from < maxId; from += BATCH) {
            long lo = from;
            Integer n = transactions.execute(status -> retag(lo, lo + BATCH));
            tagged += n == null ? 0 : n;
            progress.accept(tagged);
        }
        return tagged;
    }

    private int retag(long afterId, long upToId) {
        StringBuilder values = new StringBuilder();
        List<Object> params = new ArrayList<>();
        int order = 0;
        for (SensitiveCodes.Rule rule : codes.rules()) {
            values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?)");
            params.add(order++);
            params.add(rule.system());
            params.add(rule.prefix());
            params.add(rule.prefix() ? rule.code().toUpperCase(java.util.Locale.ROOT) : rule.code());
            params.add(rule.category() == null ? null : rule.category().name());
        }
        params.add(afterId);
        params.add(upToId);
        // the first matching line wins, as at write time
        return jdbc.sql("""
                        update records.entry e set sensitivity = m.category
                        from (select distinct on (e2.id) e2.id, r.category
                              from records.entry e2
                              join (values %s) as r(ord, system, prefix, code, category)
                                on e2.code_system = r.system
                               and ((not r.prefix and btrim(e2.code) = r.code)
                                    or (r.prefix and upper(btrim(e2.code)) like r.code || '%%'))
                              where e2.kind <> 'CONDITION' and e2.sensitivity is null and e2.id > ? and e2.id <= ?
                              order by e2.id, r.ord) m
                        where e.id = m.id and m.category is not null""".formatted(values))
                .params(params).update();
    }
}

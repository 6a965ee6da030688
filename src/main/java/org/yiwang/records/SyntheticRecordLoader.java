package org.yiwang.records;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.mpi.ResidentDemographics;
import org.yiwang.mpi.Residents;
import org.yiwang.mpi.Sex;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.Practitioners;

/**
 * Gives synthetic residents synthetic health records ({@link SyntheticHistories}): the demo county on first start,
 * and a county-sized load for benchmarks ({@code records-load}). Resumable: it continues after the last resident that
 * already has synthetic entries. Each chunk of residents is one transaction.
 */
@Service
public class SyntheticRecordLoader {

    private static final int CHUNK = 2_000;

    /**
     * What a load did.
     *
     * @param heavyResidents residents given a long (≈ 500 item) history for benchmarks
     */
    public record LoadReport(long residents, long entries, long heavyResidents, long relationships, double seconds) {
    }

    private final Residents residents;
    private final Organisations organisations;
    private final Practitioners practitioners;
    private final EntryBulkLoader bulk;
    private final AccessStore access;
    private final RecordAccessProperties accessProperties;
    private final ObservationCatalogue catalogue;
    private final IcdCodes icdCodes;
    private final RecordsProperties properties;
    private final TransactionTemplate transactions;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Clock clock;

    SyntheticRecordLoader(Residents residents, Organisations organisations, Practitioners practitioners,
                          EntryBulkLoader bulk, AccessStore access, RecordAccessProperties accessProperties,
                          ObservationCatalogue catalogue, IcdCodes icdCodes, RecordsProperties properties,
                          TransactionTemplate transactions, org.springframework.jdbc.core.simple.JdbcClient jdbc,
                          Clock clock) {
        this.residents = residents;
        this.organisations = organisations;
        this.practitioners = practitioners;
        this.bulk = bulk;
        this.access = access;
        this.accessProperties = accessProperties;
        this.catalogue = catalogue;
        this.icdCodes = icdCodes;
        this.properties = properties;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Histories for every living resident after those already loaded, in transactions of {@value #CHUNK} residents.
     *
     * @param heavyEvery every n-th resident gets a long history (0: none)
     */
    public LoadReport load(long seed, int heavyEvery, PrintStream progress) {
        return run(seed, 0, heavyEvery, true, progress);
    }

    /** The demo county's records, in the caller's (demo loading) transaction. */
    LoadReport loadDemo(long seed, int showcase) {
        return run(seed, showcase, 0, false, null);
    }

    /** Residents with at least {@code minimumEntries} standing entries, at most {@code limit}: benchmark subjects. */
    public List<Long> residentsWithAtLeast(int minimumEntries, int limit) {
        return jdbc.sql("""
                        select resident_id from records.entry where voided_at is null and source_system = :system
                        group by resident_id having count(*) >= :minimum order by resident_id limit :limit""")
                .param("system", SyntheticHistories.SOURCE_SYSTEM)
                .param("minimum", minimumEntries)
                .param("limit", limit)
                .query(Long.class).list();
    }

    private LoadReport run(long seed, int showcase, int heavyEvery, boolean chunkTransactions, PrintStream progress) {
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(clock.withZone(SyntheticHistories.CHINA));
        SyntheticHistories histories = new SyntheticHistories(catalogue, today);
        EntryValidator validator = new EntryValidator(icdCodes, catalogue, properties.clockSkew(),
                properties.maxAttachment().toBytes(), clock);
        RecordsDemoData.SiteDirectory sites = new RecordsDemoData.SiteDirectory(organisations, practitioners);
        long after = jdbc.sql("select coalesce(max(resident_id), 0) from records.entry where source_system = :system")
                .param("system", SyntheticHistories.SOURCE_SYSTEM).query(Long.class).single();
        long[] totals = new long[3];
        int[] showcased = {0};
        List<ResidentDemographics> page;
        do {
            page = residents.demographics(after, CHUNK, "合成数据");
            List<ResidentDemographics> chunk = page;
            Runnable work = () -> {
                List<List<NewEntry>> batch = new ArrayList<>(chunk.size());
                for (ResidentDemographics r : chunk) {
                    SyntheticHistories.Sites site = sites.of(r.registeredOrganisationId(), r.id());
                    if (site == null || r.birthDate() == null) {
                        continue;
                    }
                    int age = r.birthDate().until(today).getYears();
                    boolean isShowcase = showcased[0] < showcase && age >= 30 && age <= 60;
                    showcased[0] += isShowcase ? 1 : 0;
                    var person = new SyntheticHistories.Person(r.id(), r.sex() == Sex.FEMALE, r.birthDate(), isShowcase);
                    boolean heavy = heavyEvery > 0 && r.id() % heavyEvery == 0;
                    batch.add(heavy ? histories.heavyHistoryOf(person, site, seed) : histories.historyOf(person, site, seed));
                    totals[0]++;
                    totals[2] += heavy ? 1 : 0;
                }
                totals[1] += bulk.load(batch, validator);
            };
            if (chunkTransactions) {
                transactions.executeWithoutResult(s -> work.run());
            } else {
                work.run();
            }
            after = page.isEmpty() ? after : page.getLast().id();
            if (progress != null && !page.isEmpty()) {
                progress.printf("  %,d residents, %,d entries, %.0f s%n", totals[0], totals[1],
                        (System.nanoTime() - started) / 1e9);
            }
        } while (page.size() == CHUNK);
        long relationships = chunkTransactions
                ? transactions.execute(s -> access.treatingFromEntries(accessProperties.treatingWindow()))
                : access.treatingFromEntries(accessProperties.treatingWindow());
        if (chunkTransactions) {
            jdbc.sql("analyze records.entry").update();
        }
        return new LoadReport(totals[0], totals[1], totals[2], relationships, (System.nanoTime() - started) / 1e9);
    }
}

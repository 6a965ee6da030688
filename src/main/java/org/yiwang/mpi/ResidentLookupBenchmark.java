package org.yiwang.mpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Measures the master index's lookups at county scale on synthetic residents loaded by
 * {@link SyntheticResidentLoader} (real encryption and blind indexes): the registration form's likely-existing
 * lookup ({@link ResidentDirectory#likelyExisting(ResidentDraft, String)}: validation, SQL candidates, decryption of
 * the candidates' ID numbers and phones, ranking by the record-linkage engine, audit) for new registrations of
 * existing persons and of new persons, single-threaded and with concurrent callers, with the recall of the true
 * person; and the SQL candidate queries and searches alone. Only for the {@code mpi-bench} command on a scratch
 * database.
 */
@Service
public class ResidentLookupBenchmark {

    static final String PURPOSE = "registration benchmark on synthetic residents";

    private final JdbcClient jdbc;
    private final ResidentQueries queries;
    private final MpiProperties properties;
    private final ResidentDirectory directory;
    private final SyntheticResidentLoader loader;

    ResidentLookupBenchmark(JdbcClient jdbc, ResidentQueries queries, MpiProperties properties,
            ResidentDirectory directory, SyntheticResidentLoader loader) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.properties = properties;
        this.directory = directory;
        this.loader = loader;
    }

    /** Latencies of one kind of lookup, in milliseconds, over {@code callers} concurrent callers. */
    public record Timing(String lookup, int callers, int runs, double p50Ms, double p95Ms, double p99Ms, double maxMs,
            double meanRows) {
    }

    /**
     * How well the registration lookup finds the person of kind-a probes.
     *
     * @param idAlreadyRegistered probes refused because their ID number is on file: the form names its holder
     * @param foundByCandidates of the other probes, those with a resident of the same person among the candidates
     */
    public record Recall(int probes, int idAlreadyRegistered, int idHolderIsPerson, int throughCandidates,
            int foundByCandidates, int foundFirst, int rejected, double meanCandidates) {
    }

    public record Report(long residentsOnFile, List<Timing> timings, Recall existingRecall, Recall newPersons,
            List<String> candidatePlan) {
    }

    /** Times {@code lookups} probes of each kind, single-threaded and with {@code callers} concurrent callers. */
    public Report run(int lookups, int callers, long pickSeed) {
        List<SyntheticResidentLoader.Probe> existing = loader.probes(true, lookups, pickSeed);
        List<SyntheticResidentLoader.Probe> brandNew = loader.probes(false, lookups, pickSeed + 1);
        List<Timing> timings = new ArrayList<>();
        Recall existingRecall = recall(existing);
        Recall newPersons = recall(brandNew);
        for (int c : callers > 1 ? List.of(1, callers) : List.of(1)) {
            timings.add(time("registration lookup, existing person registered again", existing, c,
                    this::likelyExisting));
            timings.add(time("registration lookup, new person", brandNew, c, this::likelyExisting));
        }

        record Sample(long id, String name, String pinyinKey, LocalDate birthDate, int sex, byte[] document,
                byte[] phone) {
        }
        Random random = new Random(pickSeed);
        long[] range = jdbc.sql("select coalesce(min(id), 0), coalesce(max(id), 0) from mpi.resident "
                        + "where created_by = :by").param("by", SyntheticResidentLoader.CREATED_BY)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        List<Sample> samples = new ArrayList<>();
        while (samples.size() < lookups) {
            long from = range[0] + (long) (random.nextDouble() * (range[1] - range[0] + 1));
            jdbc.sql("""
                            select r.id, r.name, r.pinyin_key, r.birth_date, r.sex, r.id_number_index, r.phone_index
                            from mpi.resident r
                            where r.id >= :from and r.created_by = :by and r.id_number_index is not null
                              and r.phone_index is not null
                            order by r.id limit 1""")
                    .param("from", from).param("by", SyntheticResidentLoader.CREATED_BY)
                    .query((rs, n) -> new Sample(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getInt(5), rs.getBytes(6), rs.getBytes(7)))
                    .optional().ifPresent(samples::add);
        }
        timings.add(time("SQL candidates (document, phone, pinyin+birth date, swapped date, trigram name)", samples,
                1, s -> {
                    var found = queries.candidates(new ResidentQueries.CandidateProbe(List.of(s.document()),
                            List.of(s.phone()), s.pinyinKey(), s.birthDate(), Sex.fromCode(s.sex()), -1L),
                            properties.nameSimilarity());
                    return queries.listItems(found.keySet()).size();
                }));
        timings.add(time("SQL candidates without document or phone (name and birth date only)", samples, 1,
                s -> queries.candidates(new ResidentQueries.CandidateProbe(List.of(), List.of(), s.pinyinKey(),
                        s.birthDate(), Sex.fromCode(s.sex()), -1L), properties.nameSimilarity()).size()));
        timings.add(time("search by document blind index", samples, 1, s -> queries.search("""
                        r.id in (select resident_id from mpi.identity_document
                                 where number_index in (:documentIndexes) and voided_at is null)""",
                Map.of("documentIndexes", List.of(s.document())), 0, properties.pageSize() + 1).size()));
        timings.add(time("search by name prefix (first page)", samples, 1, s -> queries.search(
                "r.name like :namePrefix", Map.of("namePrefix", s.name().substring(0, 2) + "%"), 0,
                properties.pageSize() + 1).size()));
        timings.add(time("search by pinyin prefix (first page)", samples, 1, s -> queries.search(
                "r.pinyin_key like :pinyinPrefix", Map.of("pinyinPrefix", s.pinyinKey() + "%"), 0,
                properties.pageSize() + 1).size()));
        Sample sample = samples.getFirst();
        List<String> plan = jdbc.sql("""
                        explain (analyze, costs off, timing off, summary off)
                        select id from mpi.resident
                        where birth_date = :birthDate and sex = :sex and voided_at is null
                          and pinyin_key <> :pinyinKey and similarity(pinyin_key, :pinyinKey) >= :similarity
                        limit 20""")
                .param("birthDate", sample.birthDate()).param("sex", sample.sex())
                .param("pinyinKey", sample.pinyinKey()).param("similarity", properties.nameSimilarity())
                .query(String.class).list();
        long onFile = jdbc.sql("select count(*) from mpi.resident").query(Long.class).single();
        return new Report(onFile, timings, existingRecall, newPersons, plan);
    }

    /** The form's lookup; a probe refused (e.g. its ID number is already registered) counts as one answer row. */
    private int likelyExisting(SyntheticResidentLoader.Probe probe) {
        try {
            return directory.likelyExisting(probe.draft(), PURPOSE).size();
        } catch (ResidentInputException e) {
            return 1;
        }
    }

    private Recall recall(List<SyntheticResidentLoader.Probe> probes) {
        int idRegistered = 0;
        int idHolder = 0;
        int throughCandidates = 0;
        int found = 0;
        int first = 0;
        int rejected = 0;
        long candidates = 0;
        for (SyntheticResidentLoader.Probe probe : probes) {
            Set<String> truth = loader.healthRecordNumbersOf(probe.person());
            try {
                List<DuplicateCandidate> shown = directory.likelyExisting(probe.draft(), PURPOSE);
                throughCandidates++;
                candidates += shown.size();
                if (shown.stream().anyMatch(c -> truth.contains(c.resident().healthRecordNumber()))) {
                    found++;
                }
                if (!shown.isEmpty() && truth.contains(shown.getFirst().resident().healthRecordNumber())) {
                    first++;
                }
            } catch (ResidentInputException e) {
                var holder = e.problems().stream()
                        .filter(p -> p.messageKey().equals("mpi.document.error.ALREADY_REGISTERED")).findFirst();
                if (holder.isPresent()) {
                    idRegistered++;
                    if (truth.contains(holder.get().arguments().getLast())) { // the holder's record number
                        idHolder++;
                    }
                } else {
                    rejected++;
                }
            }
        }
        return new Recall(probes.size(), idRegistered, idHolder, throughCandidates, found, first, rejected,
                throughCandidates == 0 ? 0 : (double) candidates / throughCandidates);
    }

    private <S> Timing time(String lookup, List<S> samples, int callers, ToIntFunction<S> query) {
        query.applyAsInt(samples.getFirst()); // warm-up
        double[] ms = new double[samples.size()];
        AtomicLong rows = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < callers; t++) {
                int caller = t;
                running.add(pool.submit(() -> {
                    for (int i = caller; i < samples.size(); i += callers) {
                        long start = System.nanoTime();
                        rows.addAndGet(query.applyAsInt(samples.get(i)));
                        ms[i] = (System.nanoTime() - start) / 1e6;
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a lookup failed: " + lookup, e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Arrays.sort(ms);
        return new Timing(lookup, callers, ms.length, percentile(ms, 0.50), percentile(ms, 0.95),
                percentile(ms, 0.99), ms[ms.length - 1], (double) rows.get() / ms.length);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
    }
}

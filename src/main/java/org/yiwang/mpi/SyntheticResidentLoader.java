package org.yiwang.mpi;

import java.io.PrintStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.yiwang.mpi.matching.PersonRecord;
import org.yiwang.mpi.matching.SyntheticResidents;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.platform.crypto.Masking;

/**
 * Loads synthetic residents from {@link SyntheticResidents} into a scratch database as registration stores them:
 * ID number and phone encrypted with their blind indexes and masked forms, derived pinyin, health-record numbers of
 * the county's villages (serials continue after those on file, and the serial counters are advanced), the primary
 * document and phone, a household per address and version 1 — all marked {@code created_by = 'benchmark'} so that
 * {@link #clean} removes them.
 *
 * <p>Persons come in chunks of {@value #CHUNK_PERSONS}, chunk {@code c} generated with seed {@code seed * 1,000,003
 * + c}, so any chunk can be regenerated later. A person registered several times has all copies but the last loaded:
 * the last one is held back as a "new registration of an existing person" probe ({@link #probes}). A typed ID
 * number is kept only when valid, consistent with the birth date and sex typed, and not already held by another
 * loaded resident (the registry refuses a second living record with one ID number); otherwise the copy is stored
 * without ID number, as a registrar leaving it blank would. The person each record belongs to (the truth, for
 * precision and recall of benchmarks only; the matcher never reads it) goes to the side table
 * {@code mpi_benchmark.resident_person}.
 *
 * <p>Chunks are generated, validated and encrypted in parallel on a bounded pool; one writer copies the rows in
 * (PostgreSQL {@code COPY}) in chunk order, so the same seed gives the same database. Only for the
 * {@code mpi-load}/{@code mpi-bench} commands on a scratch database.
 */
@Service
public class SyntheticResidentLoader {

    public static final String CREATED_BY = "benchmark";
    static final int CHUNK_PERSONS = 5_000;
    static final double DUPLICATE_SHARE = 0.3;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final FieldEncryption encryption;
    private final Masking masking;
    private final ResidentStore store;
    private final CountyDivisions divisions;
    private final HealthRecordSerials serials;

    SyntheticResidentLoader(JdbcClient jdbc, DataSource dataSource, FieldEncryption encryption, Masking masking,
            ResidentStore store, CountyDivisions divisions, HealthRecordSerials serials) {
        this.serials = serials;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.encryption = encryption;
        this.masking = masking;
        this.store = store;
        this.divisions = divisions;
    }

    /**
     * @param residents synthetic residents on file after the load
     * @param inserted how many this call inserted (0 when enough were there)
     */
    public record LoadReport(long residents, long inserted, long persons, long withIdNumber, long withPhone,
            double seconds, double copySeconds, double completeSeconds) {
    }

    /** How the synthetic residents on file were generated; empty when none are. */
    public record Loaded(long seed, long residents, int fullChunks) {
    }

    /** A registration held back from the load (kind a) or of a person never loaded (kind b), with the truth. */
    public record Probe(ResidentDraft draft, long person, boolean existingPerson) {
    }

    /**
     * Loads synthetic residents until {@code residents} are on file (generated with {@code seed}); a database that
     * holds synthetic residents of another seed is refused.
     */
    public LoadReport load(int residents, long seed, int threads, PrintStream progress) {
        long started = System.nanoTime();
        prepareSideTables();
        Loaded before = loaded().orElse(null);
        if (before != null && before.seed() != seed) {
            throw new IllegalStateException("the scratch database holds synthetic residents of seed " + before.seed()
                    + "; clean them first (mpi-load --clean) or load with --seed " + before.seed());
        }
        if (before != null && before.residents() >= residents) {
            return new LoadReport(before.residents(), 0, persons(), countWith("id_number_index"),
                    countWith("phone_index"), (System.nanoTime() - started) / 1e9, 0, 0);
        }
        if (before != null) {
            throw new IllegalStateException("the scratch database holds " + before.residents()
                    + " synthetic residents; clean them first (mpi-load --clean) to load " + residents);
        }
        List<CountyDivisions.Village> villages = divisions.villages(Locale.ROOT);
        if (villages.isEmpty()) {
            throw new IllegalStateException("the database knows no village clinics to number residents in: start the "
                    + "application once on this data directory (it loads the demo county), stop it, then run mpi-load");
        }
        if ((long) villages.size() * HealthRecordNumber.MAX_SERIAL < residents) {
            throw new IllegalStateException(villages.size() + " villages cannot number " + residents + " residents");
        }
        Serials serials = new Serials(villages);
        Households households = new Households();
        Set<String> idIndexes = new HashSet<>(jdbc.sql("select id_number_index from mpi.resident "
                + "where id_number_index is not null and voided_at is null").query(byte[].class).list().stream()
                .map(HEX::formatHex).toList());
        long inserted = 0;
        long withId = 0;
        long withPhone = 0;
        int chunk = 0;
        int fullChunks = 0;
        double copySeconds = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        ArrayDeque<Future<List<Row>>> pending = new ArrayDeque<>();
        try {
            while (inserted < residents) {
                while (pending.size() < 2 * Math.max(1, threads)) {
                    int c = chunk++;
                    pending.add(pool.submit(() -> prepareChunk(seed, c)));
                }
                List<Row> rows = pending.removeFirst().get();
                int take = (int) Math.min(rows.size(), residents - inserted);
                long copyStarted = System.nanoTime();
                StringBuilder residentCopy = new StringBuilder(take * 400);
                StringBuilder truthCopy = new StringBuilder(take * 30);
                List<String> hrns = new ArrayList<>(take);
                for (Row row : rows.subList(0, take)) {
                    hrns.add(serials.next(row.person()));
                }
                households.add(rows.subList(0, take), hrns);
                for (int i = 0; i < take; i++) {
                    Row row = rows.get(i);
                    boolean keepId = row.idIndex() != null && idIndexes.add(HEX.formatHex(row.idIndex()));
                    String hrn = hrns.get(i);
                    residentCopy.append(row.copyLine(hrn, keepId, households.of(hrn, row.address()))).append('\n');
                    truthCopy.append(hrn).append('\t').append(row.person()).append('\n');
                    withId += keepId ? 1 : 0;
                    withPhone += row.phoneIndex() != null ? 1 : 0;
                }
                copy("""
                        copy mpi.resident (health_record_number, name, pinyin, pinyin_key, sex, birth_date, ethnicity,
                            id_number_ciphertext, id_number_index, id_number_masked, phone_ciphertext, phone_index,
                            phone_masked, division_code, address, household_id, registered_organisation_id,
                            created_by)
                        from stdin""", residentCopy);
                copy("copy mpi_benchmark.resident_person (health_record_number, person) from stdin", truthCopy);
                copySeconds += (System.nanoTime() - copyStarted) / 1e9;
                inserted += take;
                if (take == rows.size()) {
                    fullChunks++;
                }
                if (progress != null && (chunk % 20 == 0 || inserted >= residents)) {
                    progress.printf("  %,d residents copied in %.0f s%n", inserted, (System.nanoTime() - started) / 1e9);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a chunk of synthetic residents failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long completeStarted = System.nanoTime();
        if (progress != null) {
            progress.println("  households, primary documents and phones, versions, serial counters, statistics ...");
        }
        store.completeBulkRows(CREATED_BY);
        store.versionOne(CREATED_BY);
        serials.save();
        jdbc.sql("insert into mpi_benchmark.load (seed, residents, full_chunks) values (:seed, :residents, :chunks)")
                .param("seed", seed).param("residents", inserted).param("chunks", fullChunks).update();
        for (String table : List.of("mpi.resident", "mpi.identity_document", "mpi.resident_phone",
                "mpi.household", "mpi.resident_version", "mpi_benchmark.resident_person")) {
            jdbc.sql("analyze " + table).update();
        }
        double completeSeconds = (System.nanoTime() - completeStarted) / 1e9;
        return new LoadReport(inserted, inserted, persons(), withId, withPhone, (System.nanoTime() - started) / 1e9,
                copySeconds, completeSeconds);
    }

    /** The generation parameters of the synthetic residents on file. */
    public java.util.Optional<Loaded> loaded() {
        if (!sideTablesExist()) {
            return java.util.Optional.empty();
        }
        return jdbc.sql("select seed, residents, full_chunks from mpi_benchmark.load")
                .query((rs, n) -> new Loaded(rs.getLong(1), rs.getLong(2), rs.getInt(3))).optional();
    }

    /**
     * Probes for the registration lookup: {@code count} registrations held back from fully loaded chunks (kind a:
     * an existing person registered again, with the generator's typical errors — homophone or look-alike names,
     * missing or mistyped ID numbers, changed phones, partial addresses) or {@code count} first registrations of
     * persons never loaded (kind b), as the registration form would send them.
     */
    public List<Probe> probes(boolean existingPersons, int count, long pickSeed) {
        Loaded on = loaded().orElseThrow(() -> new IllegalStateException("no synthetic residents on file"));
        String village = divisions.villages(Locale.ROOT).getFirst().divisionCode();
        LocalDate today = LocalDate.now(CHINA);
        java.util.SplittableRandom random = new java.util.SplittableRandom(pickSeed);
        List<Probe> out = new ArrayList<>();
        int perChunk = Math.max(1, count / 10 + 1);
        int attempt = 0;
        while (out.size() < count) {
            if (existingPersons && on.fullChunks() == 0) {
                throw new IllegalStateException("no fully loaded chunk to hold probes back from");
            }
            int c = existingPersons ? random.nextInt(on.fullChunks()) : 1_000_000 + attempt;
            attempt++;
            List<SyntheticResidents.Registration> all = SyntheticResidents.generate(CHUNK_PERSONS, DUPLICATE_SHARE,
                    chunkSeed(on.seed(), c));
            List<SyntheticResidents.Registration> picked = existingPersons ? heldBack(all) : firstOfEach(all);
            int taken = 0;
            for (int i = random.nextInt(Math.max(1, picked.size())); i < picked.size() && taken < perChunk
                    && out.size() < count; i++) {
                SyntheticResidents.Registration r = picked.get(i);
                ResidentDraft draft = draft(r.record(), village, today);
                if (draft == null) {
                    continue;
                }
                out.add(new Probe(draft, personId(c, r.person()), existingPersons));
                taken++;
            }
        }
        return out;
    }

    /**
     * How the automatic links of a deduplication compare with the truth, over the synthetic residents.
     *
     * @param duplicates records that are a further registration of a person (records minus persons): what a perfect
     *        deduplication merges
     * @param merged records merged into another; {@code mergedCorrectly} of them into a record of the same person
     * @param pendingPairs review-queue pairs of two synthetic residents waiting for a person; {@code pendingSamePerson}
     *        of them are one person
     */
    public record LinkQuality(long records, long persons, long duplicates, long merged, long mergedCorrectly,
            long pendingPairs, long pendingSamePerson) {

        public double precision() {
            return merged == 0 ? 1 : (double) mergedCorrectly / merged;
        }

        public double recall() {
            return duplicates == 0 ? 1 : (double) mergedCorrectly / duplicates;
        }
    }

    /** Precision and recall of the merges against {@code mpi_benchmark.resident_person}; empty without a load. */
    public java.util.Optional<LinkQuality> linkQuality() {
        if (loaded().isEmpty()) {
            return java.util.Optional.empty();
        }
        String truth = """
                with t as materialized (
                    select r.id, r.merged_into_id, p.person from mpi.resident r
                    join mpi_benchmark.resident_person p on p.health_record_number = r.health_record_number
                    where r.created_by = 'benchmark')
                """;
        long[] merges = jdbc.sql(truth + """
                        select count(*), count(distinct t.person), count(s.id),
                               count(s.id) filter (where s.person = t.person)
                        from t left join t s on s.id = t.merged_into_id""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();
        long[] pending = jdbc.sql(truth + """
                        select count(*), count(*) filter (where a.person = b.person)
                        from mpi.match_review q join t a on a.id = q.resident_low join t b on b.id = q.resident_high
                        where q.status = 'PENDING'""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        return java.util.Optional.of(new LinkQuality(merges[0], merges[1], merges[0] - merges[1], merges[2], merges[3],
                pending[0], pending[1]));
    }

    /** The residents on file that belong to the probe's person (the benchmark's truth). */
    public Set<String> healthRecordNumbersOf(long person) {
        return new HashSet<>(jdbc.sql("select health_record_number from mpi_benchmark.resident_person where person = :p")
                .param("p", person).query(String.class).list());
    }

    /**
     * Removes the synthetic residents with their documents, phones, versions, households, merges and review pairs,
     * and the side tables.
     */
    public long clean() {
        // merges and review pairs of a deduplication run on the synthetic residents go with them
        jdbc.sql("""
                update mpi.match_review set merge_id = null where merge_id in (
                    select m.id from mpi.resident_merge m join mpi.resident r on r.id in (m.survivor_id, m.merged_id)
                    where r.created_by = :by)""").param("by", CREATED_BY).update();
        for (String side : List.of("survivor_id", "merged_id")) {
            jdbc.sql("delete from mpi.resident_merge m using mpi.resident r where m." + side + " = r.id "
                    + "and r.created_by = :by").param("by", CREATED_BY).update();
        }
        for (String side : List.of("resident_low", "resident_high")) {
            jdbc.sql("delete from mpi.match_review q using mpi.resident r where q." + side + " = r.id "
                    + "and r.created_by = :by").param("by", CREATED_BY).update();
        }
        jdbc.sql("""
                update mpi.resident x set merged_into_id = null from mpi.resident r
                where x.merged_into_id = r.id and r.created_by = :by and x.created_by <> :by""")
                .param("by", CREATED_BY).update();
        jdbc.sql("""
                delete from mpi.resident_version v using mpi.resident r
                where v.resident_id = r.id and r.created_by = :by""").param("by", CREATED_BY).update();
        jdbc.sql("delete from mpi.identity_document where created_by = :by").param("by", CREATED_BY).update();
        jdbc.sql("delete from mpi.resident_phone where created_by = :by").param("by", CREATED_BY).update();
        long removed = jdbc.sql("delete from mpi.resident where created_by = :by").param("by", CREATED_BY).update();
        jdbc.sql("""
                delete from mpi.household h where h.created_by = :by
                  and not exists (select 1 from mpi.resident r where r.household_id = h.id)""")
                .param("by", CREATED_BY).update();
        jdbc.sql("drop schema if exists mpi_benchmark cascade").update();
        return removed;
    }

    // ---------------------------------------------------------------------------------------------------------------

    static long chunkSeed(long seed, int chunk) {
        return seed * 1_000_003L + chunk;
    }

    static long personId(int chunk, int person) {
        return (long) chunk * CHUNK_PERSONS + person;
    }

    /** All copies of each person but the last, when a person has several (the last is a probe). */
    static List<SyntheticResidents.Registration> loadable(List<SyntheticResidents.Registration> all) {
        List<SyntheticResidents.Registration> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            boolean lastOfSeveral = (i + 1 == all.size() || all.get(i + 1).person() != all.get(i).person())
                    && i > 0 && all.get(i - 1).person() == all.get(i).person();
            if (!lastOfSeveral) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    static List<SyntheticResidents.Registration> heldBack(List<SyntheticResidents.Registration> all) {
        List<SyntheticResidents.Registration> loadable = loadable(all);
        Set<SyntheticResidents.Registration> loaded = java.util.Collections.newSetFromMap(
                new java.util.IdentityHashMap<>());
        loaded.addAll(loadable);
        return all.stream().filter(r -> !loaded.contains(r)).toList();
    }

    private static List<SyntheticResidents.Registration> firstOfEach(List<SyntheticResidents.Registration> all) {
        List<SyntheticResidents.Registration> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i == 0 || all.get(i - 1).person() != all.get(i).person()) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /**
     * The registration as a registrar would type it into the form: the ID number only when the registry would
     * accept it (valid, consistent with birth date and sex), a valid phone, sex 0 when not typed. Null when the
     * registration cannot be entered at all (no usable name or date, or a minor with neither document nor guardian).
     */
    static ResidentDraft draft(PersonRecord record, String village, LocalDate today) {
        if (!(ResidentName.parse(record.name()) instanceof ResidentName.Valid)) {
            return null;
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(record.birthDate());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
        Sex sex = sex(record.sex());
        List<ResidentDraft.DocumentInput> documents = acceptedIdNumber(record, birthDate, sex, today) == null
                ? List.of()
                : List.of(new ResidentDraft.DocumentInput(IdentityDocumentType.RESIDENT_ID, record.idNumber(), null));
        if (documents.isEmpty() && birthDate.plusYears(18).isAfter(today)) {
            return null; // a minor without document needs a guardian's health-record number
        }
        List<String> phones = PhoneNumber.parse(record.phone()) instanceof PhoneNumber.Valid ? List.of(record.phone())
                : List.of();
        String address = record.address().isBlank() ? null : record.address();
        return new ResidentDraft(record.name(), Integer.toString(sex.code()), record.birthDate(), "01", documents,
                phones, village, address, null, null);
    }

    private static Sex sex(String typed) {
        return switch (typed) {
            case "M" -> Sex.MALE;
            case "F" -> Sex.FEMALE;
            default -> Sex.fromCode(0);
        };
    }

    private static IdentityDocumentNumber acceptedIdNumber(PersonRecord record, LocalDate birthDate, Sex sex,
            LocalDate today) {
        if (record.idNumber().isBlank()
                || !(IdentityDocumentNumber.parse(IdentityDocumentType.RESIDENT_ID, record.idNumber(), null, today)
                        instanceof IdentityDocumentNumber.Valid valid)) {
            return null;
        }
        IdentityDocumentNumber number = valid.number();
        boolean consistent = birthDate.equals(number.birthDate())
                && (sex != Sex.MALE && sex != Sex.FEMALE || sex == number.sex());
        return consistent ? number : null;
    }

    /** One resident's row, encrypted and indexed, waiting for its health-record number. */
    private record Row(long person, String name, String[] pinyin, Sex sex, LocalDate birthDate, byte[] idCiphertext,
            byte[] idIndex, String idMasked, byte[] phoneCiphertext, byte[] phoneIndex, String phoneMasked,
            String address) {

        String copyLine(String healthRecordNumber, boolean withId, Long householdId) {
            return String.join("\t", healthRecordNumber, text(name), text(pinyin[0]), text(pinyin[1]),
                    Integer.toString(sex.code()), birthDate.toString(), "01",
                    withId ? bytes(idCiphertext) : "\\N", withId ? bytes(idIndex) : "\\N",
                    withId ? text(idMasked) : "\\N", bytes(phoneCiphertext), bytes(phoneIndex), text(phoneMasked),
                    healthRecordNumber.substring(0, 12), text(address),
                    householdId == null ? "\\N" : householdId.toString(), "1", CREATED_BY);
        }

        private static String bytes(byte[] value) {
            return value == null ? "\\N" : "\\\\x" + HEX.formatHex(value);
        }

        private static String text(String value) {
            return value == null ? "\\N" : value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                    .replace("\r", "\\r");
        }
    }

    /** Generates chunk {@code c}, keeps what registration would accept, and encrypts it: runs on the pool. */
    private List<Row> prepareChunk(long seed, int c) {
        LocalDate today = LocalDate.now(CHINA);
        List<Row> rows = new ArrayList<>();
        for (SyntheticResidents.Registration r : loadable(SyntheticResidents.generate(CHUNK_PERSONS, DUPLICATE_SHARE,
                chunkSeed(seed, c)))) {
            PersonRecord record = r.record();
            ResidentDraft draft = draft(record, "000000000000", today);
            if (draft == null) {
                continue;
            }
            String name = ((ResidentName.Valid) ResidentName.parse(record.name())).name().value();
            LocalDate birthDate = LocalDate.parse(record.birthDate());
            Sex sex = sex(record.sex());
            IdentityDocumentNumber id = acceptedIdNumber(record, birthDate, sex, today);
            PhoneNumber phone = draft.phones().isEmpty() ? null
                    : ((PhoneNumber.Valid) PhoneNumber.parse(draft.phones().getFirst())).phone();
            String idContext = IdentityDocumentType.RESIDENT_ID.context();
            rows.add(new Row(personId(c, r.person()), name, ResidentValidator.pinyin(name), sex, birthDate,
                    id == null ? null : encryption.encrypt(id.value(), idContext),
                    id == null ? null : encryption.blindIndex(ResidentValidator.indexedValue(id), idContext),
                    id == null ? null : masking.idNumber(id.value()),
                    phone == null ? null : encryption.encrypt(phone.value(), Residents.PHONE_CONTEXT),
                    phone == null ? null : encryption.blindIndex(phone.value(), Residents.PHONE_CONTEXT),
                    phone == null ? null : masking.phone(phone.value()),
                    draft.address()));
        }
        return rows;
    }

    /**
     * One household per village and address, as registration's bulk path makes them, created before the residents
     * are copied in (one insert per chunk), so that no million-row update follows the copy.
     */
    private final class Households {

        private final Map<String, Long> ids = new HashMap<>();

        void add(List<Row> rows, List<String> healthRecordNumbers) {
            java.util.LinkedHashSet<String> fresh = new java.util.LinkedHashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                String key = key(healthRecordNumbers.get(i), rows.get(i).address());
                if (key != null && !ids.containsKey(key)) {
                    fresh.add(key);
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            List<String> divisions = fresh.stream().map(k -> k.substring(0, 12)).toList();
            List<String> addresses = fresh.stream().map(k -> k.substring(13)).toList();
            jdbc.sql("""
                            insert into mpi.household (division_code, address, created_by)
                            select d, a, :by from unnest(:divisions, :addresses) with ordinality as x(d, a, n)
                            order by n
                            returning id, division_code, address""")
                    .param("by", CREATED_BY)
                    .param("divisions", new org.springframework.jdbc.support.SqlArrayValue("text",
                            divisions.toArray(String[]::new)))
                    .param("addresses", new org.springframework.jdbc.support.SqlArrayValue("text",
                            addresses.toArray(String[]::new)))
                    .query((rs, n) -> ids.put(rs.getString(2) + "\t" + rs.getString(3), rs.getLong(1))).list();
        }

        Long of(String healthRecordNumber, String address) {
            String key = key(healthRecordNumber, address);
            return key == null ? null : ids.get(key);
        }

        private static String key(String healthRecordNumber, String address) {
            return address == null ? null : healthRecordNumber.substring(0, 12) + "\t" + address;
        }
    }

    /** Health-record serials per village, continuing after those on file; then the villages' serial sequences are moved on past them. */
    private final class Serials {

        private final List<String> villages;
        private final Map<String, Integer> last = new HashMap<>();
        private long next;

        Serials(List<CountyDivisions.Village> villages) {
            this.villages = villages.stream().map(CountyDivisions.Village::divisionCode).toList();
            for (String v : this.villages) {
                int onFile = jdbc.sql("""
                                select coalesce(substr(max(health_record_number), 13)::int, 0) from mpi.resident
                                where health_record_number between cast(:low as bpchar) and cast(:high as bpchar)""")
                        .param("low", v + "00000").param("high", v + "99999").query(Integer.class).single();
                last.put(v, Math.max(onFile, serials.last(v)));
            }
        }

        /** Round robin over the villages, skipping full ones; a family of one chunk lands in several villages. */
        String next(long person) {
            for (int tries = 0; tries < villages.size(); tries++) {
                String v = villages.get((int) (next++ % villages.size()));
                int serial = last.get(v) + 1;
                if (serial <= HealthRecordNumber.MAX_SERIAL) {
                    last.put(v, serial);
                    return HealthRecordNumber.of(v, serial).value();
                }
            }
            throw new IllegalStateException("every village has used its 99,999 health-record serials");
        }

        void save() {
            last.forEach((v, serial) -> {
                if (serial > 0) {
                    serials.skipTo(v, serial);
                }
            });
        }
    }

    private void prepareSideTables() {
        jdbc.sql("create schema if not exists mpi_benchmark").update();
        jdbc.sql("""
                create table if not exists mpi_benchmark.resident_person (
                    health_record_number char(17) primary key,
                    person bigint not null)""").update();
        jdbc.sql("create index if not exists resident_person_person_idx on mpi_benchmark.resident_person (person)")
                .update();
        jdbc.sql("create table if not exists mpi_benchmark.load (seed bigint not null, residents bigint not null, "
                + "full_chunks integer not null)").update();
    }

    private boolean sideTablesExist() {
        return Boolean.TRUE.equals(jdbc.sql("select to_regclass('mpi_benchmark.load') is not null")
                .query(Boolean.class).single());
    }

    private long persons() {
        return jdbc.sql("select count(distinct person) from mpi_benchmark.resident_person").query(Long.class).single();
    }

    private long countWith(String column) {
        return jdbc.sql("select count(*) from mpi.resident where created_by = :by and " + column + " is not null")
                .param("by", CREATED_BY).query(Long.class).single();
    }

    private void copy(String sql, StringBuilder data) {
        if (data.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(data.toString()));
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("copying synthetic residents failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}

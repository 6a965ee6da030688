package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.mpi.matching.PersonRecord;
import org.yiwang.mpi.matching.SyntheticResidents;
import org.yiwang.platform.crypto.FieldEncryption;

/**
 * {@code mpi-load}'s loader in the test database next to the demo county: the synthetic residents are stored as
 * registration stores them (encrypted, blind-indexed, village health-record numbers), the truth goes to the side
 * table, probes stay out, and {@code clean} takes exactly the synthetic rows away again.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyntheticResidentLoaderIntegrationTests {

    static final long SEED = 4242L;
    /** More than one chunk of 5,000 persons yields, so chunk 0 is loaded whole (probes are held back from it). */
    static final int RESIDENTS = 8_000;

    @Autowired
    SyntheticResidentLoader loader;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HealthRecordSerials serials;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    CountyDivisions divisions;

    Map<String, Long> demoCounts;
    Map<String, Integer> demoLastSerials;
    SyntheticResidentLoader.LoadReport report;

    private static final List<String> TABLES = List.of("mpi.resident", "mpi.identity_document", "mpi.resident_phone",
            "mpi.household", "mpi.resident_version");

    @BeforeAll
    void loadSyntheticResidents() {
        demoCounts = counts();
        demoLastSerials = new HashMap<>();
        // the last serial on file or handed out (the counter), per village
        jdbc.sql("""
                        select division_code, max(substr(health_record_number, 13)::int) from mpi.resident
                        group by division_code""")
                .query((rs, n) -> demoLastSerials.put(rs.getString(1), rs.getInt(2))).list();
        demoLastSerials.replaceAll((village, onFile) -> Math.max(onFile, lastHandedOut(village)));
        report = loader.load(RESIDENTS, SEED, 2, null);
    }

    /** The last serial the village's sequence handed out (REC-03), 0 when it has none yet. */
    private int lastHandedOut(String village) {
        return serials.last(village);
    }

    @AfterAll
    void removeWhateverIsLeft() {
        if (loader.loaded().isPresent()) {
            loader.clean();
        }
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return counts;
    }

    record Stored(String healthRecordNumber, String divisionCode, byte[] idCiphertext, byte[] idIndex,
            byte[] phoneCiphertext, byte[] phoneIndex, long person) {
    }

    private List<Stored> stored() {
        return jdbc.sql("""
                        select r.health_record_number, r.division_code, r.id_number_ciphertext, r.id_number_index,
                               r.phone_ciphertext, r.phone_index, t.person
                        from mpi.resident r join mpi_benchmark.resident_person t
                          on t.health_record_number = r.health_record_number
                        where r.created_by = 'benchmark' order by r.id""")
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4),
                        rs.getBytes(5), rs.getBytes(6), rs.getLong(7)))
                .list();
    }

    private static List<SyntheticResidents.Registration> chunkZero() {
        return SyntheticResidents.generate(SyntheticResidentLoader.CHUNK_PERSONS,
                SyntheticResidentLoader.DUPLICATE_SHARE, SyntheticResidentLoader.chunkSeed(SEED, 0));
    }

    @Test
    @Order(1)
    void storesEveryResidentWithItsTruthAndEncryptedIdentifiersThatDecryptToTheGeneratedValues() {
        assertThat(report.inserted()).isEqualTo(RESIDENTS);
        List<Stored> stored = stored();
        assertThat(stored).hasSize(RESIDENTS);
        Map<Long, List<PersonRecord>> generated = new HashMap<>();
        for (SyntheticResidents.Registration r : chunkZero()) {
            generated.computeIfAbsent(SyntheticResidentLoader.personId(0, r.person()), p -> new java.util.ArrayList<>())
                    .add(r.record());
        }
        String idContext = IdentityDocumentType.RESIDENT_ID.context();
        int checkedIds = 0;
        int checkedPhones = 0;
        for (Stored s : stored) {
            List<PersonRecord> records = generated.get(s.person());
            if (records == null) {
                continue; // a person of chunk 1
            }
            if (s.idCiphertext() != null) {
                String id = encryption.decrypt(s.idCiphertext(), idContext);
                assertThat(records).extracting(PersonRecord::idNumber).contains(id);
                assertThat(s.idIndex()).isEqualTo(encryption.blindIndex(id, idContext));
                checkedIds++;
            }
            if (s.phoneCiphertext() != null) {
                String phone = encryption.decrypt(s.phoneCiphertext(), Residents.PHONE_CONTEXT);
                assertThat(records).extracting(PersonRecord::phone).contains(phone);
                checkedPhones++;
            }
        }
        assertThat(checkedIds).isGreaterThan(3_000);
        assertThat(checkedPhones).isGreaterThan(3_000);
        assertThat(report.withIdNumber()).isEqualTo(stored.stream().filter(s -> s.idIndex() != null).count());
    }

    @Test
    @Order(2)
    void blindIndexLookupsFindTheLoadedResidentsThroughTheirPrimaryDocumentAndPhone() {
        Stored withBoth = stored().stream().filter(s -> s.idIndex() != null && s.phoneIndex() != null).findFirst()
                .orElseThrow();
        List<String> byDocument = jdbc.sql("""
                        select r.health_record_number from mpi.identity_document d join mpi.resident r
                          on r.id = d.resident_id
                        where d.type = 'RESIDENT_ID' and d.number_index = :index and d.voided_at is null
                          and d.is_primary""")
                .param("index", withBoth.idIndex()).query(String.class).list();
        assertThat(byDocument).containsExactly(withBoth.healthRecordNumber());
        List<String> byPhone = jdbc.sql("""
                        select r.health_record_number from mpi.resident_phone p join mpi.resident r
                          on r.id = p.resident_id
                        where p.phone_index = :index and p.voided_at is null""")
                .param("index", withBoth.phoneIndex()).query(String.class).list();
        assertThat(byPhone).contains(withBoth.healthRecordNumber());
        long versions = jdbc.sql("""
                        select count(*) from mpi.resident_version v join mpi.resident r on r.id = v.resident_id
                        where r.created_by = 'benchmark' and v.version = 1""").query(Long.class).single();
        assertThat(versions).isEqualTo(RESIDENTS);
        long withoutHousehold = jdbc.sql("""
                        select count(*) from mpi.resident where created_by = 'benchmark' and address is not null
                          and household_id is null""").query(Long.class).single();
        assertThat(withoutHousehold).isZero();
    }

    @Test
    @Order(3)
    void numbersResidentsUniquelyInTheCountysVillagesContinuingTheirSerials() {
        List<Stored> stored = stored();
        Set<String> villages = new HashSet<>(divisions.villages(Locale.ROOT).stream()
                .map(CountyDivisions.Village::divisionCode).toList());
        Set<String> numbers = new HashSet<>();
        Map<String, Integer> firstSerial = new HashMap<>();
        for (Stored s : stored) {
            HealthRecordNumber number = new HealthRecordNumber(s.healthRecordNumber());
            assertThat(numbers.add(number.value())).isTrue();
            assertThat(villages).contains(number.divisionCode());
            assertThat(s.divisionCode()).isEqualTo(number.divisionCode());
            firstSerial.merge(number.divisionCode(), number.serial(), Math::min);
        }
        firstSerial.forEach((village, serial) ->
                assertThat(serial).as(village).isEqualTo(demoLastSerials.getOrDefault(village, 0) + 1));
        // the counters moved on, so the next registration in a village does not collide with a synthetic number
        firstSerial.keySet().forEach(village -> {
            int counter = lastHandedOut(village);
            int maxLoaded = stored.stream().map(s -> new HealthRecordNumber(s.healthRecordNumber()))
                    .filter(n -> n.divisionCode().equals(village)).mapToInt(HealthRecordNumber::serial).max()
                    .orElseThrow();
            assertThat(counter).as(village).isGreaterThanOrEqualTo(maxLoaded);
        });
    }

    @Test
    @Order(4)
    void holdsTheLastRegistrationOfEveryDuplicatedPersonBackAsAProbe() {
        List<SyntheticResidents.Registration> chunk = chunkZero();
        Map<Long, Long> loadedPerPerson = new HashMap<>();
        stored().forEach(s -> loadedPerPerson.merge(s.person(), 1L, Long::sum));
        Map<Long, Long> generatedPerPerson = new HashMap<>();
        chunk.forEach(r -> generatedPerPerson.merge(SyntheticResidentLoader.personId(0, r.person()), 1L, Long::sum));
        int duplicated = 0;
        for (var e : generatedPerPerson.entrySet()) {
            long loaded = loadedPerPerson.getOrDefault(e.getKey(), 0L);
            if (e.getValue() > 1) {
                duplicated++;
                assertThat(loaded).as("person %d", e.getKey()).isLessThan(e.getValue());
            } else {
                assertThat(loaded).as("person %d", e.getKey()).isLessThanOrEqualTo(1);
            }
        }
        assertThat(duplicated).isGreaterThan(1_000);
        assertThat(SyntheticResidentLoader.heldBack(chunk)).hasSize(duplicated);

        List<SyntheticResidentLoader.Probe> existing = loader.probes(true, 30, 7L);
        assertThat(existing).hasSize(30).allSatisfy(p -> {
            assertThat(p.existingPerson()).isTrue();
            assertThat(loader.healthRecordNumbersOf(p.person())).isNotEmpty();
        });
        List<SyntheticResidentLoader.Probe> brandNew = loader.probes(false, 30, 8L);
        assertThat(brandNew).hasSize(30)
                .allSatisfy(p -> assertThat(loader.healthRecordNumbersOf(p.person())).isEmpty());
    }

    @Test
    @Order(5)
    void insertsNothingWhenLoadedAgainWithTheSameSeedAndRefusesAnotherSeed() {
        SyntheticResidentLoader.LoadReport again = loader.load(RESIDENTS, SEED, 2, null);
        assertThat(again.inserted()).isZero();
        assertThat(again.residents()).isEqualTo(RESIDENTS);
        assertThat(jdbc.sql("select count(*) from mpi.resident where created_by = 'benchmark'")
                .query(Long.class).single()).isEqualTo(RESIDENTS);
        assertThatThrownBy(() -> loader.load(RESIDENTS, SEED + 1, 2, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed " + SEED);
    }

    @Test
    @Order(6)
    void cleanRemovesExactlyTheSyntheticRowsAndLeavesTheDemoCountyIntact() {
        long demoResidentsWithIds = jdbc.sql("select count(*) from mpi.resident where created_by <> 'benchmark'")
                .query(Long.class).single();
        assertThat(loader.clean()).isEqualTo(RESIDENTS);
        assertThat(counts()).isEqualTo(demoCounts);
        assertThat(jdbc.sql("select count(*) from mpi.resident").query(Long.class).single())
                .isEqualTo(demoResidentsWithIds);
        assertThat(jdbc.sql("select to_regnamespace('mpi_benchmark') is null").query(Boolean.class).single())
                .isTrue();
        assertThat(loader.loaded()).isEmpty();
    }
}

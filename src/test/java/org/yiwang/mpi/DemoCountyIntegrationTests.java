package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.crypto.FieldEncryption;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.OrganisationDirectory;
import org.yiwang.registry.DemoCounty;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.OrganisationType;
import org.yiwang.registry.Organisations;
import org.yiwang.registry.Practitioners;

/** The demo county 清水县 as loaded into the embedded database on first start. */
@IntegrationTest
class DemoCountyIntegrationTests {

    private final Organisations organisations;
    private final Practitioners practitioners;
    private final Residents residents;
    private final OrganisationDirectory directory;
    private final AccountAdministration accounts;
    private final FieldEncryption encryption;
    private final MpiDemoData mpiDemoData;
    private final JdbcClient jdbc;

    @Autowired
    DemoCountyIntegrationTests(Organisations organisations, Practitioners practitioners, Residents residents,
            OrganisationDirectory directory, AccountAdministration accounts, FieldEncryption encryption,
            MpiDemoData mpiDemoData, JdbcClient jdbc) {
        this.organisations = organisations;
        this.practitioners = practitioners;
        this.residents = residents;
        this.directory = directory;
        this.accounts = accounts;
        this.encryption = encryption;
        this.mpiDemoData = mpiDemoData;
        this.jdbc = jdbc;
    }

    @Test
    void hasTheExpectedOrganisationsByType() {
        Map<OrganisationType, Long> counts = organisations.countByType();
        assertThat(counts).containsEntry(OrganisationType.HEALTH_COMMISSION, 1L)
                .containsEntry(OrganisationType.COUNTY_HOSPITAL, 1L)
                .containsEntry(OrganisationType.TCM_HOSPITAL, 1L)
                .containsEntry(OrganisationType.MCH_HOSPITAL, 1L)
                .containsEntry(OrganisationType.CDC, 1L)
                .containsEntry(OrganisationType.TOWNSHIP_HEALTH_CENTRE, 8L)
                .containsEntry(OrganisationType.PHARMACY, 0L);
        assertThat(counts.get(OrganisationType.VILLAGE_CLINIC)).isBetween(28L, 34L);
        assertThat(practitioners.count()).isGreaterThan(150);
    }

    @Test
    void formsOneHierarchyFromVillageClinicsThroughTownshipCentresAndTheCountyHospitalToTheCommission() {
        OrganisationSummary commission = organisations.listByType(OrganisationType.HEALTH_COMMISSION).getFirst();
        OrganisationSummary hospital = organisations.listByType(OrganisationType.COUNTY_HOSPITAL).getFirst();
        assertThat(commission.parentId()).isNull();
        assertThat(hospital.parentId()).isEqualTo(commission.id());
        for (OrganisationSummary clinic : organisations.listByType(OrganisationType.VILLAGE_CLINIC)) {
            assertThat(organisations.pathToRoot(clinic.id())).extracting(OrganisationSummary::type).containsExactly(
                    OrganisationType.VILLAGE_CLINIC, OrganisationType.TOWNSHIP_HEALTH_CENTRE,
                    OrganisationType.COUNTY_HOSPITAL, OrganisationType.HEALTH_COMMISSION);
        }
        assertThat(organisations.childrenOf(hospital.id())).hasSize(8)
                .allSatisfy(c -> assertThat(c.type()).isEqualTo(OrganisationType.TOWNSHIP_HEALTH_CENTRE));
        List<OrganisationSummary> ordered = organisations.listInHierarchyOrder();
        assertThat(ordered).hasSize((int) organisations.count());
        assertThat(ordered.getFirst()).isEqualTo(commission);
        Set<Long> seen = new HashSet<>();
        for (OrganisationSummary organisation : ordered) {
            assertThat(organisation.parentId() == null || seen.contains(organisation.parentId())).isTrue();
            seen.add(organisation.id());
        }
    }

    @Test
    void namesOrganisationsInTheViewersLanguage() {
        OrganisationSummary hospital = organisations.listByType(OrganisationType.COUNTY_HOSPITAL).getFirst();
        assertThat(directory.names(List.of(hospital.id(), -1L), Locale.SIMPLIFIED_CHINESE))
                .containsExactly(Map.entry(hospital.id(), "清水县人民医院"));
        assertThat(directory.names(List.of(hospital.id()), Locale.ENGLISH))
                .containsExactly(Map.entry(hospital.id(), "Qingshui County People's Hospital"));
        assertThat(directory.all(Locale.ENGLISH)).hasSize((int) organisations.count());
    }

    @Test
    void storesValidIdNumbersMatchingEachResidentsBirthDateAndSex() {
        // ID-01..ID-03 on every demo resident, decrypted from storage
        // except the few duplicates that carry a mistyped number on purpose, or none (DemoDuplicatePlan)
        record Stored(long id, byte[] ciphertext, byte[] index, String masked, LocalDate birthDate, int sex) {
        }
        List<String> typos = mpiDemoData.duplicates(mpiDemoData.plan()).pairs().stream()
                .filter(p -> p.kind() == DemoDuplicatePlan.Kind.ID_TYPO)
                .map(DemoDuplicatePlan.Pair::secondHealthRecordNumber).toList();
        List<Stored> stored = jdbc.sql("""
                        select id, id_number_ciphertext, id_number_index, id_number_masked, birth_date, sex
                        from mpi.resident where created_by = :demo and id_number_ciphertext is not null
                          and health_record_number not in (:typos)
                        """)
                .param("demo", DemoCounty.CREATED_BY)
                .param("typos", typos)
                .query((rs, row) -> new Stored(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getInt(6)))
                .list();
        assertThat(stored).hasSizeGreaterThanOrEqualTo(5000);
        for (Stored resident : stored) {
            String plaintext = encryption.decrypt(resident.ciphertext(), Residents.ID_NUMBER_CONTEXT);
            ResidentIdNumber number = ResidentIdNumber.parse(plaintext, DemoCounty.REFERENCE_DATE).orElseThrow();
            assertThat(number.birthDate()).isEqualTo(resident.birthDate());
            assertThat(number.sex().code()).isEqualTo(resident.sex());
            assertThat(resident.index()).isEqualTo(encryption.blindIndex(number.value(), Residents.ID_NUMBER_CONTEXT));
            assertThat(resident.masked()).isEqualTo(plaintext.substring(0, 4) + "**********" + plaintext.substring(14));
        }
    }

    @Test
    void findsAResidentByIdNumberThroughTheBlindIndexAndAuditsTheRead() {
        record Sample(long id, byte[] ciphertext) {
        }
        Sample sample = jdbc.sql("""
                        select id, id_number_ciphertext from mpi.resident
                        where id_number_ciphertext is not null order by id offset 123 limit 1
                        """)
                .query((rs, row) -> new Sample(rs.getLong(1), rs.getBytes(2))).single();
        String idNumber = encryption.decrypt(sample.ciphertext(), Residents.ID_NUMBER_CONTEXT);
        long auditsBefore = auditsOf(sample.id());

        ResidentSummary found = residents.findByIdNumber(idNumber.toLowerCase(), "TREATMENT").orElseThrow();

        assertThat(found.id()).isEqualTo(sample.id());
        assertThat(found.idNumberMasked()).doesNotContain(idNumber.substring(6, 14));
        assertThat(found.healthRecordNumber()).matches("\\d{17}").startsWith(found.divisionCode());
        assertThat(auditsOf(sample.id())).isEqualTo(auditsBefore + 1);
        assertThat(jdbc.sql("""
                        select category || ' ' || action || ' ' || purpose from platform.audit_event
                        where resident_id = :id order by id desc limit 1
                        """).param("id", sample.id()).query(String.class).single())
                .isEqualTo("HEALTH_DATA_READ FIND_RESIDENT_BY_ID_NUMBER TREATMENT");
    }

    @Test
    void auditsReadsByIdButNotUnknownNumbersOrCounts() {
        long id = jdbc.sql("select min(id) from mpi.resident").query(Long.class).single();
        long before = auditsOf(id);
        assertThat(residents.findById(id, "TREATMENT")).isPresent();
        assertThat(auditsOf(id)).isEqualTo(before + 1);

        String unknown = ResidentIdNumber.compose("110105", LocalDate.of(1901, 1, 1), 999).value();
        assertThat(residents.findByIdNumber(unknown, "TREATMENT")).isEmpty();
        assertThatThrownBy(() -> residents.findByIdNumber("110105194912310029", "TREATMENT"))
                .isInstanceOfSatisfying(InvalidResidentIdNumberException.class,
                        e -> assertThat(e.error().code()).isEqualTo(IdNumberError.Code.CHECK_DIGIT_MISMATCH));
        assertThatThrownBy(() -> residents.findById(id, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linksChildrenToGuardiansAndGivesTheDemoResidentALogin() {
        long wards = jdbc.sql("""
                        select count(*) from mpi.resident c join mpi.resident g on g.id = c.guardian_resident_id
                        where c.phone_ciphertext is null and c.birth_date > :adult and g.birth_date <= :adult
                        """)
                .param("adult", DemoCounty.REFERENCE_DATE.minusYears(18))
                .query(Long.class).single();
        assertThat(wards).isGreaterThan(100);
        assertThat(accounts.exists("resident")).isTrue();
        for (String username : List.of("admin", "analyst", "registrar", "doctor", "nurse", "familydoctor",
                "ecgreader", "ecgreader2", "pharmacist", "labtech", "phworker")) {
            assertThat(accounts.exists(username)).as(username).isTrue();
        }
    }

    @Test
    void countsResidentsByTownshipDivisionCode() {
        Map<String, Long> byTownship = residents.countByTownship();
        assertThat(byTownship.keySet()).containsExactlyElementsOf(organisations
                .listByType(OrganisationType.TOWNSHIP_HEALTH_CENTRE).stream().map(OrganisationSummary::divisionCode).toList());
        assertThat(byTownship.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(residents.count());
    }

    @Test
    void generatesTheSameResidentsAsStoredWithoutWritingAgain() {
        DemoResidentPlan first = mpiDemoData.plan();
        DemoResidentPlan second = mpiDemoData.plan();
        assertThat(second).isEqualTo(first);
        List<String> stored = jdbc.sql("""
                        select health_record_number || ' ' || name || ' ' || birth_date from mpi.resident
                        where created_by = :demo order by id
                        """)
                .param("demo", DemoCounty.CREATED_BY)
                .query(String.class).list();
        assertThat(stored).containsExactlyElementsOf(mpiDemoData.duplicates(first).residents().stream()
                .map(r -> r.healthRecordNumber() + " " + r.name() + " " + r.birthDate()).toList());
    }

    private long auditsOf(long residentId) {
        return jdbc.sql("select count(*) from platform.audit_event where resident_id = :id and category = 'HEALTH_DATA_READ'")
                .param("id", residentId).query(Long.class).single();
    }
}

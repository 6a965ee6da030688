package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.demo.DemoMode;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.NewStaffAccount;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.InvalidInputException;
import org.yiwang.testing.WebSession;

/**
 * Access to the shared record by care relationship (ARCHITECTURE.md "Data and health-record rules"), break-glass,
 * sensitive categories (PIPL-01/02) and the resident's consent, on the real schema with real accounts acting through
 * Spring Security's context; refusals and overrides audited (SEC-05).
 */
@IntegrationTest
class RecordAccessIntegrationTests {

    static final String PURPOSE = "治疗";
    static final String CLINIC_DOCTOR = "access-clinic-doctor";
    static final String CLINIC_COLLEAGUE = "access-clinic-nurse";
    static final String HOSPITAL_DOCTOR = "access-hospital-doctor";
    static final String THIRD_DOCTOR = "access-third-doctor";
    static final String ANALYST = "access-analyst";

    @Autowired
    HealthRecord record;

    @Autowired
    RecordAccess access;

    @Autowired
    CareRelationships relationships;

    @Autowired
    RecordConsent consent;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    UserDetailsService users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SensitiveRetagging retagging;

    @LocalServerPort
    int port;

    long resident;
    long clinic;
    long hospital;
    long third;
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void freshResidentAndStaffOfThreeOrganisations() {
        resident = jdbc.sql("""
                        select id from mpi.resident r where voided_at is null and merged_into_id is null
                        and not exists (select 1 from records.entry e where e.resident_id = r.id)
                        and not exists (select 1 from records.care_relationship c where c.resident_id = r.id)
                        and not exists (select 1 from platform.account a where a.resident_id = r.id)
                        and not exists (select 1 from mpi.resident m where m.merged_into_id = r.id)
                        order by id desc limit 1""").query(Long.class).single();
        List<Long> orgs = jdbc.sql("select id from registry.organisation order by id limit 3").query(Long.class).list();
        clinic = orgs.get(0);
        hospital = orgs.get(1);
        third = orgs.get(2);
        staff(CLINIC_DOCTOR, clinic, Role.DOCTOR);
        staff(CLINIC_COLLEAGUE, clinic, Role.NURSE);
        staff(HOSPITAL_DOCTOR, hospital, Role.DOCTOR);
        staff(THIRD_DOCTOR, third, Role.DOCTOR);
        staff(ANALYST, third, Role.COMMISSION_ANALYST);
    }

    @AfterEach
    void backToSystem() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aClinicWithoutARelationshipIsRefusedAndTheRefusalIsAudited() {
        record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(2)), "I10"), PURPOSE);

        actAs(CLINIC_DOCTOR);

        assertThatThrownBy(() -> record.timeline(resident, TimelineQuery.all(), PURPOSE))
                .isInstanceOfSatisfying(RecordAccessDeniedException.class, e -> {
                    assertThat(e.residentId()).isEqualTo(resident);
                    assertThat(e.breakGlassOffered()).isTrue();
                });
        assertThatThrownBy(() -> record.activeProblems(resident, PURPOSE)).isInstanceOf(RecordAccessDeniedException.class);
        assertThatThrownBy(() -> record.allergies(resident, PURPOSE)).isInstanceOf(RecordAccessDeniedException.class);
        assertThat(jdbc.sql("select count(*) from platform.audit_event where resident_id = :r and action = 'ACCESS_DENIED' "
                        + "and outcome = 'FAILURE' and actor_username = :u")
                .param("r", resident).param("u", CLINIC_DOCTOR).query(Long.class).single()).isEqualTo(3);
        assertThat(access.currentAccess(resident).allowed()).isFalse();
    }

    @Test
    void afterRecordingAnEncounterTheClinicTreatsTheResidentAndReads() {
        long diagnosis = record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(2)), "I10"), PURPOSE);
        actAs(CLINIC_DOCTOR);
        long visit = record.record(Entries.encounter(resident, clinic, now.minus(Duration.ofHours(1)),
                EntryDetails.EncounterClass.OUTPATIENT), PURPOSE);

        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).extracting(ClinicalEntry::id)
                .containsExactly(visit, diagnosis);
        assertThat(access.currentAccess(resident).relationships()).containsExactly(CareRelationshipKind.TREATING);
        CareRelationship treating = relationships.forResident(resident, 10, PURPOSE).stream()
                .filter(r -> r.organisationId() == clinic).findFirst().orElseThrow();
        assertThat(treating.kind()).isEqualTo(CareRelationshipKind.TREATING);
        assertThat(treating.endsAt()).isCloseTo(now.plus(Duration.ofDays(1095)), org.assertj.core.api.Assertions.within(
                1, ChronoUnit.HOURS));

        relationships.end(treating.id(), "测试：结束诊治关系");
        assertThatThrownBy(() -> record.find(diagnosis, PURPOSE)).isInstanceOf(RecordAccessDeniedException.class);
    }

    @Test
    void staffWriteOnlyForTheOrganisationTheyActForAndCannotVoidOrCorrectAnotherOrganisationsEntry() {
        long hospitals = record.record(Entries.glucose(resident, hospital, now.minus(Duration.ofDays(1)), "5.5"), PURPOSE);
        actAs(CLINIC_DOCTOR);

        assertThatThrownBy(() -> record.record(Entries.glucose(resident, hospital, now, "6.0"), PURPOSE))
                .isInstanceOf(EntryWriteDeniedException.class);
        assertThatThrownBy(() -> record.voidEntry(hospitals, "不是我院的", PURPOSE))
                .isInstanceOf(EntryWriteDeniedException.class);
        assertThatThrownBy(() -> record.correct(hospitals, Entries.glucose(resident, clinic, now, "5.6"), "改", PURPOSE))
                .isInstanceOf(EntryWriteDeniedException.class);
        long own = record.record(Entries.glucose(resident, clinic, now, "6.0"), PURPOSE);
        record.voidEntry(own, "录入错误", PURPOSE);

        SecurityContextHolder.clearContext();
        assertThat(record.find(hospitals, PURPOSE)).get().extracting(ClinicalEntry::voided).isEqualTo(false);
    }

    @Test
    void referralAndFamilyDoctorGrantsOpenAccessAndEndingThemClosesIt() {
        long diagnosis = record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(2)), "I10"), PURPOSE);
        String referral = "referral:test-" + resident;
        long granted = relationships.grant(resident, clinic, CareRelationshipKind.REFERRAL_RECEIVED, referral, null, "转诊");
        assertThat(relationships.grant(resident, clinic, CareRelationshipKind.REFERRAL_RECEIVED, referral, null, "转诊"))
                .as("a retried grant").isEqualTo(granted);

        actAs(CLINIC_DOCTOR);
        assertThat(record.find(diagnosis, PURPOSE)).isPresent();
        SecurityContextHolder.clearContext();
        assertThat(relationships.endBySource(CareRelationshipKind.REFERRAL_RECEIVED, referral, "转诊完成")).isEqualTo(1);
        actAs(CLINIC_DOCTOR);
        assertThatThrownBy(() -> record.find(diagnosis, PURPOSE)).isInstanceOf(RecordAccessDeniedException.class);

        SecurityContextHolder.clearContext();
        long contract = relationships.grant(resident, clinic, CareRelationshipKind.FAMILY_DOCTOR, "contract:" + resident,
                now.plus(Duration.ofDays(365)), "家庭医生签约");
        actAs(CLINIC_COLLEAGUE);
        assertThat(record.activeProblems(resident, PURPOSE)).extracting(ClinicalEntry::id).containsExactly(diagnosis);
        assertThat(relationships.end(contract, "解约")).isTrue();
        assertThatThrownBy(() -> record.activeProblems(resident, PURPOSE)).isInstanceOf(RecordAccessDeniedException.class);
        assertThatThrownBy(() -> relationships.grant(resident, clinic, CareRelationshipKind.TREATING, null, null, "x"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void breakGlassNeedsAReasonOpensTheRecordForThatAccountOnlyAndIsAudited() {
        long diagnosis = record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(2)), "I10"), PURPOSE);
        actAs(CLINIC_DOCTOR);

        assertThatThrownBy(() -> access.breakGlass(resident, "  ")).isInstanceOf(InvalidInputException.class);
        BreakGlass glass = access.breakGlass(resident, "患者昏迷送至急诊，需查阅既往史");

        assertThat(glass.expiresAt()).isEqualTo(glass.startedAt().plus(Duration.ofHours(4)));
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).extracting(ClinicalEntry::id)
                .containsExactly(diagnosis);
        RecordAccessView view = access.currentAccess(resident);
        assertThat(view.breakGlass()).isTrue();
        assertThat(view.breakGlassReason()).isEqualTo("患者昏迷送至急诊，需查阅既往史");
        assertThat(jdbc.sql("select purpose from platform.audit_event where resident_id = :r and action = 'BREAK_GLASS' "
                        + "and actor_username = :u").param("r", resident).param("u", CLINIC_DOCTOR)
                .query(String.class).list()).containsExactly("患者昏迷送至急诊，需查阅既往史");
        assertThat(jdbc.sql("select purpose from platform.audit_event where resident_id = :r and action = 'VIEW_TIMELINE' "
                        + "and actor_username = :u").param("r", resident).param("u", CLINIC_DOCTOR)
                .query(String.class).single()).isEqualTo("break-glass #" + glass.id() + ": " + PURPOSE);

        actAs(CLINIC_COLLEAGUE);
        assertThatThrownBy(() -> record.timeline(resident, TimelineQuery.all(), PURPOSE))
                .as("a colleague of the same organisation").isInstanceOf(RecordAccessDeniedException.class);
    }

    @Test
    void breakGlassExpires() {
        record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(2)), "I10"), PURPOSE);
        actAs(CLINIC_DOCTOR);
        BreakGlass glass = access.breakGlass(resident, "急诊抢救");
        assertThat(record.allergies(resident, PURPOSE)).isEmpty();

        jdbc.sql("update records.break_glass set started_at = now() - interval '5 hours', "
                + "expires_at = now() - interval '1 hour' where id = :id").param("id", glass.id()).update();

        assertThatThrownBy(() -> record.allergies(resident, PURPOSE)).isInstanceOf(RecordAccessDeniedException.class);
        assertThat(access.currentAccess(resident).breakGlass()).isFalse();
    }

    @Test
    void commissionAnalystsReadNoRecordAndCannotBreakTheGlass() {
        record.record(Entries.diagnosis(resident, third, now.minus(Duration.ofDays(2)), "I10"), PURPOSE);
        actAs(ANALYST);

        assertThatThrownBy(() -> record.timeline(resident, TimelineQuery.all(), PURPOSE))
                .isInstanceOfSatisfying(RecordAccessDeniedException.class, e -> assertThat(e.breakGlassOffered()).isFalse());
        assertThatThrownBy(() -> access.breakGlass(resident, "想看看")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void sensitiveItemsAreLeftOutWithoutAGrantAndEveryPageStaysFull() {
        List<NewEntry> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Instant at = now.minus(Duration.ofHours(i + 1));
            entries.add(i % 5 == 0 || i % 5 == 2 ? Entries.diagnosis(resident, hospital, at, "F20.0")
                    : Entries.glucose(resident, hospital, at, "5." + i % 10));
        }
        record.recordOrFindAll(entries, PURPOSE);
        relationships.grant(resident, clinic, CareRelationshipKind.FAMILY_DOCTOR, "contract:s" + resident, null, "签约");

        actAs(CLINIC_DOCTOR);
        List<ClinicalEntry> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        TimelineQuery query = new TimelineQuery(Set.of(), null, null, Set.of(), null, 5);
        TimelinePage page;
        do {
            page = record.timeline(resident, query, PURPOSE);
            seen.addAll(page.entries());
            pageSizes.add(page.entries().size());
            query = query.next(page.next());
        } while (page.next() != null);

        assertThat(pageSizes).containsExactly(5, 5, 5, 3);
        assertThat(seen).hasSize(18).allSatisfy(e -> assertThat(e.sensitivity()).isNull());
        assertThat(record.activeProblems(resident, PURPOSE)).isEmpty();

        actAs(THIRD_DOCTOR);
        access.breakGlass(resident, "急诊：意识障碍");
        assertThat(record.timeline(resident, new TimelineQuery(Set.of(), null, null, Set.of(), null, 50), PURPOSE)
                .entries()).as("break-glass does not open sensitive categories").hasSize(18);

        actAs(HOSPITAL_DOCTOR);
        assertThat(record.activeProblems(resident, PURPOSE)).as("the recording organisation").hasSize(1);
        assertThatThrownBy(() -> access.grantSensitive(resident, hospital, SensitiveCategory.MENTAL_HEALTH, "自己授权", null))
                .isInstanceOf(AccessDeniedException.class);
        long grant = access.grantSensitive(resident, clinic, SensitiveCategory.MENTAL_HEALTH, "居民书面单独同意（2026-11-23）", null);

        actAs(CLINIC_DOCTOR);
        assertThat(record.timeline(resident, new TimelineQuery(Set.of(), null, null, Set.of(), null, 50), PURPOSE)
                .entries()).hasSize(30);
        assertThat(record.activeProblems(resident, PURPOSE)).extracting(ClinicalEntry::sensitivity)
                .containsExactly(SensitiveCategory.MENTAL_HEALTH);

        access.revokeSensitive(grant, "居民撤回同意");
        assertThat(record.timeline(resident, new TimelineQuery(Set.of(), null, null, Set.of(), null, 50), PURPOSE)
                .entries()).hasSize(18);
        assertThat(jdbc.sql("select action from platform.audit_event where resident_id = :r and action like '%SENSITIVE%' "
                + "order by id").param("r", resident).query(String.class).list())
                .containsExactly("GRANT_SENSITIVE_ACCESS", "REVOKE_SENSITIVE_ACCESS");
    }

    /** PIPL-01/02: an HIV viral load reveals the infection as the B20–B24 diagnosis does; same grant, same hiding. */
    @Test
    void hivViralLoadIsSensitiveLikeTheHivDiagnosis() {
        long diagnosis = record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(3)), "B20"), PURPOSE);
        long viralLoad = record.record(Entries.observation(resident, hospital, now.minus(Duration.ofDays(2)), "20447-9",
                "4000", "{copies}/mL"), PURPOSE);
        long cd4 = record.record(Entries.observation(resident, hospital, now.minus(Duration.ofDays(2)), "24467-3",
                "350", "/uL"), PURPOSE);
        long glucose = record.record(Entries.glucose(resident, hospital, now.minus(Duration.ofDays(1)), "5.6"), PURPOSE);
        assertThat(jdbc.sql("select sensitivity from records.entry where id in (:ids) order by id")
                .param("ids", List.of(diagnosis, viralLoad, cd4)).query(String.class).list())
                .containsExactly("HIV", "HIV", "HIV");
        relationships.grant(resident, clinic, CareRelationshipKind.FAMILY_DOCTOR, "contract:v" + resident, null, "签约");
        String residentLogin = "access-resident-v" + resident;
        accounts.createResidentAccount(residentLogin, "居民", DemoMode.DEMO_PASSWORD, resident, true);

        actAs(CLINIC_DOCTOR);
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).extracting(ClinicalEntry::id)
                .containsExactly(glucose);
        assertThat(record.find(viralLoad, PURPOSE)).isEmpty();
        assertThat(record.findAll(List.of(viralLoad, cd4, glucose), PURPOSE)).extracting(ClinicalEntry::id)
                .containsExactly(glucose);

        actAs(residentLogin);
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).as("the resident sees all")
                .extracting(ClinicalEntry::id).containsExactlyInAnyOrder(glucose, viralLoad, cd4, diagnosis);

        actAs(HOSPITAL_DOCTOR);
        access.grantSensitive(resident, clinic, SensitiveCategory.MENTAL_HEALTH, "居民单独同意：精神卫生", null);
        actAs(CLINIC_DOCTOR);
        assertThat(record.find(viralLoad, PURPOSE)).as("a mental-health grant does not open HIV results").isEmpty();
        actAs(HOSPITAL_DOCTOR);
        access.grantSensitive(resident, clinic, SensitiveCategory.HIV, "居民书面单独同意：艾滋病随访", null);
        actAs(CLINIC_DOCTOR);
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).extracting(ClinicalEntry::id)
                .containsExactlyInAnyOrder(glucose, viralLoad, cd4, diagnosis);
    }

    /** PIPL-01/02: an antipsychotic (ATC N05A) says "severe mental disorder" as an F20 diagnosis does. */
    @Test
    void antipsychoticPrescriptionNeedsTheMentalHealthGrant() {
        long olanzapine = record.record(Entries.prescription(resident, hospital, now.minus(Duration.ofDays(2)),
                "N05AH03", "奥氮平片"), PURPOSE);
        long sertraline = record.record(Entries.prescription(resident, hospital, now.minus(Duration.ofDays(2)),
                "N06AB06", "舍曲林片"), PURPOSE);
        long amlodipine = record.record(Entries.prescription(resident, hospital, now.minus(Duration.ofDays(1)),
                "C08CA01", "苯磺酸氨氯地平片"), PURPOSE);
        relationships.grant(resident, clinic, CareRelationshipKind.FAMILY_DOCTOR, "contract:p" + resident, null, "签约");

        actAs(CLINIC_DOCTOR);
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).extracting(ClinicalEntry::id)
                .containsExactly(amlodipine);
        actAs(HOSPITAL_DOCTOR);
        assertThat(record.find(olanzapine, PURPOSE)).as("the prescribing organisation").get()
                .extracting(ClinicalEntry::sensitivity).isEqualTo(SensitiveCategory.MENTAL_HEALTH);
        access.grantSensitive(resident, clinic, SensitiveCategory.MENTAL_HEALTH, "居民书面单独同意（2026-11-23）", null);
        actAs(CLINIC_DOCTOR);
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).extracting(ClinicalEntry::id)
                .containsExactlyInAnyOrder(amlodipine, olanzapine, sertraline);
    }

    @Test
    void theBackfillTagsEntriesWrittenBeforeTheirCodeWasOnTheListAndNothingElse() {
        long viralLoad = record.record(Entries.observation(resident, hospital, now.minus(Duration.ofDays(2)), "20447-9",
                "4000", "{copies}/mL"), PURPOSE);
        long antiretroviral = record.record(Entries.prescription(resident, hospital, now.minus(Duration.ofDays(2)),
                "J05AR03", "替诺福韦/恩曲他滨片"), PURPOSE);
        long glucose = record.record(Entries.glucose(resident, hospital, now.minus(Duration.ofDays(1)), "5.6"), PURPOSE);
        // hepatitis B only: a NONE line before the HIV NRTI group J05AF
        long entecavir = record.record(Entries.prescription(resident, hospital, now.minus(Duration.ofDays(1)),
                "J05AF10", "恩替卡韦分散片"), PURPOSE);
        // as written by an earlier release, which classified diagnoses only
        jdbc.sql("update records.entry set sensitivity = null where id in (:ids)")
                .param("ids", List.of(viralLoad, antiretroviral)).update();

        assertThat(retagging.retagAll(n -> { })).isGreaterThanOrEqualTo(2);
        assertThat(retagging.retagAll(n -> { })).as("idempotent").isZero();

        assertThat(jdbc.sql("select coalesce(sensitivity, '-') from records.entry where id in (:ids) order by id")
                .param("ids", List.of(viralLoad, antiretroviral, glucose, entecavir)).query(String.class).list())
                .containsExactly("HIV", "HIV", "-", "-");
    }

    @Test
    void anOrganisationWhoseOnlyItemIsHiddenIsNotNamedAmongTheRecordsSources() {
        record.record(Entries.glucose(resident, hospital, now.minus(Duration.ofDays(2)), "6.1"), PURPOSE);
        long hidden = record.record(Entries.diagnosis(resident, third, now.minus(Duration.ofDays(3)), "K29.5"), PURPOSE);
        relationships.grant(resident, clinic, CareRelationshipKind.FAMILY_DOCTOR, "contract:o" + resident, null, "签约");
        String residentLogin = "access-resident-o" + resident;
        accounts.createResidentAccount(residentLogin, "居民", DemoMode.DEMO_PASSWORD, resident, true);
        actAs(residentLogin);
        assertThat(consent.hide(hidden, "本人在门户隐藏")).isTrue();

        actAs(CLINIC_DOCTOR);
        assertThat(record.overview(resident, TimelineQuery.all(), PURPOSE).organisationIds()).containsExactly(hospital);
        actAs(THIRD_DOCTOR);
        assertThat(record.overview(resident, TimelineQuery.all(), PURPOSE).organisationIds())
                .containsExactlyInAnyOrder(hospital, third);
    }

    @Test
    void aHiddenItemIsInvisibleToAnotherOrganisationButNotToTheRecordingOneOrTheResident() {
        long hypertension = record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(3)), "I10"), PURPOSE);
        long glucose = record.record(Entries.glucose(resident, hospital, now.minus(Duration.ofDays(2)), "6.1"), PURPOSE);
        relationships.grant(resident, clinic, CareRelationshipKind.FAMILY_DOCTOR, "contract:h" + resident, null, "签约");
        String residentLogin = "access-resident-" + resident;
        accounts.createResidentAccount(residentLogin, "居民", DemoMode.DEMO_PASSWORD, resident, true);

        actAs(residentLogin);
        assertThat(consent.hide(hypertension, "本人在门户隐藏")).isTrue();
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).as("the resident")
                .extracting(ClinicalEntry::id).containsExactly(glucose, hypertension);

        actAs(CLINIC_DOCTOR);
        assertThat(record.timeline(resident, TimelineQuery.all(), PURPOSE).entries()).extracting(ClinicalEntry::id)
                .containsExactly(glucose);
        assertThat(record.find(hypertension, PURPOSE)).isEmpty();
        assertThat(record.findAll(List.of(hypertension, glucose), PURPOSE)).extracting(ClinicalEntry::id)
                .containsExactly(glucose);
        assertThat(record.activeProblems(resident, PURPOSE)).isEmpty();

        actAs(HOSPITAL_DOCTOR);
        assertThat(record.find(hypertension, PURPOSE)).isPresent();
        assertThat(record.activeProblems(resident, PURPOSE)).extracting(ClinicalEntry::id).containsExactly(hypertension);

        actAs(CLINIC_DOCTOR);
        assertThat(consent.unhide(hypertension, "居民书面申请恢复共享")).isTrue();
        assertThat(record.find(hypertension, PURPOSE)).isPresent();
        assertThat(jdbc.sql("select action from platform.audit_event where resident_id = :r and action like '%HIDE_ENTRY' "
                + "order by id").param("r", resident).query(String.class).list())
                .containsExactly("HIDE_ENTRY", "UNHIDE_ENTRY");
    }

    @Test
    void notifiableDiseasesTheLawRequiresToShareCannotBeHidden() {
        long tuberculosis = record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(3)), "A15.0"), PURPOSE);
        long hiv = record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(2)), "B20"), PURPOSE);

        assertThatThrownBy(() -> consent.hide(tuberculosis, "本人申请"))
                .isInstanceOfSatisfying(UnhideableEntryException.class, e -> assertThat(e.code()).isEqualTo("A15.0"))
                .hasMessageContaining("传染病防治法");
        assertThat(consent.hide(hiv, "本人申请")).as("HIV: protected, not shared against the resident's wish").isTrue();
        assertThat(consent.unhideable("A00.9")).isTrue();
        assertThat(consent.unhideable("I10")).isFalse();
    }

    @Test
    void theBreakGlassPageNeedsAReasonAndThenShowsTheBanner() {
        record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(2)), "I10"), PURPOSE);
        WebSession web = new WebSession(port);
        web.login(CLINIC_DOCTOR, DemoMode.DEMO_PASSWORD);
        String base = "/records/residents/" + resident;

        HttpResponse<String> refused = web.get(base + "/access");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("data-testid=\"access-denied\"", "data-testid=\"break-glass-link\"");

        assertThat(web.get(base + "/break-glass").statusCode()).isEqualTo(200);
        HttpResponse<String> blank = web.post(base + "/break-glass", Map.of("reason", " "));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("data-testid=\"break-glass-form\"", "data-testid=\"reason-error\"");

        HttpResponse<String> opened = web.post(base + "/break-glass", Map.of("reason", "夜间急诊，患者无法陈述病史"));
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith(base);

        HttpResponse<String> overview = web.get(base + "/access");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("data-testid=\"break-glass-banner\"", "夜间急诊，患者无法陈述病史");

        WebSession analyst = new WebSession(port);
        analyst.login(ANALYST, DemoMode.DEMO_PASSWORD);
        assertThat(analyst.get(base + "/break-glass").statusCode()).isEqualTo(403);
    }

    @Test
    void apiCallersAreRefusedWithAProblemDocument() {
        record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(2)), "I10"), PURPOSE);
        WebSession web = new WebSession(port);
        web.login(CLINIC_DOCTOR, DemoMode.DEMO_PASSWORD);

        HttpResponse<String> refused = web.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(web.baseUrl() + "/records/residents/" + resident + "/access"))
                .header("Accept", "application/problem+json, application/json").GET().build());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"status\":403", "\"residentId\":" + resident);
    }

    @Test
    void staffHideAnItemOnTheResidentsWrittenRequestButNotANotifiableDisease() {
        long hypertension = record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(3)), "I10"), PURPOSE);
        long measles = record.record(Entries.diagnosis(resident, hospital, now.minus(Duration.ofDays(2)), "B05"), PURPOSE);
        WebSession web = new WebSession(port);
        web.login(HOSPITAL_DOCTOR, DemoMode.DEMO_PASSWORD);

        assertThat(web.get("/records/entries/" + hypertension + "/consent").statusCode()).isEqualTo(200);
        HttpResponse<String> blank = web.post("/records/entries/" + hypertension + "/consent", Map.of("action", "hide", "request", ""));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("data-testid=\"consent-form\"", "data-testid=\"consent-error\"");
        HttpResponse<String> hidden = web.post("/records/entries/" + hypertension + "/consent",
                Map.of("action", "hide", "request", "居民书面申请 0012"));
        assertThat(hidden.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select hidden_at is not null from records.entry where id = :id").param("id", hypertension)
                .query(Boolean.class).single()).isTrue();

        web.get("/records/entries/" + measles + "/consent");
        HttpResponse<String> refused = web.post("/records/entries/" + measles + "/consent",
                Map.of("action", "hide", "request", "居民书面申请 0013"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("传染病防治法");
        assertThat(jdbc.sql("select hidden_at is null from records.entry where id = :id").param("id", measles)
                .query(Boolean.class).single()).isTrue();
    }

    private void staff(String username, long organisation, Role role) {
        if (!accounts.exists(username)) {
            accounts.createStaffAccount(new NewStaffAccount(username, username, DemoMode.DEMO_PASSWORD, null,
                    List.of(new NewStaffAccount.Membership(organisation, role)), true));
        }
    }

    private void actAs(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }
}

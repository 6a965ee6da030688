package org.yiwang.ecg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;
import org.yiwang.IntegrationTest;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.records.ClinicalEntry;
import org.yiwang.records.EntryKind;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.Interpretation;

/**
 * The reading centre's worklist, claims, signed reports and the return to the clinic (issue 5 point 3; CPC-03,
 * CPC-11, CPC-12), on the embedded database with the demo county.
 */
@IntegrationTest
@RecordApplicationEvents
class EcgReadingIntegrationTests {

    static final int READERS = 8;

    @Autowired
    EcgRecordings recordings;

    @Autowired
    EcgReading reading;

    @Autowired
    EcgReports reports;

    @Autowired
    EcgTurnaround turnaround;

    @Autowired
    HealthRecord record;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    UserDetailsService users;

    @Autowired
    ApplicationEvents events;

    EcgFixtures fixtures;
    long township;
    long county;
    long resident;

    @BeforeEach
    void readersAndAClinic() {
        fixtures = new EcgFixtures(jdbc, accounts, users);
        township = fixtures.townshipCentre();
        county = fixtures.countyHospital();
        resident = fixtures.freshResident();
        fixtures.staff("ecg-wl-township", township, Role.DOCTOR);
        for (int i = 0; i < READERS; i++) {
            fixtures.staff("ecg-wl-reader-" + i, county, Role.ECG_READER);
        }
    }

    @AfterEach
    void backToSystem() {
        EcgFixtures.actAsSystem();
    }

    private long upload(double rateBpm, long seed, List<NewEcgRecording.OriginalFile> files) {
        fixtures.actAs("ecg-wl-township");
        long id = recordings.store(new NewEcgRecording(resident, township, EcgKind.RESTING_12_LEAD, "SYNTHETIC",
                Instant.now().minusSeconds(60), "胸痛 chest pain", null,
                EcgFixtures.twelveLead(rateBpm, seed).recording(), files));
        fixtures.awaitAnalysed(id);
        return id;
    }

    private void setWaiting(long id, Instant uploadedAt, boolean critical) {
        jdbc.sql("update ecg.recording set uploaded_at = :at, critical = :critical where id = :id")
                .param("at", Timestamp.from(uploadedAt)).param("critical", critical).param("id", id).update();
    }

    private static ReportDraft draft(boolean critical, String... codes) {
        return new ReportDraft(List.of(codes), null, 72, 160, 90, 380, 410,
                critical ? "急性下壁ST段抬高型心肌梗死，请立即启动胸痛绿色通道" : "窦性心律，正常心电图", critical);
    }

    @Test
    void worklistShowsCriticalFirstThenLongestWaitingInKeysetPages() {
        long oldRoutine = upload(70, 11, List.of());
        long newCritical = upload(72, 12, List.of());
        long newerRoutine = upload(74, 13, List.of());
        long oldCritical = upload(76, 14, List.of());
        Instant now = Instant.now();
        setWaiting(oldRoutine, now.minus(Duration.ofMinutes(50)), false);
        setWaiting(newCritical, now.minus(Duration.ofMinutes(2)), true);
        setWaiting(newerRoutine, now.minus(Duration.ofMinutes(1)), false);
        setWaiting(oldCritical, now.minus(Duration.ofMinutes(9)), true);

        fixtures.actAs("ecg-wl-reader-0");
        List<Long> order = new ArrayList<>();
        WorklistCursor cursor = null;
        int pages = 0;
        do {
            WorklistPage page = reading.queue(cursor, 3);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            page.items().forEach(i -> order.add(i.recordingId()));
            cursor = page.next();
            pages++;
        } while (cursor != null && pages < 200);

        assertThat(order).doesNotHaveDuplicates();
        List<Long> mine = order.stream().filter(List.of(oldRoutine, newCritical, newerRoutine, oldCritical)::contains).toList();
        assertThat(mine).containsExactly(oldCritical, newCritical, oldRoutine, newerRoutine);
        // every critical one of the whole queue comes before every routine one
        WorklistPage top = reading.queue(null, 20);
        assertThat(top.items().getFirst().critical()).isTrue();
        assertThat(top.items().getFirst().analysis()).isPresent();
    }

    @Test
    void theQueueIsReadInItsOrderFromItsIndexWithoutSorting() {
        String plan = transactions.execute(tx -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("""
                            explain select id from ecg.recording g
                            where g.reading_centre_id = 1 and g.status in ('RECEIVED', 'ANALYSED')
                              and (not g.critical, g.uploaded_at, g.id) > (false, now(), 0)
                            order by not g.critical, g.uploaded_at, g.id limit 21""").query(String.class).list());
        });
        assertThat(plan).contains("recording_worklist").doesNotContain("Sort");
    }

    @Test
    void ofEightReadersClaimingTheSameEcgAtOnceExactlyOneWins() throws Exception {
        long id = upload(68, 21, List.of());
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> winners = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<ClaimRefusedException> refusals = new ConcurrentLinkedQueue<>();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < READERS; i++) {
                String reader = "ecg-wl-reader-" + i;
                done.add(pool.submit(() -> {
                    fixtures.actAs(reader);
                    try {
                        start.await();
                        reading.claim(id);
                        winners.add(reader);
                    } catch (ClaimRefusedException e) {
                        refusals.add(e);
                    } finally {
                        EcgFixtures.actAsSystem();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(winners).hasSize(1);
        assertThat(refusals).hasSize(READERS - 1).allSatisfy(e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(409);
            assertThat(e.messageKey()).isEqualTo("ecg.worklist.refused.claimed");
            assertThat(e.getReason()).contains("is being read by");
        });
        assertThat(jdbc.sql("select count(*) from ecg.reading_step where recording_id = :id and step = 'CLAIMED'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
        fixtures.actAs(winners.peek());
        assertThat(reading.claimed()).anySatisfy(i -> assertThat(i.recordingId()).isEqualTo(id));
        fixtures.actAs("ecg-wl-reader-0");
        assertThat(reading.queue(null, 20).items()).noneSatisfy(i -> assertThat(i.recordingId()).isEqualTo(id));
    }

    @Test
    void aReleasedClaimReturnsToTheQueueAndOnlyItsHolderMayReleaseIt() {
        long id = upload(66, 31, List.of());
        fixtures.actAs("ecg-wl-reader-1");
        reading.claim(id);

        fixtures.actAs("ecg-wl-reader-2");
        assertThatThrownBy(() -> reading.release(id)).isInstanceOf(ClaimRefusedException.class);
        assertThatThrownBy(() -> reports.sign(id, draft(false, "SINUS_RHYTHM", "NORMAL_ECG")))
                .isInstanceOf(ClaimRefusedException.class);

        fixtures.actAs("ecg-wl-reader-1");
        reading.release(id);

        assertThat(jdbc.sql("select status from ecg.recording where id = :id").param("id", id).query(String.class)
                .single()).isEqualTo("ANALYSED");
        fixtures.actAs("ecg-wl-reader-2");
        assertThat(reading.claim(id).claimedByName()).isEqualTo("ecg-wl-reader-2");
    }

    @Test
    void aClaimHeldTooLongReturnsToTheQueue() {
        long id = upload(64, 41, List.of());
        fixtures.actAs("ecg-wl-reader-3");
        reading.claim(id);
        jdbc.sql("update ecg.recording set claimed_at = claimed_at - interval '16 minutes' where id = :id")
                .param("id", id).update();

        EcgFixtures.actAsSystem();
        assertThat(reading.expireClaims()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("select status from ecg.recording where id = :id").param("id", id).query(String.class)
                .single()).isEqualTo("ANALYSED");
        assertThat(jdbc.sql("select count(*) from ecg.reading_step where recording_id = :id and step = 'CLAIM_EXPIRED'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
        fixtures.actAs("ecg-wl-reader-3");
        assertThatThrownBy(() -> reports.sign(id, draft(false, "SINUS_RHYTHM")))
                .isInstanceOfSatisfying(ClaimRefusedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("ecg.worklist.refused.notHeld"));
    }

    @Test
    void aSignedReportVerifiesIsFiledInTheSharedRecordAndTamperingIsDetected() {
        byte[] file = "0 12 500 5000\n".getBytes(StandardCharsets.US_ASCII);
        long id = upload(72, 51, List.of(new NewEcgRecording.OriginalFile("r1.hea", "text/plain", file)));
        fixtures.actAs("ecg-wl-reader-4");
        reading.claim(id);

        SignedReport signed = reports.sign(id, draft(true, "SINUS_RHYTHM", "STEMI_INFERIOR"));

        assertThat(signed.version()).isEqualTo(1);
        assertThat(signed.algorithm()).isEqualTo("SM3withSM2");
        assertThat(signed.fileHashes()).startsWith("r1.hea=");
        assertThat(signed.statements()).extracting(SignedReport.Statement::text)
                .containsExactly("窦性心律", "急性下壁ST段抬高型心肌梗死");
        assertThat(reports.verify(signed).valid()).isTrue();
        // every step's timestamp is stored (CPC-12)
        assertThat(jdbc.sql("""
                        select uploaded_at is not null and analysed_at is not null and claimed_at is not null
                            and signed_at is not null and status = 'SIGNED' and report_critical
                        from ecg.recording where id = :id""").param("id", id).query(Boolean.class).single()).isTrue();
        // into the shared record: a DIAGNOSTIC_REPORT of category ECG from the reading centre, critical
        ClinicalEntry entry = record.find(signed.recordEntryId(), "test").orElseThrow();
        assertThat(entry.kind()).isEqualTo(EntryKind.DIAGNOSTIC_REPORT);
        assertThat(entry.category()).isEqualTo("ECG");
        assertThat(entry.organisationId()).isEqualTo(county);
        assertThat(entry.interpretation()).isEqualTo(Interpretation.CRITICAL);
        assertThat(events.stream(EcgReportSigned.class).filter(e -> e.recordingId() == id))
                .singleElement().satisfies(e -> {
                    assertThat(e.critical()).isTrue();
                    assertThat(e.organisationId()).isEqualTo(township);
                    assertThat(e.recordEntryId()).isEqualTo(signed.recordEntryId());
                });
        // a signed report cannot be changed in place
        assertThatThrownBy(() -> jdbc.sql("update ecg.report set conclusion = 'x' where id = :id")
                .param("id", signed.id()).update()).hasMessageContaining("immutable");
        // …and one changed behind the application's back (triggers bypassed) no longer verifies
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql("update ecg.report set conclusion = '窦性心律' where id = :id").param("id", signed.id()).update();
        });
        SignedReport tampered = reports.current(id).orElseThrow();
        assertThat(reports.verify(tampered)).isEqualTo(new SignatureCheck(false, "signature"));
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql("update ecg.report set conclusion = :c where id = :id").param("c", signed.conclusion())
                    .param("id", signed.id()).update();
        });
        assertThat(reports.verify(reports.current(id).orElseThrow()).valid()).isTrue();
        // the recording's file changed: the signature no longer covers it
        jdbc.sql("update ecg.recording_file set sha256 = :sha where recording_id = :id")
                .param("sha", new byte[32]).param("id", id).update();
        assertThat(reports.verify(reports.current(id).orElseThrow()).valid()).isFalse();
    }

    @Test
    void anAmendmentIsANewSignedVersionThatSupersedesWithAReason() {
        long id = upload(58, 61, List.of());
        fixtures.actAs("ecg-wl-reader-5");
        reading.claim(id);
        SignedReport first = reports.sign(id, draft(false, "SINUS_BRADYCARDIA"));

        fixtures.actAs("ecg-wl-reader-6");
        assertThatThrownBy(() -> reports.amend(id, draft(true, "SINUS_RHYTHM", "STEMI_INFERIOR"), " "))
                .isInstanceOfSatisfying(ReportInputException.class, e -> assertThat(e.problems())
                        .extracting(ReportProblem::field).containsExactly("reason"));
        SignedReport second = reports.amend(id, draft(true, "SINUS_RHYTHM", "STEMI_INFERIOR"),
                "下壁导联ST段抬高复核后确认");

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.supersedesId()).isEqualTo(first.id());
        assertThat(reports.current(id)).get().extracting(SignedReport::id).isEqualTo(second.id());
        List<SignedReport> versions = reports.versions(id);
        assertThat(versions).extracting(SignedReport::version).containsExactly(2, 1);
        assertThat(versions.get(1).supersededById()).isEqualTo(second.id());
        assertThat(reports.verify(versions.get(1)).valid()).isTrue();
        assertThat(reports.verify(versions.get(0)).valid()).isTrue();
        // the shared record: the first entry voided and pointing to its replacement
        ClinicalEntry old = record.find(first.recordEntryId(), "test").orElseThrow();
        assertThat(old.voided()).isTrue();
        assertThat(record.find(second.recordEntryId(), "test").orElseThrow().status()).isEqualTo("amended");
    }

    @Test
    void aDraftWithProblemsNamesEveryFieldAndStoresNothing() {
        long id = upload(70, 71, List.of());
        fixtures.actAs("ecg-wl-reader-7");
        reading.claim(id);
        ReportDraft bad = new ReportDraft(List.of("STEMI_ANTERIOR", "NO_SUCH"), null, 900, null, null, null, null, " ",
                false);

        assertThatThrownBy(() -> reports.sign(id, bad)).isInstanceOfSatisfying(ReportInputException.class,
                e -> assertThat(e.problems()).extracting(ReportProblem::field)
                        .containsExactlyInAnyOrder("critical", "statementCodes", "conclusion", "heartRateBpm"));
        assertThat(jdbc.sql("select count(*) from ecg.report where recording_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void theClinicSeesTheSignedCriticalReportAndAcknowledgesIt() {
        long id = upload(72, 81, List.of());
        fixtures.actAs("ecg-wl-township");
        String before = reports.inboxVersion();
        fixtures.actAs("ecg-wl-reader-0");
        reading.claim(id);
        reports.sign(id, draft(true, "SINUS_RHYTHM", "STEMI_INFERIOR"));

        fixtures.actAs("ecg-wl-township");
        assertThat(reports.inboxVersion()).isNotEqualTo(before);
        assertThat(reports.alarms()).anySatisfy(i -> {
            assertThat(i.recordingId()).isEqualTo(id);
            assertThat(i.alarm()).isTrue();
            assertThat(i.report().conclusion()).contains("急性下壁");
        });
        assertThat(reports.acknowledge(id)).isTrue();
        assertThat(reports.acknowledge(id)).isFalse();

        assertThat(reports.alarms()).noneSatisfy(i -> assertThat(i.recordingId()).isEqualTo(id));
        assertThat(reports.inbox()).filteredOn(i -> i.recordingId() == id).singleElement()
                .satisfies(i -> assertThat(i.acknowledgedAt()).isNotNull());
        assertThat(jdbc.sql("select count(*) from platform.audit_event where action = 'ACKNOWLEDGE_ECG_REPORT' and resident_id = :r")
                .param("r", resident).query(Long.class).single()).isEqualTo(1);
        fixtures.actAs("ecg-wl-reader-0");
        assertThatThrownBy(() -> reports.acknowledge(id))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    @Test
    void turnaroundPerDayGivesMediansFromTheStoredTimestamps() {
        // upload-to-signed: critical 60 s, 120 s, 600 s; routine 300 s, 900 s — on 2021-05-10 in Shanghai
        Instant day = LocalDate.of(2021, 5, 10).atTime(9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        long[][] plan = { {60, 1}, {120, 1}, {600, 1}, {300, 0}, {900, 0} };
        for (int i = 0; i < plan.length; i++) {
            long id = upload(70, 90 + i, List.of());
            Instant uploaded = day.plusSeconds(600L * i);
            jdbc.sql("""
                            update ecg.recording set status = 'SIGNED', uploaded_at = cast(:up as timestamptz),
                                acquired_at = cast(:up as timestamptz) - interval '5 minutes',
                                claimed_at = cast(:up as timestamptz) + interval '20 seconds',
                                signed_at = cast(:signed as timestamptz), report_critical = cast(:critical as boolean),
                                acknowledged_at = case when cast(:critical as boolean)
                                    then cast(:signed as timestamptz) + interval '30 seconds' end
                            where id = :id""")
                    .param("up", Timestamp.from(uploaded)).param("signed", Timestamp.from(uploaded.plusSeconds(plan[i][0])))
                    .param("critical", plan[i][1] == 1).param("id", id).update();
        }

        fixtures.actAs("ecg-wl-reader-0");
        List<TurnaroundDay> days = turnaround.forCentre(county, LocalDate.of(2021, 5, 9), LocalDate.of(2021, 5, 11));

        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.day()).isEqualTo(LocalDate.of(2021, 5, 10));
            assertThat(d.all().count()).isEqualTo(5);
            assertThat(d.all().medianUploadToSigned()).isEqualTo(Duration.ofSeconds(300));
            assertThat(d.all().p90UploadToSigned()).isEqualTo(Duration.ofSeconds(780));
            assertThat(d.all().medianUploadToClaimed()).isEqualTo(Duration.ofSeconds(20));
            assertThat(d.critical().count()).isEqualTo(3);
            // CPC-03: first ECG to ECG diagnosis, 6, 7 and 15 minutes
            assertThat(d.critical().medianAcquiredToSigned()).isEqualTo(Duration.ofSeconds(420));
            assertThat(d.critical().medianUploadToSigned()).isEqualTo(Duration.ofSeconds(120));
            assertThat(d.critical().p90UploadToSigned()).isEqualTo(Duration.ofSeconds(504));
            assertThat(d.critical().medianClaimedToSigned()).isEqualTo(Duration.ofSeconds(100));
            assertThat(d.critical().acknowledged()).isEqualTo(3);
            assertThat(d.critical().medianSignedToAcknowledged()).isEqualTo(Duration.ofSeconds(30));
            assertThat(d.targetMet()).isTrue(); // median 2 min ≤ 3 min
        });
        fixtures.actAs("ecg-wl-township");
        assertThatThrownBy(() -> turnaround.forCentre(county, LocalDate.of(2021, 5, 9), LocalDate.of(2021, 5, 11)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}

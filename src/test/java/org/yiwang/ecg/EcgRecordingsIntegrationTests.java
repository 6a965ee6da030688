package org.yiwang.ecg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yiwang.IntegrationTest;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.platform.security.AccountAdministration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.InvalidInputException;
import org.yiwang.records.RecordAccessDeniedException;

@IntegrationTest
class EcgRecordingsIntegrationTests {

    @Autowired
    EcgRecordings recordings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    UserDetailsService users;

    EcgFixtures fixtures;
    long township;
    long county;
    long resident;

    @BeforeEach
    void townshipDoctorAndFreshResident() {
        fixtures = new EcgFixtures(jdbc, accounts, users);
        township = fixtures.townshipCentre();
        county = fixtures.countyHospital();
        resident = fixtures.freshResident();
        fixtures.staff("ecg-it-township", township, Role.DOCTOR);
        fixtures.staff("ecg-it-other", fixtures.otherTownshipCentre(), Role.DOCTOR);
        fixtures.staff("ecg-it-reader", county, Role.ECG_READER);
    }

    @AfterEach
    void backToSystem() {
        EcgFixtures.actAsSystem();
    }

    @Test
    void townshipUploadGoesToTheCountyReadingCentreAndIsPreAnalysed() {
        SyntheticEcg ecg = EcgFixtures.twelveLead(72, 1);
        fixtures.actAs("ecg-it-township");
        long id = recordings.store(EcgFixtures.upload(resident, township, EcgKind.RESTING_12_LEAD, ecg.recording(), null));

        fixtures.awaitAnalysed(id);
        EcgRecordingSummary stored = recordings.find(id).orElseThrow();
        assertThat(stored.readingCentreId()).isEqualTo(county);
        assertThat(stored.organisationId()).isEqualTo(township);
        assertThat(stored.leadNames()).isEqualTo(EcgFixtures.TWELVE_LEADS);
        assertThat(stored.status()).isEqualTo(EcgStatus.ANALYSED);
        assertThat(stored.critical()).isFalse();
        EcgPreAnalysis analysis = stored.analysis().orElseThrow();
        assertThat(analysis.rhythm()).isEqualTo("SINUS_RHYTHM");
        assertThat(analysis.heartRateBpm()).isBetween(69.0, 75.0);
        assertThat(analysis.beatCount()).isEqualTo(ecg.beats().count());
        assertThat(analysis.intervals()).isNotNull();
        assertThat(analysis.leadQuality()).hasSize(12);
        assertThat(recordings.beatSamples(id, 0, stored.sampleCount())).hasSize(ecg.beats().count());
        // the reading centre may now read the resident's shared record for context (ECG_READING relationship)
        assertThat(jdbc.sql("""
                        select count(*) from records.care_relationship
                        where resident_id = :r and organisation_id = :c and kind = 'ECG_READING'""")
                .param("r", resident).param("c", county).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from platform.audit_event where action = 'UPLOAD_ECG' and object_id = :id")
                .param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void signalWindowsAcrossBlocksReturnTheSamplesExactlyAsUploaded() {
        EcgRecording original = SyntheticEcg.generate(SyntheticEcgSpec.sinus(360, 25, 80)
                .withLeads(List.of("MLII", "V5")).withGaussianNoise(30).withBaselineWander(200), 7).recording();
        fixtures.actAs("ecg-it-township");
        long id = recordings.store(EcgFixtures.upload(resident, township, EcgKind.RHYTHM_STRIP, original, null));

        EcgSignalWindow window = recordings.signal(id, 3000, 5000); // blocks of 3,600 samples: spans blocks 0..2
        assertThat(window.totalSamples()).isEqualTo(original.sampleCount());
        assertThat(window.sampleCount()).isEqualTo(5000);
        for (int lead = 0; lead < 2; lead++) {
            for (int i = 0; i < 5000; i++) {
                assertThat(window.microvolts()[lead][i]).isEqualTo(original.sampleMicrovolts(lead, 3000 + i));
            }
        }
        EcgSignalWindow tail = recordings.signal(id, original.sampleCount() - 100, 1000);
        assertThat(tail.sampleCount()).isEqualTo(100);
        assertThatThrownBy(() -> recordings.signal(id, original.sampleCount(), 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> recordings.signal(id, 0, 360 * 61))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("60 s");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyStoresNothingNew() throws Exception {
        EcgRecording ecg = EcgFixtures.twelveLead(65, 2).recording();
        byte[] file = "0 12 500 5000\n".getBytes(StandardCharsets.US_ASCII);
        NewEcgRecording upload = new NewEcgRecording(resident, township, EcgKind.RESTING_12_LEAD, "WFDB",
                Instant.now().minusSeconds(30), null, "device-7:2026-11-23T10:00:00Z", ecg,
                List.of(new NewEcgRecording.OriginalFile("r1.hea", "text/plain", file)));
        fixtures.actAs("ecg-it-township");

        long first = recordings.store(upload);
        long second = recordings.store(upload);

        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from ecg.recording where resident_id = :r").param("r", resident)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select sha256 from ecg.recording_file where recording_id = :id").param("id", first)
                .query(byte[].class).single()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(file));
    }

    @Test
    void anotherClinicWithoutACareRelationshipIsRefusedTheRecording() {
        fixtures.actAs("ecg-it-township");
        long id = recordings.store(EcgFixtures.upload(resident, township, EcgKind.RESTING_12_LEAD,
                EcgFixtures.twelveLead(70, 3).recording(), null));

        fixtures.actAs("ecg-it-other");
        assertThatThrownBy(() -> recordings.find(id)).isInstanceOf(RecordAccessDeniedException.class);
        assertThatThrownBy(() -> recordings.signal(id, 0, 500)).isInstanceOf(RecordAccessDeniedException.class);

        fixtures.actAs("ecg-it-reader");
        assertThat(recordings.find(id)).isPresent();
    }

    @Test
    void uploadsAreOnlyForTheOrganisationOneActsFor() {
        fixtures.actAs("ecg-it-other");
        assertThatThrownBy(() -> recordings.store(EcgFixtures.upload(resident, township, EcgKind.RESTING_12_LEAD,
                EcgFixtures.twelveLead(70, 4).recording(), null))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anAcquisitionTimeInTheFutureIsRefused() {
        fixtures.actAs("ecg-it-township");
        NewEcgRecording future = new NewEcgRecording(resident, township, EcgKind.RESTING_12_LEAD, "SYNTHETIC",
                Instant.now().plusSeconds(3600), null, null, EcgFixtures.twelveLead(70, 5).recording(), List.of());
        assertThatThrownBy(() -> recordings.store(future)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("future");
    }

    @Test
    void aLongRecordingIsPreAnalysedInSegmentsAndAPauseMarksItCritical() {
        // 12 minutes, 2 leads, 250 Hz, with a 3-second flat stretch (asystole-like pause) in minute 8
        EcgRecording sinus = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 720, 70)
                .withLeads(List.of("II", "V5")).withGaussianNoise(10), 8).recording();
        int[][] samples = {sinus.leadMicrovolts(0), sinus.leadMicrovolts(1)};
        int pauseFrom = 250 * 480;
        for (int[] lead : samples) {
            int level = lead[pauseFrom];
            for (int i = pauseFrom; i < pauseFrom + 250 * 3; i++) {
                lead[i] = level + (int) ((i * 7919L) % 41) - 20; // isoelectric with noise, not a flat-line fault
            }
        }
        EcgRecording withPause = EcgRecording.of(250, List.of("II", "V5"), samples);
        fixtures.actAs("ecg-it-township");
        long id = recordings.store(EcgFixtures.upload(resident, township, EcgKind.LONG_TERM, withPause, null));

        fixtures.awaitAnalysed(id);
        EcgRecordingSummary stored = recordings.find(id).orElseThrow();
        EcgPreAnalysis analysis = stored.analysis().orElseThrow();
        assertThat(analysis.segmentsAnalysed()).isEqualTo(3);
        assertThat(analysis.beatCount()).isBetween(820, 845);
        assertThat(analysis.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("PAUSE");
            assertThat(f.critical()).isTrue();
            assertThat(f.atSeconds()).isEqualTo(300.0);
        });
        assertThat(stored.critical()).isTrue();
        // the Holter summary counts the pause too, timed from the recording's start by the beat before it
        EcgPreAnalysis.HolterSummary holter = analysis.holter();
        assertThat(holter.pauses()).isEqualTo(1);
        // the 3-s stretch replaced whatever beats fell in it: the RR across it is 3 s plus up to two cycles of 857 ms
        assertThat(holter.longestPause().durationMs()).isBetween(3000.0, 4800.0);
        assertThat(holter.longestPause().atSeconds()).isBetween(477L, 479L);
        assertThat(holter.longestPause().atSeconds() + holter.longestPause().durationMs() / 1000).isGreaterThan(483);
    }

    @Test
    void aHolterWithAParoxysmOfAtrialFibrillationGivesItsBurdenAndItsFastestMinute() {
        // 10 minutes of sinus rhythm at 70/min, then 5 minutes of atrial fibrillation at about 115/min (2 leads, 250 Hz)
        List<String> leads = List.of("II", "V5");
        EcgRecording holterRecording = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 600, 70).withLeads(leads)
                .withGaussianNoise(10), 21).followedBy(SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 300, 115)
                .withLeads(leads).withAtrialFibrillation(0.25).withGaussianNoise(10), 22)).recording();
        fixtures.actAs("ecg-it-township");
        long id = recordings.store(EcgFixtures.upload(resident, township, EcgKind.LONG_TERM, holterRecording, null));

        fixtures.awaitAnalysed(id);
        EcgPreAnalysis analysis = recordings.find(id).orElseThrow().analysis().orElseThrow();
        assertThat(analysis.rhythm()).isEqualTo("SINUS_RHYTHM");
        assertThat(analysis.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("ATRIAL_FIBRILLATION_RAPID_VENTRICULAR_RESPONSE");
            assertThat(f.atSeconds()).isEqualTo(600.0);
        });
        EcgPreAnalysis.HolterSummary holter = analysis.holter();
        assertThat(holter.rhythmTimes()).extracting(EcgPreAnalysis.HolterSummary.RhythmTime::rhythm)
                .containsExactly("SINUS_RHYTHM", "ATRIAL_FIBRILLATION");
        // AF's time from its episode, found beat by beat: one of about 5 minutes from about 600 s
        assertThat(holter.af().count()).isEqualTo(1);
        EcgPreAnalysis.HolterSummary.AfEpisode episode = holter.af().longest().getFirst();
        assertThat(episode.atSeconds()).isBetween(595.0, 605.0);
        assertThat(episode.seconds()).isBetween(290.0, 305.0);
        assertThat(episode.meanRateBpm()).isBetween(105.0, 125.0);
        assertThat(holter.af().percent()).isBetween(32.3, 34.3);
        assertThat(holter.rhythmTimes().get(1).percent()).isEqualTo(holter.af().percent());
        assertThat(holter.rhythmTimes().get(0).percent() + holter.rhythmTimes().get(1).percent())
                .isCloseTo(100, org.assertj.core.api.Assertions.within(0.11));
        assertThat(holter.rhythmTimes().get(1).remainingMinutes()).isEqualTo(5);
        // 15 minutes: the minute rates per 10 minutes
        assertThat(holter.rateTrend()).extracting(EcgPreAnalysis.HolterSummary.RatePeriod::atSeconds)
                .containsExactly(0L, 600L);
        assertThat(holter.rateTrend().get(0).meanBpm()).isBetween(67.0, 73.0);
        assertThat(holter.rateTrend().get(1).maxBpm()).isBetween(105.0, 125.0);
        assertThat(holter.slowestMinute().rateBpm()).isBetween(67.0, 73.0);
        assertThat(holter.slowestMinute().atSeconds()).isLessThan(600);
        assertThat(holter.fastestMinute().rateBpm()).isBetween(105.0, 125.0);
        assertThat(holter.fastestMinute().atSeconds()).isBetween(600L, 840L);
        assertThat(holter.pauses()).isZero();
        assertThat(holter.longestPause()).isNull();
        // the fibrillating third's irregular beats are not premature atrial beats (it counted 185 of 2,067 before)
        assertThat(analysis.supraventricularBeats()).isLessThanOrEqualTo(5);
    }

    @Test
    void aRestingTenSecondEcgHasNoHolterSummary() {
        fixtures.actAs("ecg-it-township");
        long id = recordings.store(EcgFixtures.upload(resident, township, EcgKind.RESTING_12_LEAD,
                EcgFixtures.twelveLead(70, 9).recording(), null));

        fixtures.awaitAnalysed(id);
        assertThat(recordings.find(id).orElseThrow().analysis().orElseThrow().holter()).isNull();
    }
}

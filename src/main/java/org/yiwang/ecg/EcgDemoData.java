package org.yiwang.ecg;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yiwang.ecg.signal.QualityIssue;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.mpi.ResidentDemographics;
import org.yiwang.mpi.Residents;
import org.yiwang.mpi.Sex;
import org.yiwang.platform.demo.DemoDataContributor;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.Organisations;

/**
 * The demo county's ECG network: recordings that townships and a village clinic uploaded in the last hour, drawn by
 * the project's own synthetic ECG generator, waiting in the county ECG centre's worklist — two of them critical (an
 * inferior STEMI from 青石镇卫生院, where the demo {@code doctor} also works, and AF with a rapid ventricular response).
 * They are pre-analysed like any upload, right after the demo load commits.
 */
@Component
class EcgDemoData implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(EcgDemoData.class);
    private static final List<String> TWELVE = List.of("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4",
            "V5", "V6");

    private final EcgRecordings recordings;
    private final RecordingStore store;
    private final Residents residents;
    private final Organisations organisations;
    private final Clock clock;

    EcgDemoData(EcgRecordings recordings, RecordingStore store, Residents residents, Organisations organisations,
                Clock clock) {
        this.recordings = recordings;
        this.store = store;
        this.residents = residents;
        this.organisations = organisations;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public String name() {
        return "ecg";
    }

    /** One demo upload: where from, whom (sex, age range), why, what the ECG shows, how long ago. */
    private record Demo(String organisationCode, Sex sex, int minAge, int maxAge, String indication, EcgKind kind,
                        Function<Long, SyntheticEcg> ecg, int minutesAgo) {
    }

    @Override
    public void load() {
        long started = System.nanoTime();
        List<Demo> demos = List.of(
                new Demo("519921002-WSY", Sex.MALE, 55, 70, "胸痛2小时，伴大汗",
                        EcgKind.RESTING_12_LEAD, seed -> synthetic(SyntheticEcgSpec.sinus(500, 10, 88)
                        .withLeads(TWELVE).withGaussianNoise(12).withBaselineWander(60), seed)
                        .withStDeviation(Map.of("II", 260, "III", 320, "aVF", 290, "I", -110, "aVL", -160)), 4),
                new Demo("519921001-WSY", Sex.FEMALE, 68, 82, "心悸、气短",
                        EcgKind.RESTING_12_LEAD, seed -> synthetic(SyntheticEcgSpec.sinus(500, 10, 148)
                        .withLeads(TWELVE).withAtrialFibrillation(0.22).withGaussianNoise(12), seed), 9),
                new Demo("519921002101-WSS", Sex.MALE, 60, 75, "头晕、乏力",
                        EcgKind.RHYTHM_STRIP, seed -> synthetic(SyntheticEcgSpec.sinus(250, 60, 47)
                        .withLeads(List.of("I", "II")).withGaussianNoise(15).withBaselineWander(120), seed), 12),
                new Demo("519921003-WSY", Sex.FEMALE, 50, 60, "健康体检",
                        EcgKind.RESTING_12_LEAD, seed -> synthetic(SyntheticEcgSpec.sinus(500, 10, 72)
                        .withLeads(TWELVE).withGaussianNoise(10).withPowerline(50, 40), seed), 20),
                new Demo("519921004-WSY", Sex.MALE, 65, 78, "心悸",
                        EcgKind.RESTING_12_LEAD, seed -> synthetic(SyntheticEcgSpec.sinus(500, 10, 76)
                        .withLeads(TWELVE).withVentricularEctopics(0.18).withGaussianNoise(10), seed), 25),
                new Demo("519921002-WSY", Sex.FEMALE, 75, 90, "房颤随访",
                        EcgKind.RESTING_12_LEAD, seed -> synthetic(SyntheticEcgSpec.sinus(500, 10, 82)
                        .withLeads(TWELVE).withAtrialFibrillation(0.18).withGaussianNoise(10), seed), 31),
                new Demo("519921006-WSY", Sex.MALE, 40, 55, "胸闷",
                        EcgKind.RESTING_12_LEAD, seed -> synthetic(SyntheticEcgSpec.sinus(500, 10, 66)
                        .withLeads(TWELVE).withGaussianNoise(10).withMuscleNoise(25)
                        .withFault("V3", QualityIssue.LEAD_OFF, 0, 10), seed), 38),
                new Demo("519921008-WSY", Sex.MALE, 58, 72, "阵发性心悸，动态心电图30分钟",
                        EcgKind.LONG_TERM, seed -> synthetic(SyntheticEcgSpec.sinus(250, 1800, 70)
                        .withLeads(List.of("II", "V5")).withRrVariability(0.05).withVentricularEctopics(0.03)
                        .withGaussianNoise(12).withNoiseBurst(600, 640, 200), seed), 50),
                // a Holter that catches a paroxysm: 15 minutes of sinus rhythm, then 10 of atrial fibrillation
                new Demo("519921004-WSY", Sex.FEMALE, 62, 78, "反复心悸、胸闷，动态心电图25分钟",
                        EcgKind.LONG_TERM, seed -> synthetic(SyntheticEcgSpec.sinus(250, 900, 74)
                        .withLeads(List.of("II", "V5")).withRrVariability(0.04).withGaussianNoise(12), seed)
                        .followedBy(synthetic(SyntheticEcgSpec.sinus(250, 600, 96).withLeads(List.of("II", "V5"))
                                .withAtrialFibrillation(0.2).withGaussianNoise(12), seed + 1)), 65));

        Instant now = clock.instant();
        DemoPatients patients = new DemoPatients(residents, organisations,
                now.atZone(java.time.ZoneOffset.UTC).toLocalDate(), "demo ECG network: choose patients");
        int stored = 0;
        for (int i = 0; i < demos.size(); i++) {
            Demo demo = demos.get(i);
            OrganisationSummary clinic = patients.clinic(demo.organisationCode());
            ResidentDemographics patient = patients.near(clinic, demo.sex(), demo.minAge(), demo.maxAge()).orElse(null);
            if (patient == null) {
                log.warn("Demo ECG {}: no {} resident aged {}–{} near {}", i, demo.sex(), demo.minAge(), demo.maxAge(),
                        demo.organisationCode());
                continue;
            }
            SyntheticEcg ecg = demo.ecg().apply(20_261_123L + i);
            Instant uploaded = now.minus(Duration.ofMinutes(demo.minutesAgo()));
            Instant acquired = uploaded.minus(Duration.ofMinutes(2));
            long id = recordings.store(new NewEcgRecording(patient.id(), clinic.id(), demo.kind(), "SYNTHETIC",
                    acquired, demo.indication(), "demo-" + i, ecg.recording(), List.of()));
            store.backdate(id, acquired, uploaded);
            stored++;
        }
        log.info("Demo ECG network: {} recordings waiting for the county ECG centre ({} ms)", stored,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static SyntheticEcg synthetic(SyntheticEcgSpec spec, long seed) {
        return SyntheticEcg.generate(spec, seed);
    }
}

package org.yiwang.ecg;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.mpi.ResidentDemographics;
import org.yiwang.mpi.Residents;
import org.yiwang.mpi.Sex;
import org.yiwang.platform.demo.DemoActors;
import org.yiwang.platform.demo.DemoDataContributor;
import org.yiwang.registry.OrganisationSummary;
import org.yiwang.registry.Organisations;

/**
 * The demo ECG centre's last week: ECGs the townships uploaded on each of the previous seven days, claimed and signed
 * by the two demo readers through the real reading workflow (claim, SM2-signed report filed in the shared record)
 * at plausible times, critical ones read within minutes and acknowledged by 青石镇卫生院. So the turnaround page, the
 * clinics' result lists and the residents' records have a history on first start, next to today's unread worklist
 * of {@link EcgDemoData}.
 */
@Component
class EcgDemoHistory implements DemoDataContributor {

    private static final Logger log = LoggerFactory.getLogger(EcgDemoHistory.class);
    private static final int DAYS = 7;
    private static final List<String> TWELVE = List.of("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4",
            "V5", "V6");
    /** Where the demo {@code doctor} also works: critical results go there, and are acknowledged there. */
    private static final String QINGSHI = "519921002-WSY";
    private static final List<LocalTime> SLOTS = List.of(LocalTime.of(8, 40), LocalTime.of(9, 25), LocalTime.of(10, 10),
            LocalTime.of(11, 5), LocalTime.of(14, 30), LocalTime.of(15, 50));
    private static final List<String> READERS = List.of("ecgreader", "ecgreader2");

    /** One kind of ECG a township sends, and the report a reader signs for it. */
    private record Case(String organisationCode, Sex sex, int minAge, int maxAge, String indication, int heartRate,
                        SyntheticEcgSpec spec, List<String> statements, String conclusion, boolean critical) {
    }

    private final EcgRecordings recordings;
    private final RecordingStore store;
    private final EcgReading reading;
    private final EcgReports reports;
    private final DemoActors actors;
    private final Residents residents;
    private final Organisations organisations;
    private final Clock clock;

    EcgDemoHistory(EcgRecordings recordings, RecordingStore store, EcgReading reading, EcgReports reports,
                   DemoActors actors, Residents residents, Organisations organisations, Clock clock) {
        this.recordings = recordings;
        this.store = store;
        this.reading = reading;
        this.reports = reports;
        this.actors = actors;
        this.residents = residents;
        this.organisations = organisations;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 410;
    }

    @Override
    public String name() {
        return "ecg history";
    }

    @Override
    public void load() {
        long started = System.nanoTime();
        List<Case> routine = List.of(
                twelveLead("519921001-WSY", Sex.FEMALE, 45, 65, "健康体检", 72, List.of("SINUS_RHYTHM", "NORMAL_ECG"),
                        "窦性心律；正常心电图"),
                twelveLead("519921003-WSY", Sex.MALE, 60, 80, "高血压随访", 54, List.of("SINUS_BRADYCARDIA"),
                        "窦性心动过缓"),
                twelveLead("519921004-WSY", Sex.FEMALE, 70, 85, "房颤随访", 84, List.of("ATRIAL_FIBRILLATION"),
                        "心房颤动（心室率控制良好）"),
                twelveLead("519921005-WSY", Sex.MALE, 50, 70, "心悸", 78, List.of("SINUS_RHYTHM", "FREQUENT_PVC"),
                        "窦性心律；频发室性早搏"),
                twelveLead("519921006-WSY", Sex.FEMALE, 30, 50, "发热、心悸", 108, List.of("SINUS_TACHYCARDIA"),
                        "窦性心动过速"),
                twelveLead("519921007-WSY", Sex.MALE, 40, 60, "术前检查", 66, List.of("SINUS_RHYTHM", "NORMAL_ECG"),
                        "窦性心律；正常心电图"));
        List<Case> critical = List.of(
                twelveLead(QINGSHI, Sex.MALE, 50, 75, "胸痛1小时", 92, List.of("SINUS_RHYTHM", "STEMI_INFERIOR"),
                        "窦性心律；急性下壁ST段抬高型心肌梗死，建议立即转诊胸痛中心"),
                twelveLead(QINGSHI, Sex.FEMALE, 65, 85, "心悸、气短", 146, List.of("AF_RAPID_RESPONSE"),
                        "心房颤动伴快速心室率"));

        Instant now = clock.instant();
        LocalDate today = now.atZone(EcgTurnaround.ZONE).toLocalDate();
        DemoPatients patients = new DemoPatients(residents, organisations, today, "demo ECG history: choose patients");
        Random random = new Random(20_261_116L);
        int signed = 0;
        for (int day = DAYS; day >= 1; day--) {
            LocalDate date = today.minusDays(day);
            for (int slot = 0; slot < SLOTS.size(); slot++) {
                // one critical ECG every other day, in the morning's second slot
                boolean isCritical = day % 2 == 1 && slot == 1;
                Case c = isCritical ? critical.get(day / 2 % critical.size())
                        : routine.get((day + slot) % routine.size());
                Instant uploaded = date.atTime(SLOTS.get(slot)).atZone(EcgTurnaround.ZONE).toInstant()
                        .plusSeconds(random.nextInt(600));
                if (read(c, patients, uploaded, READERS.get((day + slot) % READERS.size()), random, day * 10 + slot)) {
                    signed++;
                }
            }
        }
        log.info("Demo ECG history: {} signed ECGs over the last {} days ({} ms)", signed, DAYS,
                (System.nanoTime() - started) / 1_000_000);
    }

    private boolean read(Case c, DemoPatients patients, Instant uploaded, String reader, Random random, int n) {
        OrganisationSummary clinic = patients.clinic(c.organisationCode());
        ResidentDemographics patient = patients.near(clinic, c.sex(), c.minAge(), c.maxAge()).orElse(null);
        if (patient == null) {
            log.warn("Demo ECG history {}: no {} resident aged {}–{} near {}", n, c.sex(), c.minAge(), c.maxAge(),
                    c.organisationCode());
            return false;
        }
        SyntheticEcg ecg = SyntheticEcg.generate(c.spec(), 20_261_116L + n);
        if (c.statements().contains("STEMI_INFERIOR")) {
            ecg = ecg.withStDeviation(Map.of("II", 240, "III", 300, "aVF", 270, "I", -100, "aVL", -150));
        }
        Instant acquired = uploaded.minus(Duration.ofMinutes(3));
        long id = recordings.store(new NewEcgRecording(patient.id(), clinic.id(), EcgKind.RESTING_12_LEAD, "SYNTHETIC",
                acquired, c.indication(), "history-" + n, ecg.recording(), List.of()));
        store.backdate(id, acquired, uploaded);
        long centre = recordings.find(id).orElseThrow().readingCentreId();
        // critical ECGs are picked up at once; routine ones wait for a reader for a few minutes to half an hour
        Instant claimed = uploaded.plusSeconds(c.critical() ? 20 + random.nextInt(40) : 240 + random.nextInt(1500));
        Instant signedAt = claimed.plusSeconds(c.critical() ? 50 + random.nextInt(50) : 90 + random.nextInt(200));
        try (DemoActors.Scope ignored = actors.actAs(reader, centre)) {
            reading.claimAt(id, claimed);
            reports.signAt(id, new ReportDraft(c.statements(), null, c.heartRate(), null, null, null, null,
                    c.conclusion(), c.critical()), signedAt);
        }
        if (c.organisationCode().equals(QINGSHI)) {
            try (DemoActors.Scope ignored = actors.actAs("doctor", clinic.id())) {
                reports.acknowledgeAt(id, signedAt.plusSeconds(20 + random.nextInt(100)));
            }
        }
        return true;
    }

    private static Case twelveLead(String clinic, Sex sex, int minAge, int maxAge, String indication, int rate,
                                   List<String> statements, String conclusion) {
        SyntheticEcgSpec spec = SyntheticEcgSpec.sinus(500, 10, rate).withLeads(TWELVE).withGaussianNoise(10);
        if (statements.contains("ATRIAL_FIBRILLATION") || statements.contains("AF_RAPID_RESPONSE")) {
            spec = spec.withAtrialFibrillation(0.2);
        } else if (statements.contains("FREQUENT_PVC")) {
            spec = spec.withVentricularEctopics(0.15);
        }
        boolean critical = statements.stream().anyMatch(s -> s.startsWith("STEMI") || s.equals("AF_RAPID_RESPONSE"));
        return new Case(clinic, sex, minAge, maxAge, indication, rate, spec, statements, conclusion, critical);
    }
}

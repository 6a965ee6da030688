package org.yiwang.ecg;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.yiwang.ecg.signal.analysis.PatientContext;
import org.yiwang.ecg.signal.delineation.StemiCriteria;
import org.yiwang.mpi.Residents;

/**
 * Runs the automatic pre-analysis of each stored recording, off the upload's thread and after its commit, and stores
 * it with the detected beats (the analysis itself, in segments for long recordings, is {@link SegmentedPreAnalysis}).
 * Recordings left unanalysed by a stopped node are picked up at the next start.
 */
@Component
class PreAnalysisJob {

    private static final Logger log = LoggerFactory.getLogger(PreAnalysisJob.class);

    private final RecordingStore store;
    private final Residents residents;
    private final ApplicationEventPublisher events;
    private final SegmentedPreAnalysis segmented;
    private final Clock clock;

    PreAnalysisJob(RecordingStore store, Residents residents, ApplicationEventPublisher events,
                   SegmentedPreAnalysis segmented, Clock clock) {
        this.store = store;
        this.residents = residents;
        this.events = events;
        this.segmented = segmented;
        this.clock = clock;
    }

    @Async(EcgConfiguration.ANALYSIS_EXECUTOR)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @TransactionalEventListener
    void on(EcgRecordingReceived received) {
        analyse(received.recordingId());
    }

    /** After a restart: recordings that were stored but never analysed (their node stopped first). */
    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        List<Long> waiting = store.awaitingAnalysis(clock.instant().minus(Duration.ofMinutes(1)), 1000);
        if (!waiting.isEmpty()) {
            log.info("pre-analysing {} ECG recordings left from before the start", waiting.size());
            waiting.forEach(this::analyseQuietly);
        }
    }

    private void analyseQuietly(long id) {
        try {
            analyse(id);
        } catch (RuntimeException e) {
            log.error("pre-analysis of ECG {} failed", id, e);
        }
    }

    /** Analyses one recording and stores the result; false when it was analysed already. */
    @Transactional
    boolean analyse(long recordingId) {
        EcgRecordingSummary r = store.find(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        if (r.analysedAt() != null) {
            return false;
        }
        RecordingStore.Layout layout = store.layout(recordingId).orElseThrow();
        SegmentedPreAnalysis.Result result = segmented.analyse(r.samplingRateHz(), r.leadNames(), r.sampleCount(),
                patientOf(r), (from, to) -> store.samples(recordingId, layout, from, to));
        EcgPreAnalysis analysis = result.analysis();
        if (!store.saveAnalysis(recordingId, analysis, result.beats(), clock.instant())) {
            return false;
        }
        events.publishEvent(new EcgRecordingAnalysed(recordingId, r.residentId(), r.organisationId(),
                r.readingCentreId(), analysis.critical()));
        return true;
    }

    private PatientContext patientOf(EcgRecordingSummary r) {
        return residents.findCurrent(r.residentId(), "ECG pre-analysis: sex and age for the ST criteria")
                .map(p -> new PatientContext(switch (p.sex()) {
                    case MALE -> StemiCriteria.Sex.MALE;
                    case FEMALE -> StemiCriteria.Sex.FEMALE;
                    default -> StemiCriteria.Sex.UNKNOWN;
                }, p.birthDate() == null ? null
                        : java.time.Period.between(p.birthDate(), r.acquiredAt().atZone(java.time.ZoneOffset.UTC)
                                .toLocalDate()).getYears()))
                .orElse(PatientContext.unknown());
    }
}

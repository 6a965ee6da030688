package org.yiwang.ecg.signal.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yiwang.ecg.signal.Beats;
import org.yiwang.ecg.signal.EcgFilters;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.LeadNames;
import org.yiwang.ecg.signal.LeadQuality;
import org.yiwang.ecg.signal.QrsDetection;
import org.yiwang.ecg.signal.QrsDetector;
import org.yiwang.ecg.signal.RrStatistics;
import org.yiwang.ecg.signal.delineation.Delineation;
import org.yiwang.ecg.signal.delineation.Delineator;
import org.yiwang.ecg.signal.delineation.StemiAssessment;
import org.yiwang.ecg.signal.delineation.StemiCriteria;
import org.yiwang.ecg.signal.rhythm.AfEpisodes;
import org.yiwang.ecg.signal.rhythm.AfModel;
import org.yiwang.ecg.signal.rhythm.AfNetwork;
import org.yiwang.ecg.signal.rhythm.AtrialActivity;
import org.yiwang.ecg.signal.rhythm.AtrialActivityAnalyser;
import org.yiwang.ecg.signal.rhythm.BeatMorphology;
import org.yiwang.ecg.signal.rhythm.BeatType;
import org.yiwang.ecg.signal.rhythm.RhythmAnalysis;
import org.yiwang.ecg.signal.rhythm.RhythmClassifier;
import org.yiwang.ecg.signal.rhythm.RhythmLabel;
import org.yiwang.ecg.signal.rhythm.RhythmThresholds;

/**
 * The combined pre-analysis: signal quality and beats (multi-lead QRS detector), beat classes, rhythm,
 * delineation and ST per lead for 12-lead ECGs, the STEMI-suspect flag, findings with confidences and the
 * critical flag. Pure: no I/O, no clock, deterministic.
 */
public final class EcgAnalyser {

    /** Leads tried first for beat morphology and atrial activity (P waves are clearest in II). */
    static final List<String> MORPHOLOGY_PREFERENCE = List.of("II", "MLII", "I", "V5", "V1", "aVF", "ECG");

    /** Leads in which flutter waves are looked for (inferior leads and V1, where they are largest). */
    static final List<String> FLUTTER_LEADS = List.of("II", "MLII", "III", "aVF", "V1");

    /** Mains frequencies notched before delineation. */
    static final List<Double> MAINS_HZ = List.of(50.0, 60.0);

    private EcgAnalyser() {
    }

    public static EcgReport analyse(EcgRecording recording, AnalysisThresholds thresholds) {
        return analyse(recording, PatientContext.unknown(), thresholds);
    }

    public static EcgReport analyse(EcgRecording recording, PatientContext patient, AnalysisThresholds thresholds) {
        QrsDetection detection = new QrsDetector(thresholds.detector()).detect(recording);
        return analyse(recording, detection, patient, thresholds);
    }

    /** As {@link #analyse(EcgRecording, PatientContext, AnalysisThresholds)} with beats already detected. */
    public static EcgReport analyse(EcgRecording recording, QrsDetection detection, PatientContext patient,
            AnalysisThresholds thresholds) {
        double fs = recording.samplingRateHz();
        double durationMs = recording.sampleCount() * 1000 / fs;
        int morphologyLead = morphologyLead(recording, detection);
        int[] lead = recording.leadMicrovolts(morphologyLead);
        BeatMorphology.Classification classes = BeatMorphology.classify(lead, detection.beats().sampleIndices(), fs);
        // Detections that are not QRS complexes (T waves, noise) leave the beat sequence before the rhythm is read.
        int[] detected = detection.beats().sampleIndices();
        BeatType[] detectedTypes = classes.types();
        int kept = 0;
        for (BeatType type : detectedTypes) {
            if (type != BeatType.ARTEFACT) {
                kept++;
            }
        }
        int[] beatSamples = new int[kept];
        BeatType[] types = new BeatType[kept];
        for (int i = 0, k = 0; i < detected.length; i++) {
            if (detectedTypes[i] != BeatType.ARTEFACT) {
                beatSamples[k] = detected[i];
                types[k++] = detectedTypes[i];
            }
        }
        Beats beats = kept == detected.length ? detection.beats() : Beats.of(fs, beatSamples);
        double[] beatTimes = new double[beatSamples.length];
        for (int i = 0; i < beatSamples.length; i++) {
            beatTimes[i] = beatSamples[i] * 1000 / fs;
        }
        RrStatistics rr = RrStatistics.of(beats, thresholds.rhythm().pauseMs(), detection.quality());
        AtrialActivity atrial = AtrialActivityAnalyser.analyse(lead,
                flutterLeads(recording, detection, morphologyLead, thresholds.usableLeadFraction()), beatSamples, types,
                fs);
        AfNetwork network = thresholds.rhythm().afModel().network();
        if (network != null && durationMs <= AfModel.NETWORK_MAX_SECONDS * 1000) {
            int networkLead = afNetworkLead(recording, morphologyLead, detection.quality().leads().stream()
                    .mapToDouble(LeadQuality::usableFraction).toArray(), thresholds.usableLeadFraction());
            atrial = atrial.withWaveformAfLogit(network.logit(AfNetwork.input(recording.leadMicrovolts(networkLead), fs)));
        }

        Optional<Delineation> delineation = Optional.empty();
        StemiAssessment stemi = StemiAssessment.none();
        double dominantQrsMs = classes.dominantQrsMs();
        if (standardLeadCount(recording) >= 8 && beatSamples.length >= 2) {
            boolean[] usable = new boolean[recording.leadCount()];
            for (int i = 0; i < usable.length; i++) {
                LeadQuality q = detection.quality().leads().get(i);
                usable[i] = q.usableFraction() >= thresholds.usableLeadFraction();
            }
            int[] dominant = dominantBeats(beatSamples, types);
            // Delineation reads small slopes (QRS onset at 3 % of the peak velocity, the P wave): mains hum must go first.
            EcgRecording clean = withoutMains(recording);
            int[][] samples = new int[clean.leadCount()][];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = clean.leadMicrovolts(i);
            }
            int[] averaged = dominant.length >= 2 ? dominant : beatSamples;
            double cycleMs = dominantRrMs(beatSamples, types, fs);
            Delineation d = Delineator.delineate(samples, recording.leadNames(), fs, averaged, usable, cycleMs,
                    tSearchLimitMs(beatSamples, averaged, cycleMs, fs));
            delineation = Optional.of(d);
            if (!Double.isNaN(d.intervals().qrsMs())) {
                dominantQrsMs = d.intervals().qrsMs();
            }
            stemi = StemiCriteria.assess(d, patient.sex(), patient.ageYears(), thresholds.st());
        }
        if (dominantQrsMs >= thresholds.rhythm().wideQrsMs()) {
            // a wide QRS: whether P waves drive the ventricles tells sinus rhythm with bundle branch block from a
            // ventricular rhythm (measured only then: it fits T and P waves to the median cycle)
            atrial = atrial.withPWaveAssociation(AtrialActivityAnalyser.pWaveAssociation(lead, beatSamples, types, fs));
        }
        RhythmAnalysis rhythm = rateOverUsableSignal(RhythmClassifier.classify(beatTimes, types,
                runEvidence(lead, beatSamples, detection.quality().leads().get(morphologyLead), fs, thresholds),
                durationMs, dominantQrsMs, atrial, thresholds.rhythm()), rr, thresholds.rhythm());
        List<Finding> findings = findings(rhythm, delineation, stemi, detection, thresholds);
        List<FindingCode> reasons = findings.stream().filter(Finding::critical).map(Finding::code).toList();
        return new EcgReport(fs, durationMs, detection.quality(), beats, Arrays.asList(types),
                recording.leadName(morphologyLead), rr, rhythm, delineation, stemi, findings, !reasons.isEmpty(),
                reasons);
    }

    /**
     * The lead the {@link AfNetwork} reads: lead I where the recording has it and it is usable (the network was
     * trained on handheld single-lead recordings, which are lead I), else the lead whose beats were classified.
     *
     * @param usableFractions each lead's usable share of the recording
     * @param usableLead      the share from which a lead counts as usable
     */
    public static int afNetworkLead(EcgRecording recording, int morphologyLead, double[] usableFractions,
            double usableLead) {
        List<String> names = recording.leadNames();
        for (int i = 0; i < names.size(); i++) {
            if ("I".equals(LeadNames.canonical(names.get(i))) && usableFractions[i] >= usableLead) {
                return i;
            }
        }
        return morphologyLead;
    }

    /**
     * An analysed recording's beats as a long recording's AF episodes are found on them ({@link AfEpisodes#segment}):
     * RR irregularity over the intervals in usable signal and P-wave evidence on the report's morphology lead where
     * that lead is usable.
     */
    public static AfEpisodes.Segment afSegment(EcgRecording recording, EcgReport report, RhythmThresholds thresholds) {
        int[] beats = report.beats().sampleIndices();
        int lead = recording.leadNames().indexOf(report.morphologyLead());
        LeadQuality leadQuality = report.quality().leads().get(lead);
        boolean[] usable = new boolean[Math.max(0, beats.length - 1)];
        boolean[] pUsable = new boolean[usable.length];
        for (int k = 0; k < usable.length; k++) {
            usable[k] = report.quality().anyLeadUsableThroughout(beats[k], beats[k + 1]);
            pUsable[k] = leadQuality.usableThroughout(beats[k], beats[k + 1]);
        }
        return AfEpisodes.segment(beats, report.beatTypes().toArray(BeatType[]::new), usable,
                recording.leadMicrovolts(lead), pUsable, report.samplingRateHz(), thresholds);
    }

    /**
     * The rhythm with its rate taken over the RR intervals that lie in usable signal ({@link RrStatistics}), and a
     * sinus label's bradycardia or tachycardia read from that rate: an interval across a withheld stretch (noise,
     * lead off) is missing signal, not a long cycle (a 30-minute Holter with a 40-s withheld burst read 68.7/min
     * for 70/min; a 5-minute strip with 3 minutes withheld would read extreme bradycardia).
     */
    static RhythmAnalysis rateOverUsableSignal(RhythmAnalysis r, RrStatistics rr,
            RhythmThresholds t) {
        if (rr.intervalCount() == 0 || rr.intervalCount() >= r.beats() - 1 || !(rr.meanHeartRateBpm() > 0)) {
            return r;
        }
        double rate = rr.meanHeartRateBpm();
        RhythmLabel label = switch (r.label()) {
            case SINUS_RHYTHM, SINUS_BRADYCARDIA, SINUS_TACHYCARDIA -> rate < t.bradycardiaBpm()
                    ? RhythmLabel.SINUS_BRADYCARDIA
                    : rate > t.tachycardiaBpm() ? RhythmLabel.SINUS_TACHYCARDIA : RhythmLabel.SINUS_RHYTHM;
            default -> r.label();
        };
        return new RhythmAnalysis(r.beats(), rate, r.minimumRrMs(), r.maximumRrMs(), label, r.labelConfidence(),
                r.afProbability(), r.irregularity(), r.pauses(), r.ventricularBeats(), r.supraventricularBeats(),
                r.ventricularRuns(), r.frequentVentricularEctopy(), r.frequentEctopyConfidence(), r.atrialActivity());
    }

    /**
     * Per beat, after artefacts left: its correlation with the previous beat and the one before that on the
     * morphology lead, and whether
     * that lead is usable from {@code ventricularRunMarginMs} before it to as long after it (a ventricular run is
     * not read from beats at the edge of a withheld stretch, just as a pause is not read across one).
     */
    static RhythmClassifier.BeatEvidence runEvidence(int[] lead, int[] beatSamples, LeadQuality quality, double fs,
            AnalysisThresholds thresholds) {
        int margin = (int) Math.round(thresholds.rhythm().ventricularRunMarginMs() * fs / 1000);
        boolean[] usable = new boolean[beatSamples.length];
        for (int i = 0; i < usable.length; i++) {
            usable[i] = quality.usableThroughout(Math.max(0, beatSamples[i] - margin),
                    Math.min(quality.sampleCount() - 1, beatSamples[i] + margin));
        }
        return new RhythmClassifier.BeatEvidence(BeatMorphology.consecutiveCorrelations(lead, beatSamples, fs),
                thresholds.rhythm().ventricularRunShapes() >= 2
                        ? BeatMorphology.correlationsWithEarlierBeat(lead, beatSamples, fs, 2)
                        : nan(beatSamples.length),
                usable);
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    static List<Finding> findings(RhythmAnalysis rhythm, Optional<Delineation> delineation, StemiAssessment stemi,
            QrsDetection detection, AnalysisThresholds t) {
        List<Finding> findings = new ArrayList<>();
        double rate = rhythm.heartRateBpm();
        String rateText = Double.isNaN(rate) ? "" : String.format(Locale.ROOT, "%.0f bpm", rate);
        if (detection.quality().unusableFraction() >= 0.99) {
            findings.add(new Finding(FindingCode.SIGNAL_UNUSABLE, 0.9, false, "no usable lead"));
            return findings;
        }
        switch (rhythm.label()) {
            case SINUS_RHYTHM -> findings.add(new Finding(FindingCode.SINUS_RHYTHM, rhythm.labelConfidence(), false, rateText));
            case SINUS_BRADYCARDIA -> findings.add(new Finding(FindingCode.SINUS_BRADYCARDIA, rhythm.labelConfidence(), false, rateText));
            case SINUS_TACHYCARDIA -> findings.add(new Finding(FindingCode.SINUS_TACHYCARDIA, rhythm.labelConfidence(), false, rateText));
            case ATRIAL_FLUTTER -> findings.add(new Finding(FindingCode.ATRIAL_FLUTTER, rhythm.labelConfidence(), false, rateText));
            case IRREGULAR_RHYTHM -> findings.add(new Finding(FindingCode.IRREGULAR_RHYTHM, rhythm.labelConfidence(), false, rateText));
            case ATRIAL_FIBRILLATION -> {
                boolean rapid = rate > t.afRapidResponseBpm();
                findings.add(new Finding(rapid ? FindingCode.ATRIAL_FIBRILLATION_RAPID_VENTRICULAR_RESPONSE
                        : FindingCode.ATRIAL_FIBRILLATION, rhythm.labelConfidence(), rapid, rateText));
            }
            case VENTRICULAR_TACHYCARDIA, UNDETERMINED -> {
            }
        }
        if (!rhythm.ventricularRuns().isEmpty()) {
            RhythmAnalysis.VentricularRun longest = rhythm.ventricularRuns().stream()
                    .max((a, b) -> Integer.compare(a.beats(), b.beats())).orElseThrow();
            double confidence = rhythm.label() == org.yiwang.ecg.signal.rhythm.RhythmLabel.VENTRICULAR_TACHYCARDIA
                    ? rhythm.labelConfidence() : 0.7;
            findings.add(new Finding(FindingCode.VENTRICULAR_TACHYCARDIA, confidence, true, String.format(Locale.ROOT,
                    "%d beats at %.0f bpm from %.1f s", longest.beats(), longest.rateBpm(), longest.startMs() / 1000)));
        }
        // A gap in the beats across a withheld stretch (noise, lead off) is missing signal, not a pause.
        double fs = detection.beats().samplingRateHz();
        List<RhythmAnalysis.Pause> pauses = rhythm.pauses().stream()
                .filter(p -> detection.quality().anyLeadUsableThroughout((int) Math.round(p.startMs() * fs / 1000),
                        (int) Math.round((p.startMs() + p.durationMs()) * fs / 1000)))
                .toList();
        if (!pauses.isEmpty()) {
            RhythmAnalysis.Pause longest = pauses.stream()
                    .max((a, b) -> Double.compare(a.durationMs(), b.durationMs())).orElseThrow();
            findings.add(new Finding(FindingCode.PAUSE, 0.9, longest.durationMs() >= t.criticalPauseMs(),
                    String.format(Locale.ROOT, "%.0f ms at %.1f s", longest.durationMs(), longest.startMs() / 1000)));
        }
        if (rhythm.frequentVentricularEctopy()) {
            findings.add(new Finding(FindingCode.FREQUENT_VENTRICULAR_ECTOPY, rhythm.frequentEctopyConfidence(), false,
                    rhythm.ventricularBeats() + " of " + rhythm.beats() + " beats"));
        }
        if (rate <= t.extremeBradycardiaBpm()) {
            findings.add(new Finding(FindingCode.EXTREME_BRADYCARDIA, 0.9, true, rateText));
        } else if (rate >= t.extremeTachycardiaBpm()) {
            findings.add(new Finding(FindingCode.EXTREME_TACHYCARDIA, 0.9, true, rateText));
        }
        if (stemi.suspect()) {
            findings.add(new Finding(FindingCode.STEMI_SUSPECT, stemi.confidence(), true,
                    "ST elevation " + String.join(", ", stemi.elevatedLeads())
                            + (stemi.reciprocalLeads().isEmpty() ? "" : "; reciprocal depression "
                                    + String.join(", ", stemi.reciprocalLeads()))));
        }
        delineation.ifPresent(d -> {
            double qtc = d.intervals().qtcMs();
            if (qtc >= t.prolongedQtcMs()) {
                findings.add(new Finding(FindingCode.PROLONGED_QTC, 0.7, false,
                        String.format(Locale.ROOT, "QTc (Bazett) %.0f ms", qtc)));
            }
            if (d.intervals().qrsMs() >= t.st().wideQrsMs()) {
                findings.add(new Finding(FindingCode.WIDE_QRS, 0.7, false,
                        String.format(Locale.ROOT, "QRS %.0f ms", d.intervals().qrsMs())));
            }
        });
        return findings;
    }

    /**
     * The usable leads in which atrial (flutter) waves are largest, II, III, aVF and V1, for the flutter-wave
     * periodicity; the morphology lead alone when none of them is usable.
     */
    static int[][] flutterLeads(EcgRecording recording, QrsDetection detection, int morphologyLead,
            double usableFraction) {
        List<int[]> leads = new ArrayList<>();
        for (int i = 0; i < recording.leadCount(); i++) {
            String name = LeadNames.canonical(recording.leadName(i));
            if (FLUTTER_LEADS.contains(name) && detection.quality().leads().get(i).usableFraction() >= usableFraction) {
                leads.add(recording.leadMicrovolts(i));
            }
        }
        if (leads.isEmpty()) {
            leads.add(recording.leadMicrovolts(morphologyLead));
        }
        return leads.toArray(int[][]::new);
    }

    /**
     * The recording with 50 and 60 Hz mains interference and their harmonics notched out (zero phase, narrow: the ECG
     * has almost nothing at those frequencies), whichever the country's mains frequency.
     */
    static EcgRecording withoutMains(EcgRecording recording) {
        EcgRecording clean = recording;
        for (double mainsHz : MAINS_HZ) {
            if (mainsHz < recording.samplingRateHz() / 2 - 1) {
                clean = EcgFilters.suppressPowerline(clean, mainsHz);
            }
        }
        return clean;
    }

    /** The first preferred lead that is usable most of the time, else the most usable lead. */
    static int morphologyLead(EcgRecording recording, QrsDetection detection) {
        int best = 0;
        double bestFraction = -1;
        for (int i = 0; i < recording.leadCount(); i++) {
            double fraction = detection.quality().leads().get(i).usableFraction();
            if (fraction > bestFraction) {
                bestFraction = fraction;
                best = i;
            }
        }
        for (String name : MORPHOLOGY_PREFERENCE) {
            for (int i = 0; i < recording.leadCount(); i++) {
                if (LeadNames.canonical(recording.leadName(i)).equals(name)
                        && detection.quality().leads().get(i).usableFraction() >= Math.min(0.8, bestFraction)) {
                    return i;
                }
            }
        }
        return best;
    }

    static int standardLeadCount(EcgRecording recording) {
        int count = 0;
        for (String name : recording.leadNames()) {
            if (LeadNames.STANDARD_12.contains(LeadNames.canonical(name))) {
                count++;
            }
        }
        return count;
    }

    /**
     * Median RR between consecutive dominant beats, ms. With fewer than two such intervals (ventricular bigeminy), half
     * the span between dominant beats either side of one ventricular beat (the sinus node keeps its timing across it);
     * with fewer than two of those too, all beats.
     */
    static double dominantRrMs(int[] beats, BeatType[] types, double fs) {
        double[] rr = java.util.stream.IntStream.range(1, beats.length)
                .filter(i -> types[i] == BeatType.NORMAL && types[i - 1] == BeatType.NORMAL)
                .mapToDouble(i -> (beats[i] - beats[i - 1]) * 1000 / fs).sorted().toArray();
        if (rr.length < 2) {
            rr = java.util.stream.IntStream.range(2, beats.length)
                    .filter(i -> types[i] == BeatType.NORMAL && types[i - 1] == BeatType.VENTRICULAR
                            && types[i - 2] == BeatType.NORMAL)
                    .mapToDouble(i -> (beats[i] - beats[i - 2]) * 500 / fs).sorted().toArray();
        }
        if (rr.length < 2) {
            rr = java.util.stream.IntStream.range(1, beats.length)
                    .mapToDouble(i -> (beats[i] - beats[i - 1]) * 1000 / fs).sorted().toArray();
        }
        return rr.length == 0 ? Double.NaN : rr[rr.length / 2];
    }

    /**
     * Where the averaged beats are followed by a premature beat (median interval to the next beat under 0.85 sinus
     * cycles, as in ventricular bigeminy, where no dominant beat is followed by a dominant one), that beat's QRS lies
     * in the template's T region: the T-wave end is searched no later than {@link #T_BEFORE_NEXT_QRS_MS} before it.
     * NaN otherwise.
     */
    static double tSearchLimitMs(int[] beats, int[] averaged, double cycleMs, double fs) {
        double[] next = new double[averaged.length];
        int count = 0;
        for (int a : averaged) {
            int k = Arrays.binarySearch(beats, a);
            if (k >= 0 && k + 1 < beats.length) {
                next[count++] = (beats[k + 1] - a) * 1000 / fs;
            }
        }
        if (count == 0 || !(cycleMs > 0)) {
            return Double.NaN;
        }
        Arrays.sort(next, 0, count);
        double median = next[count / 2];
        return median < 0.85 * cycleMs ? median - T_BEFORE_NEXT_QRS_MS : Double.NaN;
    }

    /** Margin between a T-wave end and the next beat's R peak (its QRS onset comes ~40-60 ms before). */
    static final double T_BEFORE_NEXT_QRS_MS = 60;

    /**
     * The beats the delineation template averages: dominant beats followed by a dominant beat when there are at
     * least three (an ectopic beat after a dominant one falls into its T wave in the template, and the median RR of
     * the dominant beats alone then spans two cycles: QT 563 ms on the demo ECG with 18 % ventricular ectopics),
     * else all dominant beats.
     */
    static int[] dominantBeats(int[] beats, BeatType[] types) {
        int[] between = java.util.stream.IntStream.range(0, beats.length - 1)
                .filter(i -> types[i] == BeatType.NORMAL && types[i + 1] == BeatType.NORMAL)
                .map(i -> beats[i]).toArray();
        if (between.length >= 3) {
            return between;
        }
        return java.util.stream.IntStream.range(0, beats.length).filter(i -> types[i] == BeatType.NORMAL)
                .map(i -> beats[i]).toArray();
    }
}

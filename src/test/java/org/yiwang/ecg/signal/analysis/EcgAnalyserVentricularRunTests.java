package org.yiwang.ecg.signal.analysis;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.Waveforms;
import org.yiwang.ecg.signal.rhythm.RhythmLabel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * True ventricular tachycardia stays a critical finding after the run rules that keep noise and AF from raising
 * it (likeness of the run's beats, usable signal around them): synthetic monomorphic VT on 12 leads and on one
 * lead, short runs within sinus rhythm, VT with mains hum; and a run at the edge of a withheld stretch is not called.
 */
class EcgAnalyserVentricularRunTests {

    static final double FS = 500;
    static final AnalysisThresholds DEFAULTS = AnalysisThresholds.defaults();

    static EcgRecording twelveLead(Waveforms w) {
        return EcgRecording.of(FS, Waveforms.LEADS, w.microvolts());
    }

    static EcgRecording leadII(Waveforms w) {
        return EcgRecording.of(FS, List.of("II"), new int[][] { w.lead("II") });
    }

    /** Sinus rhythm at 70/min with a run of wide beats from {@code runStartMs} at {@code runRrMs}. */
    static Waveforms sinusWithRun(int runBeats, double runRrMs, double runStartMs, long seed) {
        double durationMs = 14_000;
        Waveforms w = new Waveforms(FS, durationMs, seed);
        double runEnd = runStartMs + (runBeats - 1) * runRrMs;
        for (double t : Waveforms.regularBeats(70, durationMs)) {
            if (t < runStartMs - 600 || t > runEnd + 700) {
                w.normalBeat(t, true, null);
            }
        }
        for (int k = 0; k < runBeats; k++) {
            w.ventricularBeat(runStartMs + k * runRrMs);
        }
        return w;
    }

    static Waveforms ventricularTachycardia(double rateBpm, long seed) {
        Waveforms w = new Waveforms(FS, 10_000, seed);
        for (double t : Waveforms.regularBeats(rateBpm, 10_000)) {
            w.ventricularBeat(t);
        }
        return w;
    }

    @Test
    void regularMonomorphicVentricularTachycardiaIsCalledOnTwelveLeadsAndOnOneLead() {
        for (long seed = 1; seed <= 3; seed++) {
            Waveforms w = ventricularTachycardia(160, seed).realisticNoise();
            for (EcgRecording ecg : List.of(twelveLead(w), leadII(w))) {
                EcgReport r = EcgAnalyser.analyse(ecg, DEFAULTS);
                assertThat(r.rhythm().label()).as("seed %d, %d leads", seed, ecg.leadCount())
                        .isEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
                assertThat(r.criticalReasons()).contains(FindingCode.VENTRICULAR_TACHYCARDIA);
            }
        }
    }

    @Test
    void ventricularTachycardiaWithMainsHumIsStillCalled() {
        for (double mainsHz : new double[] { 50, 60 }) {
            Waveforms w = ventricularTachycardia(160, 7).realisticNoise().powerline(mainsHz, 60);
            for (EcgRecording ecg : List.of(twelveLead(w), leadII(w))) {
                EcgReport r = EcgAnalyser.analyse(ecg, DEFAULTS);
                assertThat(r.rhythm().label()).as("%.0f Hz, %d leads", mainsHz, ecg.leadCount())
                        .isEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
            }
            Waveforms run = sinusWithRun(5, 400, 5000, 8).realisticNoise().powerline(mainsHz, 60);
            assertThat(EcgAnalyser.analyse(twelveLead(run), DEFAULTS).criticalReasons()).as("%.0f Hz run", mainsHz)
                    .contains(FindingCode.VENTRICULAR_TACHYCARDIA);
        }
    }

    @Test
    void regularWideComplexTachycardiaAt150WithMainsHumIsVentricularTachycardiaNotFlutter() {
        // A wide QRS and its T wave fill the cycle at 140-150/min: the T waves read as P waves and make a periodicity
        // at twice the rate, in the flutter range. These used to be called atrial flutter (at 150/min only with hum,
        // the rate then measuring just under 150; at 140 and 145/min with or without it).
        for (double rate : new double[] { 140, 145, 150 }) {
            for (double mainsHz : new double[] { 0, 50, 60 }) {
                for (long seed = 1; seed <= 3; seed++) {
                    Waveforms w = ventricularTachycardia(rate, seed).realisticNoise();
                    if (mainsHz > 0) {
                        w.powerline(mainsHz, 60);
                    }
                    for (EcgRecording ecg : List.of(twelveLead(w), leadII(w))) {
                        EcgReport r = EcgAnalyser.analyse(ecg, DEFAULTS);
                        String what = rate + "/min, " + mainsHz + " Hz, seed " + seed + ", " + ecg.leadCount() + " leads";
                        assertThat(r.rhythm().label()).as(what).isEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
                        assertThat(r.criticalReasons()).as(what).contains(FindingCode.VENTRICULAR_TACHYCARDIA);
                    }
                }
            }
        }
    }

    @Test
    void sinusTachycardiaWithBundleBranchBlockBelow120IsNotVentricularTachycardia() {
        // P waves before every wide QRS, no flutter periodicity: the P evidence still shows a sinus origin.
        for (double rate : new double[] { 100, 110 }) {
            for (long seed = 1; seed <= 2; seed++) {
                Waveforms w = new Waveforms(FS, 10_000, seed);
                for (double t : Waveforms.regularBeats(rate, 10_000)) {
                    w.bundleBranchBlockBeat(t);
                }
                w.realisticNoise();
                for (EcgRecording ecg : List.of(twelveLead(w), leadII(w))) {
                    EcgReport r = EcgAnalyser.analyse(ecg, DEFAULTS);
                    String what = rate + "/min, seed " + seed + ", " + ecg.leadCount() + " leads";
                    assertThat(r.rhythm().label()).as(what)
                            .isIn(RhythmLabel.SINUS_RHYTHM, RhythmLabel.SINUS_TACHYCARDIA);
                    assertThat(r.criticalReasons()).as(what).doesNotContain(FindingCode.VENTRICULAR_TACHYCARDIA);
                }
            }
        }
    }

    /**
     * The cases of issue 5's wide-complex tachycardias: {rate} x {clean, 50 Hz hum of 60 uV, 20 uV white noise} x
     * seeds 1-2 x {12 leads, lead II}, all with the mild noise and wander of {@link Waveforms#realisticNoise()}. The
     * T wave follows the rate ({@link Waveforms#ventricularBeat(double, double)}).
     */
    private static List<String> labelledOtherwise(double[] rates, String drawn, RhythmLabel... expected) {
        List<String> wrong = new java.util.ArrayList<>();
        int cases = 0;
        for (double rate : rates) {
            for (int variant = 0; variant < 3; variant++) {
                for (long seed = 1; seed <= 2; seed++) {
                    double cycle = 60_000 / rate;
                    Waveforms w = new Waveforms(FS, 10_000, seed);
                    for (double t : Waveforms.regularBeats(rate, 10_000)) {
                        if (drawn.equals("sinus")) {
                            w.bundleBranchBlockBeat(t, cycle);
                        } else {
                            w.ventricularBeat(t, cycle);
                        }
                    }
                    if (drawn.startsWith("dissociated")) {
                        // sinus P waves at their own rate, 60-100/min, from a phase of their own
                        w.dissociatedPWaves(Double.parseDouble(drawn.substring("dissociated".length())), 250 + 100 * seed);
                    }
                    w.realisticNoise();
                    if (variant == 1) {
                        w.powerline(50, 60);
                    } else if (variant == 2) {
                        for (String lead : Waveforms.LEADS) {
                            w.noise(lead, 20);
                        }
                    }
                    for (EcgRecording ecg : List.of(twelveLead(w), leadII(w))) {
                        cases++;
                        EcgReport r = EcgAnalyser.analyse(ecg, DEFAULTS);
                        boolean critical = r.criticalReasons().contains(FindingCode.VENTRICULAR_TACHYCARDIA);
                        boolean vtExpected = List.of(expected).contains(RhythmLabel.VENTRICULAR_TACHYCARDIA);
                        if (!List.of(expected).contains(r.rhythm().label()) || critical != vtExpected) {
                            wrong.add(drawn + " " + rate + "/min, variant " + variant + ", seed " + seed + ", "
                                    + ecg.leadCount() + " leads: " + r.rhythm().label() + " (P-wave association "
                                    + r.rhythm().atrialActivity().pWaveAssociation() + ")");
                        }
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(rates.length * 12);
        return wrong;
    }

    @Test
    void sinusTachycardiaWithBundleBranchBlockAt140IsSinusTachycardiaNotVentricularTachycardia() {
        // Issue 5: a P wave before every wide QRS at a constant PR interval, riding on the previous T wave's descent
        // at 120-145/min; the T wave fills the old P window as consistently as a P wave, and its periodicity made the
        // flutter measure fire: 37 of these 72 cases read VT before (a false critical alarm; 11 of 12 at 130, 140 and
        // 145/min, 2 at 110 and 120/min).
        // One case (140/min, hum, 12 leads, seed 1: the P wave fitted at 0.11 of the T wave) still reads VT, the safe
        // error; more would be a regression.
        List<String> wrong = labelledOtherwise(new double[] { 100, 110, 120, 130, 140, 145 }, "sinus",
                RhythmLabel.SINUS_RHYTHM, RhythmLabel.SINUS_TACHYCARDIA);
        assertThat(wrong).as("wide-QRS sinus tachycardia read otherwise").hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void ventricularTachycardiaWithDissociatedSinusPWavesIsStillVentricularTachycardia() {
        // AV dissociation: sinus P waves at 60, 80 and 100/min march through the VT at their own rate; they leave no
        // P wave at a constant PR interval, so the regular wide-complex tachycardia stays VT at every rate (before,
        // 6 of the 84 cases with P waves at 60/min read sinus tachycardia at 120-145/min)
        double[] rates = { 120, 130, 140, 145, 160, 180, 220 };
        for (String drawn : List.of("dissociated60", "dissociated80", "dissociated100")) {
            assertThat(labelledOtherwise(rates, drawn, RhythmLabel.VENTRICULAR_TACHYCARDIA)).as(drawn).isEmpty();
        }
    }

    @Test
    void ventricularTachycardiaWithoutVisiblePWavesIsVentricularTachycardiaAt110To145() {
        // the previous T wave in the P window (P-wave evidence 0.9-1.0) used to clear a VT below 150/min as sinus
        // tachycardia whenever the flutter measure did not fire: 19 of these 60 cases before (all 12 at 110/min)
        assertThat(labelledOtherwise(new double[] { 110, 120, 130, 140, 145 }, "ventricular",
                RhythmLabel.VENTRICULAR_TACHYCARDIA)).isEmpty();
    }

    @Test
    void aShortMonomorphicRunAt150PerMinuteIsStillCalled() {
        assertRunCalled(3, 400, 150);
        assertRunCalled(5, 400, 150);
    }

    @Test
    void shortRunsAt120PerMinuteAreStillCalled() {
        assertRunCalled(3, 500, 120);
        assertRunCalled(5, 500, 120);
    }

    private static void assertRunCalled(int beats, double rrMs, double rateBpm) {
        Waveforms w = sinusWithRun(beats, rrMs, 5000, beats * 10L + (long) rrMs).realisticNoise();
        for (EcgRecording ecg : List.of(twelveLead(w), leadII(w))) {
            EcgReport r = EcgAnalyser.analyse(ecg, DEFAULTS);
            String what = beats + " beats at " + rateBpm + "/min on " + ecg.leadCount() + " leads";
            assertThat(r.rhythm().ventricularRuns()).as(what).hasSize(1);
            assertThat(r.rhythm().ventricularRuns().getFirst().beats()).as(what).isEqualTo(beats);
            assertThat(r.rhythm().ventricularRuns().getFirst().rateBpm()).as(what).isBetween(rateBpm - 2, rateBpm + 2);
            assertThat(r.criticalReasons()).as(what).contains(FindingCode.VENTRICULAR_TACHYCARDIA);
        }
    }

    @Test
    void aRunAtTheEdgeOfAWithheldNoiseBurstIsNotCalled() {
        // Five wide beats 4300-5900 ms; in the second recording every lead is swamped by electrode motion from
        // 6300 ms: the run's beats lie within the margin (1 s) of the withheld stretch and are not read as VT.
        Waveforms clear = sinusWithRun(5, 400, 4300, 21).realisticNoise();
        assertThat(EcgAnalyser.analyse(twelveLead(clear), DEFAULTS).criticalReasons())
                .contains(FindingCode.VENTRICULAR_TACHYCARDIA);

        Waveforms burst = sinusWithRun(5, 400, 4300, 21).realisticNoise();
        for (String lead : Waveforms.LEADS) {
            burst.motionArtefact(lead, 4000, 6300, 9500);
        }
        EcgReport r = EcgAnalyser.analyse(twelveLead(burst), DEFAULTS);
        assertThat(r.quality().anyLeadUsableAt((int) (7500 * FS / 1000))).as("burst withheld").isFalse();
        assertThat(r.rhythm().ventricularRuns()).isEmpty();
        assertThat(r.criticalReasons()).doesNotContain(FindingCode.VENTRICULAR_TACHYCARDIA);
    }

    @Test
    void threeWideBeatsAtThePrevailingRateInAtrialFibrillationAreNotVentricularTachycardiaButAPrematureRunIs() {
        // AF at ~140/min; three alike wide beats at regular 360 ms intervals, the first either at the prevailing
        // rate (aberrant conduction, as CinC 2017 A05149) or early (coupled at 230 ms: a ventricular focus)
        for (double coupling : new double[] { 430, 230 }) {
            double[] af = Waveforms.irregularBeats(430, 0.3, 20_000, 5);
            Waveforms w = new Waveforms(FS, 20_000, 5);
            double runStart = -1;
            for (int i = 0; i < af.length; i++) {
                if (i == 20) {
                    runStart = af[19] + coupling;
                    for (int k = 0; k < 3; k++) {
                        w.ventricularBeat(runStart + k * 360);
                    }
                }
                if (i < 20 || af[i] > runStart + 2 * 360 + 500) {
                    w.normalBeat(af[i], false, null);
                }
            }
            w.fibrillatoryWaves(40).realisticNoise();
            for (EcgRecording ecg : List.of(twelveLead(w), leadII(w))) {
                EcgReport r = EcgAnalyser.analyse(ecg, DEFAULTS);
                String what = "coupling " + coupling + " ms, " + ecg.leadCount() + " leads";
                assertThat(r.rhythm().label()).as(what).isEqualTo(RhythmLabel.ATRIAL_FIBRILLATION);
                if (coupling > 400) {
                    assertThat(r.criticalReasons()).as(what).doesNotContain(FindingCode.VENTRICULAR_TACHYCARDIA);
                } else {
                    assertThat(r.criticalReasons()).as(what).contains(FindingCode.VENTRICULAR_TACHYCARDIA);
                }
            }
        }
    }

    @Test
    void wideBeatsInAnIrregularAfRhythmAreNotVentricularTachycardia() {
        // AF at ~100/min; four consecutive beats conducted with a wide QRS (aberrancy) at irregular intervals.
        double[] times = Waveforms.irregularBeats(600, 0.35, 20_000, 2);
        Waveforms w = new Waveforms(FS, 20_000, 2);
        for (int i = 0; i < times.length; i++) {
            if (i >= 10 && i <= 13) {
                w.ventricularBeat(times[i]);
            } else {
                w.normalBeat(times[i], false, null);
            }
        }
        w.fibrillatoryWaves(40).realisticNoise();
        double longest = 0;
        double shortest = Double.MAX_VALUE;
        for (int i = 11; i <= 13; i++) {
            longest = Math.max(longest, times[i] - times[i - 1]);
            shortest = Math.min(shortest, times[i] - times[i - 1]);
        }
        assertThat(longest / shortest).as("the wide beats come at irregular intervals").isGreaterThan(1.5);
        for (EcgRecording ecg : List.of(twelveLead(w), leadII(w))) {
            EcgReport r = EcgAnalyser.analyse(ecg, DEFAULTS);
            assertThat(r.rhythm().label()).isNotEqualTo(RhythmLabel.VENTRICULAR_TACHYCARDIA);
            assertThat(r.criticalReasons()).doesNotContain(FindingCode.VENTRICULAR_TACHYCARDIA);
        }
    }
}

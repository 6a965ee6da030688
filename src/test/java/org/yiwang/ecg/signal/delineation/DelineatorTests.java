package org.yiwang.ecg.signal.delineation;

import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.Waveforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DelineatorTests {

    static final double FS = 500;

    static Delineation delineate(Waveforms w, boolean[] usable) {
        return Delineator.delineate(w.microvolts(), Waveforms.LEADS, FS, w.beatSamples(), usable);
    }

    static Waveforms sinus(double rate, double[] st, long seed) {
        Waveforms w = new Waveforms(FS, 10_000, seed);
        for (double t : Waveforms.regularBeats(rate, 10_000)) {
            w.normalBeat(t, true, st);
        }
        return w.realisticNoise();
    }

    @Test
    void findsWaveBoundariesOfASyntheticBeatWithinTwentyMilliseconds() {
        Delineation d = delineate(sinus(70, null, 1), null);
        WaveBoundaries b = d.boundaries();
        assertThat(b.qrsOnsetMs()).isCloseTo(Waveforms.TRUE_QRS_ONSET_MS, within(15.0));
        assertThat(b.qrsOffsetMs()).isCloseTo(Waveforms.TRUE_QRS_OFFSET_MS, within(15.0));
        assertThat(b.pOnsetMs()).isCloseTo(Waveforms.TRUE_P_ONSET_MS, within(20.0));
        assertThat(b.tEndMs()).isCloseTo(Waveforms.TRUE_T_END_MS, within(25.0));
        assertThat(d.beatsAveraged()).isGreaterThan(8);
    }

    @Test
    void derivesPrQrsQtAndBothQtCorrections() {
        Delineation d = delineate(sinus(60, null, 2), null);
        Intervals i = d.intervals();
        double truePr = Waveforms.TRUE_QRS_ONSET_MS - Waveforms.TRUE_P_ONSET_MS;
        double trueQrs = Waveforms.TRUE_QRS_OFFSET_MS - Waveforms.TRUE_QRS_ONSET_MS;
        double trueQt = Waveforms.TRUE_T_END_MS - Waveforms.TRUE_QRS_ONSET_MS;
        assertThat(i.prMs()).isCloseTo(truePr, within(25.0));
        assertThat(i.qrsMs()).isCloseTo(trueQrs, within(20.0));
        assertThat(i.qtMs()).isCloseTo(trueQt, within(30.0));
        assertThat(i.rrMs()).isCloseTo(1000, within(2.0));
        // At 60 bpm (RR 1 s) both corrections equal the QT.
        assertThat(i.qtcBazettMs()).isCloseTo(i.qtMs(), within(1.0));
        assertThat(i.qtcFridericiaMs()).isCloseTo(i.qtMs(), within(1.0));
        assertThat(i.qtcMs()).isEqualTo(i.qtcBazettMs());
    }

    @Test
    void bazettCorrectsMoreThanFridericiaAtFastRates() {
        Intervals i = delineate(sinus(100, null, 3), null).intervals();
        assertThat(i.qtcBazettMs()).isGreaterThan(i.qtcFridericiaMs()).isGreaterThan(i.qtMs());
    }

    @Test
    void noPWaveInFibrillation() {
        Waveforms w = new Waveforms(FS, 10_000, 4);
        w.normalBeats(Waveforms.irregularBeats(750, 0.3, 10_000, 4), false).fibrillatoryWaves(30).realisticNoise();
        Delineation d = delineate(w, null);
        assertThat(d.boundaries().hasPWave()).isFalse();
        assertThat(d.intervals().prMs()).isNaN();
    }

    @Test
    void measuresStElevationAgainstThePrBaseline() {
        Delineation d = delineate(sinus(70, Waveforms.stOffsets(250, "II", "III", "aVF"), 5), null);
        assertThat(d.st("II").j60Microvolts()).isCloseTo(250, within(40.0));
        assertThat(d.st("aVF").j80Microvolts()).isCloseTo(250, within(40.0));
        assertThat(d.st("V5").j60Microvolts()).isCloseTo(0, within(40.0));
    }

    @Test
    void withholdsUnusableLeads() {
        boolean[] usable = new boolean[12];
        java.util.Arrays.fill(usable, true);
        usable[Waveforms.LEADS.indexOf("V4")] = false;
        Delineation d = delineate(sinus(70, null, 6).noise("V4", 800), usable);
        assertThat(d.withheldLeads()).containsExactly("V4");
        assertThat(d.st("V4").measured()).isFalse();
        assertThat(d.st("V3").measured()).isTrue();
    }
}

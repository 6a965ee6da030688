package org.yiwang.ecg.signal.rhythm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ventricular beats that correlate well with the dominant beat on one lead are still classed ventricular when they
 * resemble their own focus's beats better (a template per class), while aberrant beats barely unlike the dominant one
 * do not make such a class. Synthetic single lead at 360 Hz, shapes as Gaussian waves (µV, ms).
 */
class VentricularClassTests {

    static final double FS = 360;

    /** Narrow dominant QRS with a small S wave and an upright T wave. */
    static double dominant(double ms) {
        return wave(ms, 0, 12, 1000) + wave(ms, 25, 8, -150) + wave(ms, 250, 50, 250);
    }

    /** A ventricular beat that keeps a sharp upstroke but has a broad slurred second half and a discordant T wave. */
    static double ventricular(double ms) {
        return wave(ms, 0, 12, 700) + wave(ms, 50, 30, -500) + wave(ms, 260, 60, -300);
    }

    /** A rate-related aberrant beat: the dominant QRS with a slurred terminal part (r ~0.84 with the dominant). */
    static double aberrant(double ms) {
        return wave(ms, 0, 12, 900) + wave(ms, 30, 14, 600) + wave(ms, 250, 50, 250);
    }

    /** The dominant beat distorted by a broad negative deflection (an electrode-motion transient), r ~0.6 with it. */
    static double distorted(double ms) {
        return wave(ms, 0, 12, 600) + wave(ms, 50, 30, -700) + wave(ms, 250, 50, 250);
    }

    static double wave(double ms, double centre, double sd, double amplitude) {
        return amplitude * Math.exp(-(ms - centre) * (ms - centre) / (2 * sd * sd));
    }

    /** A lead with a beat of {@code kinds[i]} ('N', 'V' or 'A') at each time, plus Gaussian noise. */
    static int[] lead(double[] timesMs, char[] kinds, double noiseMicrovolts, long seed) {
        int n = (int) Math.round((timesMs[timesMs.length - 1] + 1000) * FS / 1000);
        double[] x = new double[n];
        for (int b = 0; b < timesMs.length; b++) {
            int from = Math.max(0, (int) ((timesMs[b] - 300) * FS / 1000));
            int to = Math.min(n - 1, (int) ((timesMs[b] + 600) * FS / 1000));
            for (int i = from; i <= to; i++) {
                double ms = i * 1000 / FS - timesMs[b];
                x[i] += switch (kinds[b]) {
                    case 'V' -> ventricular(ms);
                    case 'A' -> aberrant(ms);
                    case 'D' -> distorted(ms);
                    default -> dominant(ms);
                };
            }
        }
        Random random = new Random(seed);
        int[] samples = new int[n];
        for (int i = 0; i < n; i++) {
            samples[i] = (int) Math.round(x[i] + noiseMicrovolts * random.nextGaussian());
        }
        return samples;
    }

    static int[] sampleIndices(double[] timesMs) {
        int[] beats = new int[timesMs.length];
        for (int i = 0; i < beats.length; i++) {
            beats[i] = (int) Math.round(timesMs[i] * FS / 1000);
        }
        return beats;
    }

    @Test
    void lateCoupledVentricularBeatsLikeTheDominantOneAreClassedWithTheirFocusAsVentricular() {
        // Sinus at 75/min; every eighth beat an early PVC (coupling 480 ms, full compensatory pause) and every eighth
        // beat, four later, a late-coupled PVC of the same focus (coupling 760 ms): the late ones correlate ~0.78
        // with the dominant beat and are not premature, so correlation and prematurity alone class them dominant.
        for (long seed = 1; seed <= 3; seed++) {
            List<Double> times = new ArrayList<>();
            StringBuilder kinds = new StringBuilder();
            double t = 500;
            for (int b = 0; b < 80; b++) {
                char kind = b % 8 == 3 || b % 8 == 7 ? 'V' : 'N';
                double rr = b % 8 == 3 ? 480 : b % 8 == 4 ? 1120 : b % 8 == 7 ? 760 : b % 8 == 0 && b > 0 ? 840 : 800;
                t += b == 0 ? 0 : rr;
                times.add(t);
                kinds.append(kind);
            }
            double[] timesMs = times.stream().mapToDouble(Double::doubleValue).toArray();
            int[] x = lead(timesMs, kinds.toString().toCharArray(), 15, seed);
            BeatType[] types = BeatMorphology.classify(x, sampleIndices(timesMs), FS).types();
            for (int b = 1; b < types.length - 1; b++) {
                assertThat(types[b]).as("beat %d (%s), seed %d", b, kinds.charAt(b), seed)
                        .isEqualTo(kinds.charAt(b) == 'V' ? BeatType.VENTRICULAR : BeatType.NORMAL);
            }
        }
    }

    @Test
    void aberrantBeatsBarelyUnlikeTheDominantOneDoNotMakeAVentricularClass() {
        // Fast irregular rhythm; every third beat conducted with a slurred QRS (r ~0.84 with the dominant beat).
        // Early ones may be classed ventricular by width and prematurity, as before; those that come on time must
        // not be pulled into a "ventricular class" made of them (that read VT on CinC 2017 A02900).
        Random random = new Random(7);
        List<Double> times = new ArrayList<>();
        StringBuilder kinds = new StringBuilder();
        double t = 500;
        for (int b = 0; b < 90; b++) {
            t += b == 0 ? 0 : 330 + 300 * random.nextDouble();
            times.add(t);
            kinds.append(b % 3 == 2 ? 'A' : 'N');
        }
        double[] timesMs = times.stream().mapToDouble(Double::doubleValue).toArray();
        int[] beats = sampleIndices(timesMs);
        int[] x = lead(timesMs, kinds.toString().toCharArray(), 15, 7);
        BeatType[] types = BeatMorphology.classify(x, beats, FS).types();
        int onTimeAberrant = 0;
        for (int b = 1; b < types.length - 1; b++) {
            if (kinds.charAt(b) == 'A' && BeatMorphology.prematurity(beats, b) >= 1) {
                onTimeAberrant++;
                assertThat(types[b]).as("aberrant beat %d on time", b).isNotEqualTo(BeatType.VENTRICULAR);
            }
        }
        assertThat(onTimeAberrant).isGreaterThan(5);
    }

    @Test
    void wideShapesAtThePrevailingRateDoNotMakeAClassThatPullsInDominantBeats() {
        // Regular sinus at 75/min; every sixth beat distorted on time (classed ventricular by width and a low
        // correlation) and every sixth beat, three later, a ventricular-looking beat on time (r ~0.78): on noise such
        // on-time shapes are the dominant beat distorted, and a class of them must not take in more beats (nstdb).
        double[] timesMs = new double[72];
        char[] kinds = new char[timesMs.length];
        for (int b = 0; b < timesMs.length; b++) {
            timesMs[b] = 500 + 800 * b;
            kinds[b] = b % 6 == 2 ? 'D' : b % 6 == 5 ? 'V' : 'N';
        }
        int[] x = lead(timesMs, kinds, 15, 5);
        BeatType[] types = BeatMorphology.classify(x, sampleIndices(timesMs), FS).types();
        int distortedVentricular = 0;
        for (int b = 1; b < types.length - 1; b++) {
            if (kinds[b] == 'D' && types[b] == BeatType.VENTRICULAR) {
                distortedVentricular++;
            }
            if (kinds[b] == 'V') {
                assertThat(types[b]).as("on-time beat %d", b).isNotEqualTo(BeatType.VENTRICULAR);
            }
        }
        assertThat(distortedVentricular).as("distorted beats classed ventricular (the class)").isGreaterThan(5);
    }
}

package org.yiwang.ecg.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic ECG with known beat times: each beat is a sum of Gaussian waves (P, Q, R, S, T) of a cardiac
 * dipole, projected onto each lead's axis; sinus or AF-like rhythm, ventricular ectopics, baseline wander, powerline,
 * white and muscle noise, and lead faults. Fully determined by the spec and the seed.
 *
 * @param recording the signals
 * @param beats     the true R-peak (QRS) positions
 * @param beatKinds one character per beat: {@code 'N'} supraventricular, {@code 'V'} ventricular ectopic
 */
public record SyntheticEcg(EcgRecording recording, Beats beats, String beatKinds) {

    /** A wave of the dipole: time offset from the R peak, Gaussian width, vector (x left, y down, z front) in mV. */
    private record Wave(double offsetMs, double sigmaMs, double x, double y, double z) {
    }

    private static final List<Wave> SINUS = List.of(
            new Wave(-165, 22, 0.07, 0.12, 0.02),   // P
            new Wave(-28, 9, -0.10, -0.02, 0.12),   // Q (septal)
            new Wave(0, 11, 0.75, 0.85, -0.45),     // R
            new Wave(27, 10, -0.18, -0.28, -0.30)); // S
    private static final Wave SINUS_T = new Wave(0, 48, 0.18, 0.24, 0.04);
    /*
     * A premature ventricular beat from a right-ventricular outflow focus (the commonest idiopathic PVC): activation
     * spreads through the myocardium, not the conduction system, so the QRS is wide (about 140 ms: a steep main
     * deflection, sigma 14 ms, slurred on its way down by a broad second component 40 ms later) and large (about
     * 1.5 mV in II, 0.7 mV in V5, a deep QS in V1: inferior axis, left-bundle-branch-block shape), and repolarisation
     * runs the other way: a broad T wave opposite to the QRS. The sinus node keeps its timing (see generate).
     */
    private static final List<Wave> VENTRICULAR = List.of(
            new Wave(0, 14, 0.70, 1.20, -0.45),
            new Wave(40, 26, 0.38, 0.66, -0.25));
    private static final Wave VENTRICULAR_T = new Wave(0, 62, -0.28, -0.48, 0.18);

    public static SyntheticEcg generate(SyntheticEcgSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double fs = spec.samplingRateHz();
        int n = (int) Math.round(spec.durationSeconds() * fs);
        List<String> leads = spec.leads().stream().map(LeadNames::canonical).toList();
        double[][] axes = new double[leads.size()][];
        for (int l = 0; l < leads.size(); l++) {
            axes[l] = axis(leads.get(l));
        }
        double[][] signal = new double[leads.size()][n];

        // beat times
        double meanRrSeconds = 60.0 / spec.heartRateBpm();
        List<Integer> beatSamples = new ArrayList<>();
        StringBuilder kinds = new StringBuilder();
        double t = 0.35 + random.nextDouble() * Math.min(meanRrSeconds, 0.5);
        double respiratoryPhase = random.nextDouble() * 2 * Math.PI;
        boolean previousEctopic = false;
        // Ectopics are isolated (never two in a row), so for a share f of all beats one follows a sinus beat with
        // probability f / (1 - f): a share of 0.5 is ventricular bigeminy.
        double fraction = spec.ventricularEctopicFraction();
        double ectopicAfterSinus = fraction >= 0.5 ? 1 : fraction / (1 - fraction);
        while (t < spec.durationSeconds() - 0.45) {
            boolean ectopic = !previousEctopic && fraction > 0 && random.nextDouble() < ectopicAfterSinus;
            double rr = nextRr(spec, meanRrSeconds, t, respiratoryPhase, random);
            double beatTime = t;
            if (ectopic) {
                // premature (coupling interval 0.65 RR); the sinus node keeps its timing: its P wave still comes on
                // time, hidden in the ectopic's ST segment, finds the ventricles refractory and does not conduct
                beatTime = t - 0.35 * rr;
            }
            int sample = (int) Math.round(beatTime * fs);
            if (beatSamples.isEmpty() || sample - beatSamples.get(beatSamples.size() - 1) >= (int) (0.2 * fs)) {
                beatSamples.add(sample);
                kinds.append(ectopic ? 'V' : 'N');
                double scale = 1 + 0.04 * Math.sin(2 * Math.PI * 0.25 * beatTime + respiratoryPhase);
                double rrForQt = Math.max(0.3, rr);
                addBeat(signal, axes, fs, sample, ectopic ? VENTRICULAR : SINUS, ectopic ? VENTRICULAR_T : SINUS_T,
                        (ectopic ? 330 : 300) * Math.sqrt(rrForQt), scale, ectopic || spec.atrialFibrillation());
                if (ectopic && !spec.atrialFibrillation()) {
                    addWave(signal, axes, fs, (int) Math.round(t * fs), SINUS.get(0), SINUS.get(0).offsetMs(), scale);
                }
            }
            previousEctopic = ectopic;
            t += rr; // the next sinus beat comes on time: full compensatory pause
        }

        addNoise(spec, signal, leads, fs, random);
        int[][] microvolts = new int[leads.size()][n];
        for (int l = 0; l < leads.size(); l++) {
            for (int i = 0; i < n; i++) {
                microvolts[l][i] = (int) Math.round(signal[l][i]);
            }
        }
        applyFaults(spec, microvolts, leads, fs, random);
        int[] beatArray = beatSamples.stream().mapToInt(Integer::intValue).filter(s -> s < n).toArray();
        return new SyntheticEcg(EcgRecording.wrap(fs, leads, microvolts), Beats.wrap(fs, beatArray),
                kinds.substring(0, beatArray.length));
    }

    /**
     * This ECG and then {@code next} (same sampling rate and leads), as one recording: e.g. sinus rhythm followed by
     * a paroxysm of atrial fibrillation on a Holter.
     */
    public SyntheticEcg followedBy(SyntheticEcg next) {
        EcgRecording a = recording;
        EcgRecording b = next.recording;
        if (a.samplingRateHz() != b.samplingRateHz() || !a.leadNames().equals(b.leadNames())) {
            throw new IllegalArgumentException("only ECGs of the same sampling rate and leads join");
        }
        int[][] samples = new int[a.leadCount()][];
        for (int lead = 0; lead < samples.length; lead++) {
            int[] first = a.leadMicrovolts(lead);
            samples[lead] = Arrays.copyOf(first, first.length + b.sampleCount());
            System.arraycopy(b.leadMicrovolts(lead), 0, samples[lead], first.length, b.sampleCount());
        }
        int[] firstBeats = beats.sampleIndices();
        int[] allBeats = Arrays.copyOf(firstBeats, firstBeats.length + next.beats.count());
        for (int i = 0; i < next.beats.count(); i++) {
            allBeats[firstBeats.length + i] = a.sampleCount() + next.beats.sampleIndex(i);
        }
        return new SyntheticEcg(EcgRecording.of(a.samplingRateHz(), a.leadNames(), samples),
                Beats.of(a.samplingRateHz(), allBeats), beatKinds + next.beatKinds);
    }

    /**
     * The same ECG with a premature ventricular beat {@code couplingMs} after beat {@code index} (the generator's
     * ventricular complex and its T wave, scaled as the beat it follows). At 250-360 ms after a sinus beat it falls on
     * that beat's T wave (R on T). The sinus node keeps its timing: the next beat is drawn where it was (an
     * interpolated beat when it comes late enough, as at normal rates).
     */
    public SyntheticEcg withVentricularBeatAfter(int index, double couplingMs) {
        int[] beatSamples = beats.sampleIndices();
        if (index < 0 || index >= beatSamples.length) {
            throw new IllegalArgumentException("no beat " + index);
        }
        double fs = recording.samplingRateHz();
        int sample = beatSamples[index] + (int) Math.round(couplingMs * fs / 1000);
        if (index + 1 < beatSamples.length && sample >= beatSamples[index + 1]) {
            throw new IllegalArgumentException("coupling " + couplingMs + " ms reaches the next beat");
        }
        int leadCount = recording.leadCount();
        int n = recording.sampleCount();
        double[][] signal = new double[leadCount][n];
        double[][] axes = new double[leadCount][];
        for (int l = 0; l < leadCount; l++) {
            axes[l] = axis(recording.leadName(l));
        }
        addBeat(signal, axes, fs, sample, VENTRICULAR, VENTRICULAR_T, 330 * Math.sqrt(Math.max(0.3, couplingMs / 1000)),
                1, true);
        int[][] microvolts = new int[leadCount][];
        for (int l = 0; l < leadCount; l++) {
            microvolts[l] = recording.leadMicrovolts(l);
            for (int i = 0; i < n; i++) {
                microvolts[l][i] += (int) Math.round(signal[l][i]);
            }
        }
        int[] withBeat = new int[beatSamples.length + 1];
        System.arraycopy(beatSamples, 0, withBeat, 0, index + 1);
        withBeat[index + 1] = sample;
        System.arraycopy(beatSamples, index + 1, withBeat, index + 2, beatSamples.length - index - 1);
        return new SyntheticEcg(EcgRecording.wrap(fs, recording.leadNames(), microvolts), Beats.wrap(fs, withBeat),
                beatKinds.substring(0, index + 1) + 'V' + beatKinds.substring(index + 1));
    }

    /**
     * The same ECG with the ST segment of every supraventricular beat shifted in the named leads (positive =
     * elevation), as an injury current does: from the J point (40 ms after R) to the T wave, with 30 ms raised-cosine
     * edges. Used to draw acute infarction patterns (e.g. II, III, aVF up and I, aVL down for an inferior STEMI).
     */
    public SyntheticEcg withStDeviation(Map<String, Integer> microvoltsByLead) {
        EcgRecording r = recording;
        double fs = r.samplingRateHz();
        int[][] shifted = new int[r.leadCount()][];
        int[] beatSamples = beats.sampleIndices();
        int edge = Math.max(1, (int) Math.round(0.030 * fs));
        for (int l = 0; l < r.leadCount(); l++) {
            shifted[l] = r.leadMicrovolts(l);
            Integer shift = null;
            for (Map.Entry<String, Integer> e : microvoltsByLead.entrySet()) {
                if (LeadNames.canonical(e.getKey()).equals(r.leadName(l))) {
                    shift = e.getValue();
                }
            }
            if (shift == null || shift == 0) {
                continue;
            }
            for (int b = 0; b < beatSamples.length; b++) {
                if (beatKinds.charAt(b) != 'N') {
                    continue;
                }
                double rrSeconds = b + 1 < beatSamples.length ? (beatSamples[b + 1] - beatSamples[b]) / fs : 0.8;
                int from = beatSamples[b] + (int) Math.round(0.040 * fs);
                int to = beatSamples[b] + (int) Math.round(Math.min(0.32, 0.6 * rrSeconds) * fs);
                for (int i = Math.max(0, from - edge); i < Math.min(shifted[l].length, to + edge); i++) {
                    double weight = i < from ? 0.5 - 0.5 * Math.cos(Math.PI * (i - (from - edge)) / edge)
                            : i >= to ? 0.5 + 0.5 * Math.cos(Math.PI * (i - to) / edge) : 1;
                    shifted[l][i] += (int) Math.round(shift * weight);
                }
            }
        }
        return new SyntheticEcg(EcgRecording.wrap(fs, r.leadNames(), shifted), beats, beatKinds);
    }

    private static double nextRr(SyntheticEcgSpec spec, double meanRr, double t, double phase, SplittableRandom random) {
        double rr;
        if (spec.atrialFibrillation()) {
            // irregularly irregular: independent draws, skewed towards short intervals
            double cv = Math.max(spec.rrVariability(), 0.15);
            rr = meanRr * Math.exp(cv * gaussian(random) - cv * cv / 2);
        } else {
            double sinusArrhythmia = 0.03 * Math.sin(2 * Math.PI * 0.25 * t + phase);
            rr = meanRr * (1 + sinusArrhythmia + spec.rrVariability() * clamp(gaussian(random), -2.5, 2.5));
        }
        return Math.max(0.28, rr);
    }

    private static void addBeat(double[][] signal, double[][] axes, double fs, int rSample, List<Wave> complex,
            Wave t, double tOffsetMs, double scale, boolean withoutP) {
        for (int w = 0; w < complex.size(); w++) {
            if (w == 0 && withoutP && complex == SINUS) {
                continue;
            }
            addWave(signal, axes, fs, rSample, complex.get(w), complex.get(w).offsetMs(), scale);
        }
        addWave(signal, axes, fs, rSample, t, tOffsetMs, scale);
    }

    private static void addWave(double[][] signal, double[][] axes, double fs, int rSample, Wave wave,
            double offsetMs, double scale) {
        double centre = rSample + offsetMs * fs / 1000.0;
        double sigma = wave.sigmaMs() * fs / 1000.0;
        int from = Math.max(0, (int) Math.floor(centre - 4 * sigma));
        int to = Math.min(signal[0].length - 1, (int) Math.ceil(centre + 4 * sigma));
        double[] projection = new double[axes.length];
        for (int l = 0; l < axes.length; l++) {
            projection[l] = 1000.0 * scale
                    * (wave.x() * axes[l][0] + wave.y() * axes[l][1] + wave.z() * axes[l][2]);
        }
        for (int i = from; i <= to; i++) {
            double d = (i - centre) / sigma;
            double g = Math.exp(-0.5 * d * d);
            for (int l = 0; l < axes.length; l++) {
                signal[l][i] += g * projection[l];
            }
        }
    }

    private static void addNoise(SyntheticEcgSpec spec, double[][] signal, List<String> leads, double fs,
            SplittableRandom random) {
        int n = signal[0].length;
        for (int l = 0; l < leads.size(); l++) {
            double[] x = signal[l];
            if (spec.baselineWanderMicrovolts() > 0) {
                double f1 = 0.15 + 0.2 * random.nextDouble();
                double f2 = 0.05 + 0.1 * random.nextDouble();
                double p1 = random.nextDouble() * 2 * Math.PI;
                double p2 = random.nextDouble() * 2 * Math.PI;
                for (int i = 0; i < n; i++) {
                    double time = i / fs;
                    x[i] += spec.baselineWanderMicrovolts()
                            * (0.7 * Math.sin(2 * Math.PI * f1 * time + p1) + 0.3 * Math.sin(2 * Math.PI * f2 * time + p2));
                }
            }
            if (spec.powerlineMicrovolts() > 0) {
                double phase = random.nextDouble() * 2 * Math.PI;
                for (int i = 0; i < n; i++) {
                    x[i] += spec.powerlineMicrovolts() * Math.sin(2 * Math.PI * spec.powerlineHz() * i / fs + phase);
                }
            }
            if (spec.atrialFibrillation()) {
                double[] f = {4.5 + random.nextDouble() * 2, 5.5 + random.nextDouble() * 2, 7 + random.nextDouble()};
                double[] p = {random.nextDouble() * 6.28, random.nextDouble() * 6.28, random.nextDouble() * 6.28};
                double gain = fibrillatoryGain(leads.get(l));
                for (int i = 0; i < n; i++) {
                    double time = i / fs;
                    x[i] += gain * (25 * Math.sin(2 * Math.PI * f[0] * time + p[0])
                            + 18 * Math.sin(2 * Math.PI * f[1] * time + p[1]) + 10 * Math.sin(2 * Math.PI * f[2] * time + p[2]));
                }
            }
            if (spec.gaussianNoiseMicrovolts() > 0) {
                for (int i = 0; i < n; i++) {
                    x[i] += spec.gaussianNoiseMicrovolts() * gaussian(random);
                }
            }
            if (spec.muscleNoiseMicrovolts() > 0) {
                double[] noise = bandLimitedNoise(n, fs, 20, Math.min(100, 0.45 * fs), random);
                scaleTo(noise, spec.muscleNoiseMicrovolts());
                for (int i = 0; i < n; i++) {
                    x[i] += noise[i];
                }
            }
            for (SyntheticEcgSpec.LeadFault fault : spec.faults()) {
                if (fault.kind() == QualityIssue.NOISE && fault.appliesTo(leads.get(l))) {
                    int from = (int) Math.min(n, Math.round(fault.fromSeconds() * fs));
                    int to = (int) Math.min(n, Math.round(fault.toSeconds() * fs));
                    if (to - from < 4) {
                        continue;
                    }
                    // electrode motion: large, slow-to-QRS-band artefact
                    double[] noise = bandLimitedNoise(to - from, fs, 1, 15, random);
                    scaleTo(noise, fault.amplitudeMicrovolts());
                    for (int i = from; i < to; i++) {
                        x[i] += noise[i - from];
                    }
                }
            }
        }
    }

    private static void applyFaults(SyntheticEcgSpec spec, int[][] microvolts, List<String> leads, double fs,
            SplittableRandom random) {
        int n = microvolts[0].length;
        for (SyntheticEcgSpec.LeadFault fault : spec.faults()) {
            int from = (int) Math.min(n, Math.round(fault.fromSeconds() * fs));
            int to = (int) Math.min(n, Math.round(fault.toSeconds() * fs));
            for (int l = 0; l < leads.size(); l++) {
                if (!fault.appliesTo(leads.get(l))) {
                    continue;
                }
                int[] x = microvolts[l];
                switch (fault.kind()) {
                    case FLAT_LINE -> {
                        for (int i = from; i < to; i++) {
                            x[i] = random.nextInt(-2, 3);
                        }
                    }
                    case LEAD_OFF -> {
                        for (int i = from; i < to; i++) {
                            x[i] = -LEAD_OFF_RAIL_MICROVOLTS + random.nextInt(0, 3);
                        }
                    }
                    case SATURATION -> {
                        for (int i = from; i < to; i++) {
                            x[i] = Math.min(x[i] + SATURATION_RAIL_MICROVOLTS, SATURATION_RAIL_MICROVOLTS);
                        }
                    }
                    case NOISE -> {
                        // added with the other noise
                    }
                }
            }
        }
    }

    /** The value a lead-off fault sits at. */
    static final int LEAD_OFF_RAIL_MICROVOLTS = 10_000;
    /** The clipping level of a saturation fault: the isoelectric line is shifted onto it, so deflections above it clip. */
    static final int SATURATION_RAIL_MICROVOLTS = 5_000;

    private static double[] bandLimitedNoise(int n, double fs, double lowHz, double highHz, SplittableRandom random) {
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            noise[i] = gaussian(random);
        }
        Biquad.highPass(lowHz, fs, Math.sqrt(0.5)).forward(noise);
        Biquad.lowPass(highHz, fs, Math.sqrt(0.5)).forward(noise);
        return noise;
    }

    private static void scaleTo(double[] noise, double rms) {
        double sum = 0;
        for (double v : noise) {
            sum += v * v;
        }
        double current = Math.sqrt(sum / Math.max(1, noise.length));
        if (current > 0) {
            for (int i = 0; i < noise.length; i++) {
                noise[i] *= rms / current;
            }
        }
    }

    private static double fibrillatoryGain(String lead) {
        return switch (lead) {
            case "V1", "II", "III", "aVF", "MLII" -> 1.0;
            default -> 0.5;
        };
    }

    /** Lead axis as a unit vector (x left, y down, z front). Unknown leads are treated as lead II. */
    static double[] axis(String lead) {
        return switch (lead) {
            case "I", "MLI" -> frontal(0);
            case "II", "MLII", "ECG" -> frontal(60);
            case "III", "MLIII" -> frontal(120);
            case "aVR" -> frontal(-150);
            case "aVL" -> frontal(-30);
            case "aVF" -> frontal(90);
            case "V1" -> horizontal(120);
            case "V2" -> horizontal(95);
            case "V3" -> horizontal(75);
            case "V4" -> horizontal(55);
            case "V5" -> horizontal(30);
            case "V6" -> horizontal(5);
            default -> frontal(60);
        };
    }

    private static double[] frontal(double degrees) {
        double r = Math.toRadians(degrees);
        return new double[] {Math.cos(r), Math.sin(r), 0};
    }

    private static double[] horizontal(double degrees) {
        double r = Math.toRadians(degrees);
        return new double[] {Math.cos(r), 0.15, Math.sin(r)};
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller (SplittableRandom has no nextGaussian before Java 17's RandomGenerator default; this is explicit)
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double clamp(double v, double low, double high) {
        return Math.max(low, Math.min(high, v));
    }
}

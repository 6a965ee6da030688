package org.yiwang.ecg.signal;

/**
 * Diagnostic-quality cleaning of whole recordings: zero-phase (no delay, no ST distortion from phase) baseline-wander
 * removal and powerline suppression, at any sampling rate.
 */
public final class EcgFilters {

    /** Default baseline cut-off: 0.5 Hz zero-phase removes respiration and motion wander, keeps ST levels. */
    public static final double DEFAULT_BASELINE_CUTOFF_HZ = 0.5;

    private static final double BUTTERWORTH_Q = Math.sqrt(0.5);
    private static final double NOTCH_Q = 30;

    private EcgFilters() {
    }

    /** Baseline wander removed from every lead (zero-phase 2nd-order Butterworth high-pass, applied twice). */
    public static EcgRecording removeBaselineWander(EcgRecording recording, double cutoffHz) {
        Biquad filter = Biquad.highPass(cutoffHz, recording.samplingRateHz(), BUTTERWORTH_Q);
        return apply(recording, filter);
    }

    /** Mains interference at {@code mainsHz} (50 in China, 60 elsewhere) and its harmonics below Nyquist notched out. */
    public static EcgRecording suppressPowerline(EcgRecording recording, double mainsHz) {
        double nyquist = recording.samplingRateHz() / 2;
        if (!(mainsHz > 0) || mainsHz >= nyquist) {
            throw new IllegalArgumentException("mains frequency " + mainsHz + " Hz is not below the Nyquist frequency "
                    + nyquist + " Hz");
        }
        EcgRecording result = recording;
        for (double harmonic = mainsHz; harmonic < nyquist - 1; harmonic += mainsHz) {
            result = apply(result, Biquad.notch(harmonic, recording.samplingRateHz(), NOTCH_Q));
        }
        return result;
    }

    /** Zero-phase low-pass (e.g. 40 Hz for a monitoring-quality display). */
    public static EcgRecording lowPass(EcgRecording recording, double cutoffHz) {
        return apply(recording, Biquad.lowPass(cutoffHz, recording.samplingRateHz(), BUTTERWORTH_Q));
    }

    /** Baseline removal and powerline suppression: the usual first step before measurement. */
    public static EcgRecording clean(EcgRecording recording, double mainsHz) {
        return suppressPowerline(removeBaselineWander(recording, DEFAULT_BASELINE_CUTOFF_HZ), mainsHz);
    }

    private static EcgRecording apply(EcgRecording recording, Biquad filter) {
        int[][] out = new int[recording.leadCount()][];
        double[] work = new double[recording.sampleCount()];
        for (int lead = 0; lead < recording.leadCount(); lead++) {
            int[] samples = recording.leadView(lead);
            for (int i = 0; i < work.length; i++) {
                work[i] = samples[i];
            }
            filter.zeroPhase(work);
            int[] filtered = new int[work.length];
            for (int i = 0; i < work.length; i++) {
                filtered[i] = (int) Math.round(work[i]);
            }
            out[lead] = filtered;
        }
        return EcgRecording.wrap(recording.samplingRateHz(), recording.leadNames(), out);
    }
}

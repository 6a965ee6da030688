package org.yiwang.ecg.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SyntheticEcg#generate} should draw. Start from {@link #sinus} and refine with the {@code with…}
 * methods; every value has its unit in its name.
 *
 * @param rrVariability           coefficient of variation of RR intervals (0.02 ≈ healthy sinus; AF uses ≥ 0.2)
 * @param atrialFibrillation      no P waves, fibrillatory waves, irregular RR
 * @param ventricularEctopicFraction share of beats that are premature, wide ventricular complexes (isolated, never two
 *                                in a row; 0.5 is ventricular bigeminy)
 * @param faults                  stretches with flat line, lead off, saturation or electrode-motion noise
 */
public record SyntheticEcgSpec(double samplingRateHz, double durationSeconds, List<String> leads,
        double heartRateBpm, double rrVariability, boolean atrialFibrillation, double ventricularEctopicFraction,
        double baselineWanderMicrovolts, double powerlineHz, double powerlineMicrovolts,
        double gaussianNoiseMicrovolts, double muscleNoiseMicrovolts, List<LeadFault> faults) {

    /**
     * A fault on one lead ({@code lead} name) or on all leads ({@code lead == null}) from {@code fromSeconds} to
     * {@code toSeconds}. For {@link QualityIssue#NOISE}, {@code amplitudeMicrovolts} is the RMS of the added
     * electrode-motion-like noise; other kinds ignore it.
     */
    public record LeadFault(String lead, QualityIssue kind, double fromSeconds, double toSeconds,
            double amplitudeMicrovolts) {

        public LeadFault {
            Objects.requireNonNull(kind, "kind");
            if (!(toSeconds > fromSeconds) || fromSeconds < 0) {
                throw new IllegalArgumentException("fault needs 0 <= from < to, was " + fromSeconds + ".." + toSeconds);
            }
        }

        boolean appliesTo(String leadName) {
            return lead == null || LeadNames.canonical(lead).equals(leadName);
        }
    }

    public SyntheticEcgSpec {
        if (!(samplingRateHz >= 100)) {
            throw new IllegalArgumentException("samplingRateHz must be at least 100, was " + samplingRateHz);
        }
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("durationSeconds must be positive");
        }
        if (!(heartRateBpm >= 20 && heartRateBpm <= 250)) {
            throw new IllegalArgumentException("heartRateBpm must be within 20..250, was " + heartRateBpm);
        }
        if (rrVariability < 0 || rrVariability > 0.5 || ventricularEctopicFraction < 0 || ventricularEctopicFraction > 0.5) {
            throw new IllegalArgumentException("rrVariability and ventricularEctopicFraction must be within 0..0.5");
        }
        leads = List.copyOf(leads);
        if (leads.isEmpty()) {
            throw new IllegalArgumentException("at least one lead");
        }
        faults = List.copyOf(faults);
    }

    /** Clean sinus rhythm in the 12 standard leads, slight natural RR variability, no noise. */
    public static SyntheticEcgSpec sinus(double samplingRateHz, double durationSeconds, double heartRateBpm) {
        return new SyntheticEcgSpec(samplingRateHz, durationSeconds, LeadNames.STANDARD_12, heartRateBpm, 0.03,
                false, 0, 0, 50, 0, 0, 0, List.of());
    }

    public SyntheticEcgSpec withLeads(List<String> names) {
        return new SyntheticEcgSpec(samplingRateHz, durationSeconds, names, heartRateBpm, rrVariability,
                atrialFibrillation, ventricularEctopicFraction, baselineWanderMicrovolts, powerlineHz,
                powerlineMicrovolts, gaussianNoiseMicrovolts, muscleNoiseMicrovolts, faults);
    }

    public SyntheticEcgSpec withRrVariability(double coefficientOfVariation) {
        return new SyntheticEcgSpec(samplingRateHz, durationSeconds, leads, heartRateBpm, coefficientOfVariation,
                atrialFibrillation, ventricularEctopicFraction, baselineWanderMicrovolts, powerlineHz,
                powerlineMicrovolts, gaussianNoiseMicrovolts, muscleNoiseMicrovolts, faults);
    }

    /** AF-like rhythm: irregularly irregular RR (coefficient of variation {@code rrVariability}), f waves, no P. */
    public SyntheticEcgSpec withAtrialFibrillation(double coefficientOfVariation) {
        return new SyntheticEcgSpec(samplingRateHz, durationSeconds, leads, heartRateBpm, coefficientOfVariation,
                true, ventricularEctopicFraction, baselineWanderMicrovolts, powerlineHz, powerlineMicrovolts,
                gaussianNoiseMicrovolts, muscleNoiseMicrovolts, faults);
    }

    public SyntheticEcgSpec withVentricularEctopics(double fraction) {
        return new SyntheticEcgSpec(samplingRateHz, durationSeconds, leads, heartRateBpm, rrVariability,
                atrialFibrillation, fraction, baselineWanderMicrovolts, powerlineHz, powerlineMicrovolts,
                gaussianNoiseMicrovolts, muscleNoiseMicrovolts, faults);
    }

    public SyntheticEcgSpec withBaselineWander(double amplitudeMicrovolts) {
        return new SyntheticEcgSpec(samplingRateHz, durationSeconds, leads, heartRateBpm, rrVariability,
                atrialFibrillation, ventricularEctopicFraction, amplitudeMicrovolts, powerlineHz, powerlineMicrovolts,
                gaussianNoiseMicrovolts, muscleNoiseMicrovolts, faults);
    }

    public SyntheticEcgSpec withPowerline(double mainsHz, double amplitudeMicrovolts) {
        return new SyntheticEcgSpec(samplingRateHz, durationSeconds, leads, heartRateBpm, rrVariability,
                atrialFibrillation, ventricularEctopicFraction, baselineWanderMicrovolts, mainsHz, amplitudeMicrovolts,
                gaussianNoiseMicrovolts, muscleNoiseMicrovolts, faults);
    }

    public SyntheticEcgSpec withGaussianNoise(double rmsMicrovolts) {
        return new SyntheticEcgSpec(samplingRateHz, durationSeconds, leads, heartRateBpm, rrVariability,
                atrialFibrillation, ventricularEctopicFraction, baselineWanderMicrovolts, powerlineHz,
                powerlineMicrovolts, rmsMicrovolts, muscleNoiseMicrovolts, faults);
    }

    /** Electromyographic noise: band-limited (20–100 Hz) Gaussian noise of this RMS in every lead. */
    public SyntheticEcgSpec withMuscleNoise(double rmsMicrovolts) {
        return new SyntheticEcgSpec(samplingRateHz, durationSeconds, leads, heartRateBpm, rrVariability,
                atrialFibrillation, ventricularEctopicFraction, baselineWanderMicrovolts, powerlineHz,
                powerlineMicrovolts, gaussianNoiseMicrovolts, rmsMicrovolts, faults);
    }

    public SyntheticEcgSpec withFault(LeadFault fault) {
        List<LeadFault> more = new ArrayList<>(faults);
        more.add(fault);
        return new SyntheticEcgSpec(samplingRateHz, durationSeconds, leads, heartRateBpm, rrVariability,
                atrialFibrillation, ventricularEctopicFraction, baselineWanderMicrovolts, powerlineHz,
                powerlineMicrovolts, gaussianNoiseMicrovolts, muscleNoiseMicrovolts, more);
    }

    public SyntheticEcgSpec withFault(String lead, QualityIssue kind, double fromSeconds, double toSeconds) {
        return withFault(new LeadFault(lead, kind, fromSeconds, toSeconds, 0));
    }

    /** Electrode-motion-like noise of this RMS in all leads between the two times. */
    public SyntheticEcgSpec withNoiseBurst(double fromSeconds, double toSeconds, double rmsMicrovolts) {
        return withFault(new LeadFault(null, QualityIssue.NOISE, fromSeconds, toSeconds, rmsMicrovolts));
    }
}

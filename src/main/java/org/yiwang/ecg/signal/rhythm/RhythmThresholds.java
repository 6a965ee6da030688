package org.yiwang.ecg.signal.rhythm;

/**
 * Limits of the rhythm classifier. Defaults follow common adult resting-ECG conventions; counties configure
 * their own (application configuration binds a record like this one).
 *
 * @param bradycardiaBpm            mean rate below this is bradycardia (60)
 * @param tachycardiaBpm            mean rate above this is tachycardia (100)
 * @param pauseMs                   an RR interval at least this long is a pause (2000 ms)
 * @param afProbability             AF model probability from which AF is called on the RR model alone (0.5)
 * @param afProbabilityWithWaveform ... and where the AF network read the waveform too: the operating point chosen on
 *                                  the cross-validated CinC 2017 evaluation for specificity ≥ 95 %, the issue's
 *                                  target ({@value #AF_PROBABILITY_WITH_WAVEFORM}; docs/benchmarks.md)
 * @param frequentEctopyFraction    ventricular beats at least this share of all beats is frequent ectopy (0.10)
 * @param frequentEctopyMinimumBeats and at least this many ventricular beats (2)
 * @param ventricularRunBeats       consecutive ventricular beats that make a ventricular-tachycardia run (3)
 * @param ventricularRunRateBpm     minimum rate inside such a run, measured over the run's own beats (100)
 * @param ventricularRunSimilarity  each beat of a ventricular run correlates at least this well with the run's
 *                                  previous beat (one ventricular focus); beats whose shapes change from beat to
 *                                  beat are noise or classes flipping, not a run (0.8)
 * @param ventricularRunMarginMs    a ventricular run needs usable signal in the beat-morphology lead from this long
 *                                  before its first beat to this long after its last (1000 ms)
 * @param ventricularRunCouplingInAf in atrial fibrillation, a ventricular run's first beat must come earlier than
 *                                  this share of the median of the intervals before it: wide beats at the
 *                                  prevailing rate are aberrant conduction, a ventricular focus fires prematurely
 *                                  (0.9)
 * @param ventricularRunShapes      ventricular shapes a run may alternate between (2: bidirectional VT, A-B-A-B, each
 *                                  beat like the one two before at {@code ventricularRunSimilarity}, sustained over at
 *                                  least twice {@code ventricularRunBeats} beats: noise does not keep repeating a
 *                                  shape); 1 keeps the one-focus rule alone (2)
 * @param wideQrsMs                 QRS at least this wide counts as wide (120 ms)
 * @param flutterAtrialRateMinBpm   lowest atrial rate of flutter waves (240)
 * @param flutterAtrialRateMaxBpm   highest atrial rate of flutter waves (380)
 * @param flutterEvidence           flutter-wave periodicity from which flutter is called (0.3)
 * @param flutterIsoelectricMs      an isoelectric stretch at least this long between beats (typically the TP
 *                                  and PR segments of sinus beats) rules flutter out: flutter waves run without a
 *                                  flat baseline (80 ms)
 * @param wideTachycardiaPWaveAssociation a regular wide-complex tachycardia is sinus (with bundle branch block), not
 *                                  ventricular, when at least this share of its beats is preceded by a P wave at a
 *                                  constant PR interval ({@link AtrialActivity#pWaveAssociation()}) (0.7)
 * @param wideTachycardiaPWavesClearBelowBpm ... and only below this rate: at faster rates a regular wide-complex
 *                                  tachycardia is ventricular whatever precedes its beats (150)
 * @param afEpisodeWindowIntervals  RR intervals in the sliding window whose AF probability labels the interval at its
 *                                  centre, when a long recording's AF episodes are found beat by beat (30: about the
 *                                  length of the 10-60 s records the AF model was fitted on)
 * @param afEpisodeMinimumMs        shorter stretches of AF-labelled intervals are not AF episodes (30 s, the common
 *                                  clinical convention)
 * @param afModel                   the AF model
 */
public record RhythmThresholds(double bradycardiaBpm, double tachycardiaBpm, double pauseMs, double afProbability,
        double afProbabilityWithWaveform, double frequentEctopyFraction, int frequentEctopyMinimumBeats,
        int ventricularRunBeats, double ventricularRunRateBpm, double ventricularRunSimilarity,
        double ventricularRunMarginMs, double ventricularRunCouplingInAf, int ventricularRunShapes, double wideQrsMs,
        double flutterAtrialRateMinBpm, double flutterAtrialRateMaxBpm, double flutterEvidence,
        double flutterIsoelectricMs, double wideTachycardiaPWaveAssociation, double wideTachycardiaPWavesClearBelowBpm,
        int afEpisodeWindowIntervals, double afEpisodeMinimumMs, AfModel afModel) {

    /** Defaults of the AF episode search (see the parameters). */
    static final int AF_EPISODE_WINDOW_INTERVALS = 30;
    static final double AF_EPISODE_MINIMUM_MS = 30_000;
    static final double AF_PROBABILITY_WITH_WAVEFORM = 0.250;

    public RhythmThresholds {
        if (!(bradycardiaBpm > 0 && tachycardiaBpm > bradycardiaBpm)) {
            throw new IllegalArgumentException("need 0 < bradycardia limit < tachycardia limit");
        }
        if (!(pauseMs > 0) || !(afProbability > 0 && afProbability < 1)
                || !(afProbabilityWithWaveform > 0 && afProbabilityWithWaveform < 1) || ventricularRunBeats < 2
                || !(flutterAtrialRateMaxBpm > flutterAtrialRateMinBpm) || !(flutterIsoelectricMs > 0)
                || !(ventricularRunSimilarity >= -1 && ventricularRunSimilarity <= 1) || !(ventricularRunMarginMs >= 0)
                || !(ventricularRunCouplingInAf > 0) || ventricularRunShapes < 1 || ventricularRunShapes > 2
                || !(wideTachycardiaPWaveAssociation > 0 && wideTachycardiaPWaveAssociation <= 1)
                || !(wideTachycardiaPWavesClearBelowBpm > 0)
                || afEpisodeWindowIntervals < RrIrregularity.MINIMUM_INTERVALS || !(afEpisodeMinimumMs > 0)
                || afModel == null) {
            throw new IllegalArgumentException("invalid rhythm thresholds");
        }
    }

    /** With the default AF episode search (windows of 30 intervals, episodes of at least 30 s). */
    public RhythmThresholds(double bradycardiaBpm, double tachycardiaBpm, double pauseMs, double afProbability,
            double frequentEctopyFraction, int frequentEctopyMinimumBeats, int ventricularRunBeats,
            double ventricularRunRateBpm, double ventricularRunSimilarity, double ventricularRunMarginMs,
            double ventricularRunCouplingInAf, int ventricularRunShapes, double wideQrsMs,
            double flutterAtrialRateMinBpm, double flutterAtrialRateMaxBpm, double flutterEvidence,
            double flutterIsoelectricMs, double wideTachycardiaPWaveAssociation,
            double wideTachycardiaPWavesClearBelowBpm, AfModel afModel) {
        this(bradycardiaBpm, tachycardiaBpm, pauseMs, afProbability, AF_PROBABILITY_WITH_WAVEFORM,
                frequentEctopyFraction, frequentEctopyMinimumBeats, ventricularRunBeats, ventricularRunRateBpm,
                ventricularRunSimilarity, ventricularRunMarginMs, ventricularRunCouplingInAf, ventricularRunShapes,
                wideQrsMs, flutterAtrialRateMinBpm, flutterAtrialRateMaxBpm, flutterEvidence, flutterIsoelectricMs,
                wideTachycardiaPWaveAssociation, wideTachycardiaPWavesClearBelowBpm, AF_EPISODE_WINDOW_INTERVALS,
                AF_EPISODE_MINIMUM_MS, afModel);
    }

    /** With the one-focus run rule alone (no alternating shapes). */
    public RhythmThresholds(double bradycardiaBpm, double tachycardiaBpm, double pauseMs, double afProbability,
            double frequentEctopyFraction, int frequentEctopyMinimumBeats, int ventricularRunBeats,
            double ventricularRunRateBpm, double ventricularRunSimilarity, double ventricularRunMarginMs,
            double ventricularRunCouplingInAf, double wideQrsMs, double flutterAtrialRateMinBpm,
            double flutterAtrialRateMaxBpm, double flutterEvidence, double flutterIsoelectricMs,
            double wideTachycardiaPWaveAssociation, double wideTachycardiaPWavesClearBelowBpm, AfModel afModel) {
        this(bradycardiaBpm, tachycardiaBpm, pauseMs, afProbability, frequentEctopyFraction, frequentEctopyMinimumBeats,
                ventricularRunBeats, ventricularRunRateBpm, ventricularRunSimilarity, ventricularRunMarginMs,
                ventricularRunCouplingInAf, 1, wideQrsMs, flutterAtrialRateMinBpm, flutterAtrialRateMaxBpm,
                flutterEvidence, flutterIsoelectricMs, wideTachycardiaPWaveAssociation,
                wideTachycardiaPWavesClearBelowBpm, afModel);
    }

    /** With the default wide-complex tachycardia limits (P-wave association 0.7, below 150/min). */
    public RhythmThresholds(double bradycardiaBpm, double tachycardiaBpm, double pauseMs, double afProbability,
            double frequentEctopyFraction, int frequentEctopyMinimumBeats, int ventricularRunBeats,
            double ventricularRunRateBpm, double ventricularRunSimilarity, double ventricularRunMarginMs,
            double ventricularRunCouplingInAf, double wideQrsMs, double flutterAtrialRateMinBpm,
            double flutterAtrialRateMaxBpm, double flutterEvidence, double flutterIsoelectricMs, AfModel afModel) {
        this(bradycardiaBpm, tachycardiaBpm, pauseMs, afProbability, frequentEctopyFraction, frequentEctopyMinimumBeats,
                ventricularRunBeats, ventricularRunRateBpm, ventricularRunSimilarity, ventricularRunMarginMs,
                ventricularRunCouplingInAf, wideQrsMs, flutterAtrialRateMinBpm, flutterAtrialRateMaxBpm,
                flutterEvidence, flutterIsoelectricMs, 0.7, 150, afModel);
    }

    public static RhythmThresholds defaults() {
        return new RhythmThresholds(60, 100, 2000, 0.5, 0.10, 2, 3, 100, 0.8, 1000, 0.9, 2, 120, 240, 380, 0.3, 80,
                0.7, 150, AfModel.defaults());
    }

    /** The probability from which AF is called: with or without the network's reading of the waveform. */
    public double afProbability(boolean waveformRead) {
        return waveformRead ? afProbabilityWithWaveform : afProbability;
    }

    public RhythmThresholds withAfModel(AfModel model) {
        return new RhythmThresholds(bradycardiaBpm, tachycardiaBpm, pauseMs, afProbability, afProbabilityWithWaveform,
                frequentEctopyFraction, frequentEctopyMinimumBeats, ventricularRunBeats, ventricularRunRateBpm,
                ventricularRunSimilarity, ventricularRunMarginMs, ventricularRunCouplingInAf, ventricularRunShapes,
                wideQrsMs, flutterAtrialRateMinBpm, flutterAtrialRateMaxBpm, flutterEvidence, flutterIsoelectricMs,
                wideTachycardiaPWaveAssociation, wideTachycardiaPWavesClearBelowBpm, afEpisodeWindowIntervals,
                afEpisodeMinimumMs, model);
    }

    /** The same limits with another AF episode search. */
    public RhythmThresholds withAfEpisodes(int windowIntervals, double minimumMs) {
        return new RhythmThresholds(bradycardiaBpm, tachycardiaBpm, pauseMs, afProbability, afProbabilityWithWaveform,
                frequentEctopyFraction, frequentEctopyMinimumBeats, ventricularRunBeats, ventricularRunRateBpm,
                ventricularRunSimilarity, ventricularRunMarginMs, ventricularRunCouplingInAf, ventricularRunShapes,
                wideQrsMs, flutterAtrialRateMinBpm, flutterAtrialRateMaxBpm, flutterEvidence, flutterIsoelectricMs,
                wideTachycardiaPWaveAssociation, wideTachycardiaPWavesClearBelowBpm, windowIntervals, minimumMs,
                afModel);
    }
}

package org.yiwang.ecg.signal.analysis;

import org.yiwang.ecg.signal.QrsDetector;
import org.yiwang.ecg.signal.delineation.StThresholds;
import org.yiwang.ecg.signal.rhythm.RhythmThresholds;

/**
 * Every limit of the pre-analysis, so that a county can configure them. Critical values (危急值) follow the
 * issue's list: STEMI suspect, ventricular tachycardia, pause, extreme rates, AF with rapid ventricular response.
 *
 * @param extremeBradycardiaBpm   mean rate at or below this is critical (35, as in the Chinese expert consensus on
 *                                ECG critical values, 2017)
 * @param extremeTachycardiaBpm   mean rate at or above this is critical (180)
 * @param afRapidResponseBpm      AF with a mean ventricular rate above this is critical (110)
 * @param criticalPauseMs         a pause at least this long is critical (2000 ms, the pause limit)
 * @param prolongedQtcMs          QTc (Bazett) at or above this is reported (500 ms)
 * @param usableLeadFraction      a lead usable for less than this share of the recording is withheld from
 *                                delineation and ST measurement (0.8)
 */
public record AnalysisThresholds(QrsDetector.Settings detector, RhythmThresholds rhythm, StThresholds st,
        double extremeBradycardiaBpm, double extremeTachycardiaBpm, double afRapidResponseBpm, double criticalPauseMs,
        double prolongedQtcMs, double usableLeadFraction) {

    public AnalysisThresholds {
        if (detector == null || rhythm == null || st == null) {
            throw new IllegalArgumentException("detector, rhythm and ST settings are required");
        }
        if (!(extremeBradycardiaBpm > 0 && extremeTachycardiaBpm > extremeBradycardiaBpm && criticalPauseMs > 0
                && usableLeadFraction > 0 && usableLeadFraction <= 1)) {
            throw new IllegalArgumentException("invalid critical-value limits");
        }
    }

    public static AnalysisThresholds defaults() {
        return new AnalysisThresholds(QrsDetector.Settings.DEFAULTS, RhythmThresholds.defaults(),
                StThresholds.defaults(), 35, 180, 110, 2000, 500, 0.8);
    }

    public AnalysisThresholds withRhythm(RhythmThresholds rhythmThresholds) {
        return new AnalysisThresholds(detector, rhythmThresholds, st, extremeBradycardiaBpm, extremeTachycardiaBpm,
                afRapidResponseBpm, criticalPauseMs, prolongedQtcMs, usableLeadFraction);
    }
}

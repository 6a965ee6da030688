package org.yiwang.ecg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.AfEpisodeScore.Interval;
import org.yiwang.ecg.format.Annotation;
import org.yiwang.ecg.format.AnnotationCodes;

class AfEpisodeScoreTests {

    private static Interval at(double from, double to) {
        return new Interval(from, to);
    }

    @Test
    void scoresOverlapFalseTimeAndEpisodesOfTheDetectedAgainstTheReference() {
        // one reference episode found late and overrun by 10 s, one missed; one detection in sinus rhythm
        AfEpisodeScore s = AfEpisodeScore.of(List.of(at(100, 200), at(400, 500)), List.of(),
                List.of(at(110, 210), at(600, 640)));

        assertThat(s.referenceAfSeconds()).isEqualTo(200);
        assertThat(s.detectedAfSeconds()).isEqualTo(140);
        assertThat(s.overlapSeconds()).isEqualTo(90);
        assertThat(s.falseAfSeconds()).isEqualTo(50);
        assertThat(s.durationSensitivityPercent()).isCloseTo(45, within(1e-9));
        assertThat(s.durationPositivePredictivityPercent()).isCloseTo(100 * 90 / 140.0, within(1e-9));
        assertThat(s.referenceEpisodes()).isEqualTo(2);
        assertThat(s.referenceEpisodesFound()).isEqualTo(1);
        assertThat(s.detectedEpisodes()).isEqualTo(2);
        assertThat(s.detectedEpisodesTrue()).isEqualTo(1);
        assertThat(s.episodeSensitivityPercent()).isEqualTo(50);
        assertThat(s.episodePositivePredictivityPercent()).isEqualTo(50);
    }

    @Test
    void detectedAfInsideReferenceFlutterIsNotFalseAfButIsNotOverlapWithAfEither() {
        AfEpisodeScore s = AfEpisodeScore.of(List.of(at(0, 100)), List.of(at(300, 400)), List.of(at(290, 390)));

        assertThat(s.detectedInFlutterSeconds()).isEqualTo(90);
        assertThat(s.referenceFlutterSeconds()).isEqualTo(100);
        assertThat(s.falseAfSeconds()).isEqualTo(10);
        assertThat(s.overlapSeconds()).isZero();
        assertThat(s.durationPositivePredictivityPercent()).isZero();
        assertThat(s.detectedEpisodesTrue()).isZero();
        assertThat(s.detectedEpisodesInFlutterOnly()).isEqualTo(1);
    }

    @Test
    void oneDetectionSpanningTwoReferenceEpisodesFindsBothAndCountsItsGapAsFalse() {
        AfEpisodeScore s = AfEpisodeScore.of(List.of(at(100, 200), at(230, 300)), List.of(), List.of(at(90, 310)));

        assertThat(s.referenceEpisodesFound()).isEqualTo(2);
        assertThat(s.detectedEpisodesTrue()).isEqualTo(1);
        assertThat(s.overlapSeconds()).isEqualTo(170);
        assertThat(s.falseAfSeconds()).isEqualTo(50);
    }

    @Test
    void recordsAddUpByTheirTimesNotByAveragingTheirPercentages() {
        AfEpisodeScore a = AfEpisodeScore.of(List.of(at(0, 1000)), List.of(), List.of(at(0, 1000)));
        AfEpisodeScore b = AfEpisodeScore.of(List.of(at(0, 100)), List.of(), List.of());

        AfEpisodeScore total = AfEpisodeScore.NONE.plus(a).plus(b);

        assertThat(b.durationSensitivityPercent()).isZero();
        assertThat(total.durationSensitivityPercent()).isCloseTo(100 * 1000 / 1100.0, within(1e-9));
        assertThat(total.episodeSensitivityPercent()).isEqualTo(50);
        assertThat(total.durationPositivePredictivityPercent()).isEqualTo(100);
    }

    @Test
    void aRecordWithoutReferenceAfOrDetectionsHasNoRatioRatherThanZero() {
        AfEpisodeScore s = AfEpisodeScore.of(List.of(), List.of(), List.of());

        assertThat(s.durationSensitivityPercent()).isNaN();
        assertThat(s.durationPositivePredictivityPercent()).isNaN();
        assertThat(s.episodeSensitivityPercent()).isNaN();
        assertThat(s.falseAfSeconds()).isZero();
    }

    @Test
    void readsEachReferenceRhythmFromItsChangeToTheNextOrTheEndJoiningRepeatedChanges() {
        // at 100 Hz over 100 s: N, AFIB from 10 s, N from 20 s, AFIB from 30 s and again at 35 s, AFL from 40 s,
        // AFIB from 90 s to the end; beats and a non-rhythm note with aux text do not change the rhythm
        List<Annotation> annotations = List.of(rhythm(0, "(N"), Annotation.of(50, 'N'), rhythm(1000, "(AFIB"),
                rhythm(2000, "(N"), rhythm(3000, "(AFIB"), new Annotation(3200, AnnotationCodes.code('"'), 0, 0, 0,
                        "(noise"), rhythm(3500, "(AFIB"), rhythm(4000, "(AFL"), rhythm(9000, "(AFIB"));

        Map<String, List<Interval>> rhythms = AfEpisodeScore.rhythms(annotations, 100, 10_000);

        assertThat(rhythms.get("AFIB")).containsExactly(at(10, 20), at(30, 40), at(90, 100));
        assertThat(rhythms.get("AFL")).containsExactly(at(40, 90));
        assertThat(rhythms.get("N")).containsExactly(at(0, 10), at(20, 30));
        assertThat(rhythms).doesNotContainKey("noise");
    }

    private static Annotation rhythm(long sample, String aux) {
        return new Annotation(sample, AnnotationCodes.RHYTHM, 0, 0, 0, aux);
    }
}

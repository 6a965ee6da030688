package org.yiwang.ecg.signal.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.SyntheticEcg;
import org.yiwang.ecg.signal.SyntheticEcgSpec;
import org.yiwang.ecg.signal.rhythm.AfEpisodes;

/**
 * AF episodes of synthetic Holters found beat by beat, analysed in 5-minute segments as the pre-analysis does.
 */
class HolterAfEpisodeTests {

    static final AnalysisThresholds DEFAULTS = AnalysisThresholds.defaults();
    static final List<String> LEADS = List.of("II", "V5");
    static final double SEGMENT_SECONDS = 300;

    /** The episodes of a recording analysed in consecutive segments, joined as PreAnalysisJob joins them. */
    static List<AfEpisodes.Episode> episodes(EcgRecording recording) {
        AfEpisodes.Sequence sequence = new AfEpisodes.Sequence();
        int segment = (int) (SEGMENT_SECONDS * recording.samplingRateHz());
        for (int from = 0; from < recording.sampleCount(); from += segment) {
            EcgRecording part = recording.slice(from, Math.min(recording.sampleCount(), from + segment));
            EcgReport report = EcgAnalyser.analyse(part, DEFAULTS);
            sequence.add(from * 1000.0 / recording.samplingRateHz(),
                    EcgAnalyser.afSegment(part, report, DEFAULTS.rhythm()));
        }
        return sequence.episodes(DEFAULTS.rhythm());
    }

    static SyntheticEcg sinus(double seconds, double bpm, long seed) {
        return SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, seconds, bpm).withLeads(LEADS)
                .withRrVariability(0.04).withGaussianNoise(12), seed);
    }

    static SyntheticEcg fibrillation(double seconds, double bpm, long seed) {
        return SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, seconds, bpm).withLeads(LEADS)
                .withAtrialFibrillation(0.2).withGaussianNoise(12), seed);
    }

    @Test
    void findsTheAtrialFibrillationEpisodeOfTheDemoHolterWithinTenSecondsOfItsOnset() {
        // as EcgDemoData's 25-minute Holter (demo-8): 15 minutes of sinus rhythm at 74/min, then 10 of AF at 96/min
        SyntheticEcg demo = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 900, 74).withLeads(LEADS)
                .withRrVariability(0.04).withGaussianNoise(12), 65).followedBy(fibrillation(600, 96, 66));

        List<AfEpisodes.Episode> episodes = episodes(demo.recording());

        assertThat(episodes).hasSize(1);
        AfEpisodes.Episode af = episodes.getFirst();
        assertThat(af.startMs() / 1000).isCloseTo(900, within(10.0));
        assertThat(af.endMs() / 1000).isCloseTo(1500, within(10.0));
        assertThat(af.meanRateBpm()).isCloseTo(96, within(5.0));
        assertThat(af.maxRateBpm()).isGreaterThan(af.meanRateBpm());
        // the burden from the episode: about 40 % of the 25 minutes
        assertThat(100 * af.durationMs() / 1_500_000).isCloseTo(40, within(1.0));
    }

    @Test
    void findsAParoxysmInsideOneSegmentAndOneAcrossASegmentBoundaryWithinAFewBeats() {
        // 200 s sinus, 90 s AF at 120/min, 110 s sinus, 150 s AF at 80/min (across the boundary at 600 s), 100 s sinus
        SyntheticEcg holter = sinus(200, 70, 1).followedBy(fibrillation(90, 120, 2)).followedBy(sinus(110, 72, 3))
                .followedBy(fibrillation(150, 80, 4)).followedBy(sinus(100, 68, 5));

        List<AfEpisodes.Episode> episodes = episodes(holter.recording());

        assertThat(episodes).hasSize(2);
        // within five beats of the generated onset and offset
        assertThat(episodes.get(0).startMs() / 1000).isCloseTo(200, within(5 * 0.5));
        assertThat(episodes.get(0).endMs() / 1000).isCloseTo(290, within(5 * 0.86));
        assertThat(episodes.get(0).meanRateBpm()).isCloseTo(120, within(6.0));
        assertThat(episodes.get(1).startMs() / 1000).isCloseTo(400, within(5 * 0.86));
        assertThat(episodes.get(1).endMs() / 1000).isCloseTo(550, within(5 * 0.88));
    }

    @Test
    void aSinusHolterHasNoAtrialFibrillationEpisodes() {
        // as the demo's 30-minute Holter: 70/min with natural variability, 3 % ventricular premature beats and a
        // withheld noise burst
        SyntheticEcg holter = SyntheticEcg.generate(SyntheticEcgSpec.sinus(250, 1800, 70).withLeads(LEADS)
                .withRrVariability(0.05).withVentricularEctopics(0.03).withGaussianNoise(12)
                .withNoiseBurst(600, 640, 200), 20_261_130L);

        assertThat(episodes(holter.recording())).isEmpty();
    }

    @Test
    void twentySecondsOfFibrillationAreNotAnEpisode() {
        SyntheticEcg holter = sinus(150, 70, 7).followedBy(fibrillation(20, 110, 8)).followedBy(sinus(130, 70, 9));

        assertThat(episodes(holter.recording())).isEmpty();
    }
}

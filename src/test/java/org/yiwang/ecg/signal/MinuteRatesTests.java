package org.yiwang.ecg.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinuteRatesTests {

    static final double FS = 250;

    /** Beats every {@code rrMs} from {@code fromMs} to {@code toMs}. */
    static List<Integer> beats(List<Integer> into, double fromMs, double toMs, double rrMs) {
        for (double t = fromMs; t < toMs; t += rrMs) {
            int sample = (int) Math.round(t * FS / 1000);
            if (into.isEmpty() || sample > into.getLast()) {
                into.add(sample);
            }
        }
        return into;
    }

    static Beats of(List<Integer> samples) {
        return Beats.of(FS, samples.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void givesTheMeanRateOfEachMinuteAndItsSlowestAndFastest() {
        List<Integer> b = beats(new ArrayList<>(), 0, 60_000, 1000); // 60/min
        beats(b, 60_000, 120_000, 500); // 120/min
        beats(b, 120_000, 180_000, 750); // 80/min
        MinuteRates rates = MinuteRates.of(of(b), null, 60_000, 0.5);

        assertThat(rates.windows()).extracting(MinuteRates.Window::startMs).containsExactly(0.0, 60_000.0, 120_000.0);
        assertThat(rates.windows().get(0).rateBpm()).isCloseTo(60, within(0.1));
        assertThat(rates.slowest().orElseThrow().startMs()).isEqualTo(0);
        assertThat(rates.fastest().orElseThrow().startMs()).isEqualTo(60_000);
        assertThat(rates.fastest().orElseThrow().rateBpm()).isCloseTo(120, within(0.1));
    }

    @Test
    void aMinuteMostlyWithoutUsableSignalIsLeftOutRatherThanReadAsSlow() {
        // 70/min throughout, but in minute 2 the lead is unusable for 40 s and its beats there were withheld
        List<Integer> b = beats(new ArrayList<>(), 0, 60_000, 60_000 / 70.0);
        beats(b, 60_000, 70_000, 60_000 / 70.0);
        beats(b, 110_000, 180_000, 60_000 / 70.0);
        SignalQuality quality = new SignalQuality(List.of(new LeadQuality("II", (int) (180 * FS),
                List.of(new QualitySegment((int) (70 * FS), (int) (110 * FS), QualityIssue.LEAD_OFF)))));
        MinuteRates rates = MinuteRates.of(of(b), quality, 60_000, 0.5);

        assertThat(rates.windows()).extracting(MinuteRates.Window::startMs).containsExactly(0.0, 120_000.0);
        assertThat(rates.slowest().orElseThrow().rateBpm()).isCloseTo(70, within(0.5));
    }

    @Test
    void aPauseInUsableSignalSlowsItsMinute() {
        List<Integer> b = beats(new ArrayList<>(), 0, 30_000, 1000);
        beats(b, 34_000, 60_000, 1000); // 5 s from the beat at 29 s to the next: a pause in usable signal
        MinuteRates rates = MinuteRates.of(of(b), null, 60_000, 0.5);

        assertThat(rates.windows()).hasSize(1);
        // 55 intervals over 59 s instead of 59 over 59 s
        assertThat(rates.windows().getFirst().rateBpm()).isCloseTo(60_000.0 * 55 / 59_000, within(0.1));
    }

    @Test
    void tooFewBeatsGiveNoMinute() {
        assertThat(MinuteRates.of(of(List.of(100)), null, 60_000, 0.5).slowest()).isEmpty();
        assertThat(MinuteRates.of(of(List.of()), null, 60_000, 0.5).windows()).isEmpty();
    }
}

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

    @Test
    void givesTheHourlyRateTrendOfAHolter() {
        // hour 0 at 60/min, then 80/min; hour 1 at 100/min for 20 minutes, then at 70/min; hour 2 missing (lead off)
        List<Integer> b = beats(new ArrayList<>(), 0, 1_800_000, 1000);
        beats(b, 1_800_000, 3_600_000, 750);
        beats(b, 3_600_000, 4_800_000, 600);
        beats(b, 4_800_000, 7_200_000, 60_000 / 70.0);
        beats(b, 10_800_000, 11_400_000, 1000);
        SignalQuality quality = new SignalQuality(List.of(new LeadQuality("II", (int) (11_400 * FS),
                List.of(new QualitySegment((int) (7_200 * FS), (int) (10_800 * FS), QualityIssue.LEAD_OFF)))));
        MinuteRates rates = MinuteRates.of(of(b), quality, 60_000, 0.5);

        List<MinuteRates.Period> hours = rates.periods(3_600_000);

        assertThat(hours).extracting(MinuteRates.Period::startMs).containsExactly(0.0, 3_600_000.0, 10_800_000.0);
        assertThat(hours.get(0).minBpm()).isCloseTo(60, within(0.1));
        assertThat(hours.get(0).maxBpm()).isCloseTo(80, within(0.1));
        assertThat(hours.get(0).meanBpm()).isCloseTo(70, within(0.5));
        assertThat(hours.get(0).windows()).isEqualTo(60);
        assertThat(hours.get(1).minBpm()).isCloseTo(70, within(0.1));
        assertThat(hours.get(1).maxBpm()).isCloseTo(100, within(0.1));
        assertThat(hours.get(1).meanBpm()).isCloseTo((20 * 100 + 40 * 70) / 60.0, within(0.5));
        // the hour after the gap holds only its 10 minutes
        assertThat(hours.get(2).windows()).isEqualTo(10);
    }
}

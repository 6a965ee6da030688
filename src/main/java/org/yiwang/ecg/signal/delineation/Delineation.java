package org.yiwang.ecg.signal.delineation;

import java.util.List;

/**
 * Delineation of the dominant beat of a resting ECG.
 *
 * @param boundaries    global fiducial points (all usable leads together)
 * @param intervals     PR, QRS, QT, QTc
 * @param st            ST deviation per lead, in the recording's lead order
 * @param withheldLeads leads left out because their signal was unusable
 * @param beatsAveraged beats in the median template
 */
public record Delineation(WaveBoundaries boundaries, Intervals intervals, List<StMeasurement> st,
        List<String> withheldLeads, int beatsAveraged) {

    public Delineation {
        st = List.copyOf(st);
        withheldLeads = List.copyOf(withheldLeads);
    }

    public StMeasurement st(String lead) {
        return st.stream().filter(m -> m.lead().equalsIgnoreCase(lead)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lead " + lead));
    }
}

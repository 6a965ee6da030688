package org.yiwang.ecg.signal;

/** The beats found in a recording and the signal quality that decided where beats could be concluded at all. */
public record QrsDetection(Beats beats, SignalQuality quality) {
}

package org.yiwang.ecg.web;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.ecg.EcgProperties;
import org.yiwang.ecg.EcgRecordingNotFoundException;
import org.yiwang.ecg.EcgRecordingSummary;
import org.yiwang.ecg.EcgRecordings;
import org.yiwang.ecg.EcgSignalWindow;
import org.yiwang.platform.web.InvalidInputException;

/**
 * Signal windows for the in-browser viewer ({@code static/ecg/ecg-viewer.js}): {@code GET
 * /ecg/recordings/{id}/signal?from=<sample>&count=<samples>} answers the samples of every lead in microvolts and the
 * detected beats in the window. Long recordings are read window by window: no window is longer than
 * {@code yiwang.ecg.max-window-seconds}. Without {@code count} the window is {@link #DEFAULT_WINDOW_SECONDS}
 * (the whole of a resting ECG). The access check and the audit are the façade's; a refusal is a 403 problem document,
 * an unknown recording a 404, a window outside the recording a 400 naming the valid range.
 */
@RestController
class EcgSignalController {

    /** What the viewer shows at once: a resting ECG, or one page of a long recording. */
    static final int DEFAULT_WINDOW_SECONDS = 10;

    private final EcgRecordings recordings;
    private final EcgProperties properties;

    EcgSignalController(EcgRecordings recordings, EcgProperties properties) {
        this.recordings = recordings;
        this.properties = properties;
    }

    /**
     * One window of a recording.
     *
     * @param recordingId  the recording
     * @param microvolts   {@code microvolts[lead][i]} is sample {@code fromSample + i} of lead {@code leadNames[lead]}
     * @param beats        detected beats (sample indices from the recording's start) inside the window, ascending
     */
    record SignalWindow(long recordingId, double samplingRateHz, List<String> leadNames, long totalSamples,
            long fromSample, int[][] microvolts, int[] beats) {
    }

    @GetMapping(path = "/ecg/recordings/{id}/signal", produces = MediaType.APPLICATION_JSON_VALUE)
    SignalWindow signal(@PathVariable long id, @RequestParam(defaultValue = "0") long from,
                        @RequestParam(required = false) Integer count) {
        if (from < 0) {
            throw new InvalidInputException("'from' is a sample index and cannot be negative, was " + from);
        }
        if (count != null && count < 1) {
            throw new InvalidInputException("'count' must be at least 1 sample, was " + count);
        }
        int samples;
        if (count == null) {
            EcgRecordingSummary summary = recordings.find(id).orElseThrow(() -> new EcgRecordingNotFoundException(id));
            samples = (int) Math.max(1, Math.round(summary.samplingRateHz()
                    * Math.min(DEFAULT_WINDOW_SECONDS, properties.maxWindowSeconds())));
        } else {
            samples = count;
        }
        EcgSignalWindow window = recordings.signal(id, from, samples);
        int[] beats = recordings.beatSamples(id, window.fromSample(), window.fromSample() + window.sampleCount());
        return new SignalWindow(window.recordingId(), window.samplingRateHz(), window.leadNames(),
                window.totalSamples(), window.fromSample(), window.microvolts(), beats);
    }
}

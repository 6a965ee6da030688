package org.yiwang.ecg.format;

import java.util.ArrayList;
import java.util.List;
import org.yiwang.ecg.signal.EcgRecording;

/** A WFDB header with its digital samples, {@code digital[signal][sample]}. */
public record WfdbRecord(WfdbHeader header, int[][] digital) {

    public int sampleCount() {
        return digital.length == 0 ? 0 : digital[0].length;
    }

    /** Physical values in microvolts; lead names from the signal descriptions. */
    public EcgRecording toRecording() {
        List<String> names = new ArrayList<>();
        int[][] microvolts = new int[digital.length][];
        for (int s = 0; s < digital.length; s++) {
            WfdbSignal signal = header.signals().get(s);
            String description = signal.description().isBlank() ? "signal" + s : signal.description();
            names.add(description);
            int[] d = digital[s];
            int[] uv = new int[d.length];
            double scale = signal.microvoltsPerUnit() / signal.gainAduPerUnit();
            int baseline = signal.baseline();
            // a table over the format's whole range gives the same values as the formula, without a multiply and a
            // rounding per sample (24 h × 2 leads = 62 M samples)
            int min = signal.format().minimumValue();
            int max = signal.format().maximumValue();
            int[] table = d.length > 4 * (max - min) ? new int[max - min + 1] : null;
            if (table != null) {
                for (int v = min; v <= max; v++) {
                    table[v - min] = (int) Math.round((v - baseline) * scale);
                }
            }
            for (int i = 0; i < d.length; i++) {
                int v = d[i];
                uv[i] = table != null && v >= min && v <= max ? table[v - min]
                        : (int) Math.round((v - baseline) * scale);
            }
            microvolts[s] = uv;
        }
        return EcgRecording.of(header.samplingRateHz(), names, microvolts);
    }

    /**
     * Digitises a recording for writing: {@code gainAduPerMv} ADC units per millivolt, baseline 0, values clamped to
     * the format's range (as an ADC would clip), one file {@code name.dat}.
     */
    public static WfdbRecord fromRecording(EcgRecording recording, String name, WfdbSignalFormat format,
            double gainAduPerMv) {
        int leads = recording.leadCount();
        int[][] digital = new int[leads][];
        List<WfdbSignal> signals = new ArrayList<>();
        for (int lead = 0; lead < leads; lead++) {
            int[] d = new int[recording.sampleCount()];
            for (int i = 0; i < d.length; i++) {
                long v = Math.round(recording.sampleMicrovolts(lead, i) * gainAduPerMv / 1000.0);
                d[i] = (int) Math.max(format.minimumValue(), Math.min(format.maximumValue(), v));
            }
            digital[lead] = d;
            signals.add(new WfdbSignal(name + ".dat", format, 0, gainAduPerMv, 0, "mV",
                    format == WfdbSignalFormat.FORMAT_212 ? 12 : 16, 0, null, null, 0, recording.leadName(lead)));
        }
        return new WfdbRecord(new WfdbHeader(name, recording.samplingRateHz(), recording.sampleCount(), signals,
                List.of()), digital);
    }
}

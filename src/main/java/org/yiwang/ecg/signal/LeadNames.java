package org.yiwang.ecg.signal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Canonical ECG lead names: the 12 standard leads, Holter/monitor leads such as MLII, and anything else as given. */
public final class LeadNames {

    /** The standard 12 leads in the usual order. */
    public static final List<String> STANDARD_12 =
            List.of("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6");

    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("I", "I"), Map.entry("II", "II"), Map.entry("III", "III"),
            Map.entry("AVR", "aVR"), Map.entry("AVL", "aVL"), Map.entry("AVF", "aVF"),
            Map.entry("V1", "V1"), Map.entry("V2", "V2"), Map.entry("V3", "V3"), Map.entry("V4", "V4"),
            Map.entry("V5", "V5"), Map.entry("V6", "V6"),
            Map.entry("MLI", "MLI"), Map.entry("MLII", "MLII"), Map.entry("MLIII", "MLIII"),
            Map.entry("ECG", "ECG"));

    private LeadNames() {
    }

    /** {@code "avr"} → {@code "aVR"}, {@code "ii"} → {@code "II"}; unknown names are returned trimmed. */
    public static String canonical(String name) {
        String trimmed = name.trim();
        return CANONICAL.getOrDefault(trimmed.toUpperCase(Locale.ROOT), trimmed);
    }
}

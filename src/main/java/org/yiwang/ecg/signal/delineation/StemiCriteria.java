package org.yiwang.ecg.signal.delineation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Contiguous-lead ST-elevation criteria on a delineated 12-lead ECG. */
public final class StemiCriteria {

    /** Patient sex as far as the criteria care. */
    public enum Sex { MALE, FEMALE, UNKNOWN }

    /** Contiguous lead pairs (anatomically adjacent), with their territory. */
    static final List<String[]> CONTIGUOUS = List.of(
            new String[] { "II", "III", "inferior" }, new String[] { "II", "AVF", "inferior" },
            new String[] { "III", "AVF", "inferior" }, new String[] { "I", "AVL", "lateral" },
            new String[] { "V5", "V6", "lateral" }, new String[] { "I", "V6", "lateral" },
            new String[] { "V1", "V2", "septal" }, new String[] { "V2", "V3", "anterior" },
            new String[] { "V3", "V4", "anterior" }, new String[] { "V4", "V5", "anterior" });

    /** Leads where ST depression is reciprocal to elevation in a territory. */
    static final Map<String, List<String>> RECIPROCAL = Map.of(
            "inferior", List.of("I", "AVL"),
            "lateral", List.of("II", "III", "AVF"),
            "anterior", List.of("II", "III", "AVF"),
            "septal", List.of("II", "III", "AVF"));

    private StemiCriteria() {
    }

    /**
     * @param qrsMs QRS duration of the dominant beat (NaN when unknown)
     * @param ageYears age, or null when unknown
     */
    public static StemiAssessment assess(Delineation delineation, Sex sex, Integer ageYears, StThresholds thresholds) {
        Map<String, StMeasurement> byLead = new java.util.HashMap<>();
        for (StMeasurement m : delineation.st()) {
            if (m.measured()) {
                byLead.put(canonical(m.lead()), m);
            }
        }
        Map<String, String> names = new java.util.HashMap<>();
        for (StMeasurement m : delineation.st()) {
            names.put(canonical(m.lead()), m.lead());
        }
        Set<String> elevated = new LinkedHashSet<>();
        Set<String> territories = new LinkedHashSet<>();
        for (String[] pair : CONTIGUOUS) {
            StMeasurement a = byLead.get(pair[0]);
            StMeasurement b = byLead.get(pair[1]);
            if (a != null && b != null && elevated(a, pair[0], sex, ageYears, thresholds)
                    && elevated(b, pair[1], sex, ageYears, thresholds)) {
                elevated.add(pair[0]);
                elevated.add(pair[1]);
                territories.add(pair[2]);
            }
        }
        if (elevated.isEmpty()) {
            return StemiAssessment.none();
        }
        Set<String> reciprocal = new LinkedHashSet<>();
        for (String territory : territories) {
            for (String lead : RECIPROCAL.get(territory)) {
                StMeasurement m = byLead.get(lead);
                if (m != null && !elevated.contains(lead)
                        && -value(m, thresholds) >= thresholds.reciprocalDepressionMicrovolts()) {
                    reciprocal.add(lead);
                }
            }
        }
        double confidence = 0.6 + 0.05 * (elevated.size() - 2) + (reciprocal.isEmpty() ? 0 : 0.2);
        double qrs = delineation.intervals().qrsMs();
        if (qrs >= thresholds.wideQrsMs()) {
            confidence -= 0.25; // bundle-branch block or paced rhythm: ST criteria are unreliable
        }
        confidence = Math.max(0.1, Math.min(0.95, confidence));
        return new StemiAssessment(true, Math.round(confidence * 100) / 100.0,
                elevated.stream().map(names::get).toList(), reciprocal.stream().map(names::get).toList(),
                new ArrayList<>(territories));
    }

    static boolean elevated(StMeasurement m, String lead, Sex sex, Integer age, StThresholds t) {
        return value(m, t) >= limit(lead, sex, age, t);
    }

    static double limit(String lead, Sex sex, Integer age, StThresholds t) {
        if (!lead.equals("V2") && !lead.equals("V3")) {
            return t.elevationMicrovolts();
        }
        return switch (sex) {
            case FEMALE -> t.v2v3WomenMicrovolts();
            case MALE -> age == null ? t.v2v3UnknownMicrovolts()
                    : age >= 40 ? t.v2v3MenFortyOrOlderMicrovolts() : t.v2v3MenUnderFortyMicrovolts();
            case UNKNOWN -> t.v2v3UnknownMicrovolts();
        };
    }

    static double value(StMeasurement m, StThresholds t) {
        double v = t.measurementPointMs() == 0 ? m.jPointMicrovolts()
                : t.measurementPointMs() == 60 ? m.j60Microvolts() : m.j80Microvolts();
        return Double.isNaN(v) ? 0 : v;
    }

    static String canonical(String lead) {
        return lead.trim().toUpperCase(Locale.ROOT);
    }
}

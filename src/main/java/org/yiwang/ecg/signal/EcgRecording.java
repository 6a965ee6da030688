package org.yiwang.ecg.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable multi-lead ECG: every lead has the same number of samples at {@code samplingRateHz}, values in
 * microvolts. Lead names are canonical where a standard name is recognised ({@link LeadNames#canonical}).
 */
public final class EcgRecording {

    private final double samplingRateHz;
    private final List<String> leadNames;
    private final int[][] microvolts;

    private EcgRecording(double samplingRateHz, List<String> leadNames, int[][] microvolts) {
        this.samplingRateHz = samplingRateHz;
        this.leadNames = leadNames;
        this.microvolts = microvolts;
    }

    /** Copies the samples; {@code samplesMicrovolts[lead][sample]}. */
    public static EcgRecording of(double samplingRateHz, List<String> leadNames, int[][] samplesMicrovolts) {
        if (!(samplingRateHz > 0) || Double.isInfinite(samplingRateHz)) {
            throw new IllegalArgumentException("samplingRateHz must be positive, was " + samplingRateHz);
        }
        Objects.requireNonNull(leadNames, "leadNames");
        Objects.requireNonNull(samplesMicrovolts, "samplesMicrovolts");
        if (leadNames.isEmpty() || leadNames.size() != samplesMicrovolts.length) {
            throw new IllegalArgumentException("need one name per lead: " + leadNames.size() + " names for "
                    + samplesMicrovolts.length + " leads");
        }
        int length = samplesMicrovolts[0].length;
        int[][] copy = new int[samplesMicrovolts.length][];
        List<String> names = new ArrayList<>(leadNames.size());
        for (int lead = 0; lead < samplesMicrovolts.length; lead++) {
            if (samplesMicrovolts[lead].length != length) {
                throw new IllegalArgumentException("lead " + leadNames.get(lead) + " has "
                        + samplesMicrovolts[lead].length + " samples, lead " + leadNames.get(0) + " has " + length);
            }
            copy[lead] = samplesMicrovolts[lead].clone();
            names.add(LeadNames.canonical(Objects.requireNonNull(leadNames.get(lead), "lead name")));
        }
        return new EcgRecording(samplingRateHz, List.copyOf(names), copy);
    }

    /** Takes ownership of arrays built inside this package (no copy). */
    static EcgRecording wrap(double samplingRateHz, List<String> leadNames, int[][] samplesMicrovolts) {
        return new EcgRecording(samplingRateHz, List.copyOf(leadNames), samplesMicrovolts);
    }

    public double samplingRateHz() {
        return samplingRateHz;
    }

    public List<String> leadNames() {
        return leadNames;
    }

    public int leadCount() {
        return microvolts.length;
    }

    public int sampleCount() {
        return microvolts[0].length;
    }

    public double durationSeconds() {
        return sampleCount() / samplingRateHz;
    }

    public String leadName(int lead) {
        return leadNames.get(lead);
    }

    /** Index of the lead with this name (canonicalised), or -1. */
    public int indexOfLead(String name) {
        return leadNames.indexOf(LeadNames.canonical(name));
    }

    public int sampleMicrovolts(int lead, int sampleIndex) {
        return microvolts[lead][sampleIndex];
    }

    /** A copy of one lead's samples. */
    public int[] leadMicrovolts(int lead) {
        return microvolts[lead].clone();
    }

    /** The lead's own array, for this package's algorithms: never modify or leak it. */
    int[] leadView(int lead) {
        return microvolts[lead];
    }

    /** Samples {@code [fromSample, toSample)} of every lead. */
    public EcgRecording slice(int fromSample, int toSample) {
        if (fromSample < 0 || toSample > sampleCount() || fromSample >= toSample) {
            throw new IllegalArgumentException("slice [" + fromSample + ", " + toSample + ") outside 0.."
                    + sampleCount());
        }
        int[][] part = new int[microvolts.length][];
        for (int lead = 0; lead < microvolts.length; lead++) {
            part[lead] = Arrays.copyOfRange(microvolts[lead], fromSample, toSample);
        }
        return new EcgRecording(samplingRateHz, leadNames, part);
    }

    /** The same recording with only the named leads, in that order. */
    public EcgRecording selectLeads(List<String> names) {
        int[][] part = new int[names.size()][];
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int index = indexOfLead(names.get(i));
            if (index < 0) {
                throw new IllegalArgumentException("no lead " + names.get(i) + " in " + leadNames);
            }
            part[i] = microvolts[index];
            canonical.add(leadNames.get(index));
        }
        return new EcgRecording(samplingRateHz, List.copyOf(canonical), part);
    }

    /** Samples converted from a duration at this rate (rounded, at least 1). */
    public int samplesFor(double durationMs) {
        return Math.max(1, (int) Math.round(durationMs * samplingRateHz / 1000.0));
    }

    @Override
    public String toString() {
        return "EcgRecording[" + leadNames + ", " + samplingRateHz + " Hz, " + sampleCount() + " samples]";
    }
}

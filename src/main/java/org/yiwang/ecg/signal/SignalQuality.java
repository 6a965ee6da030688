package org.yiwang.ecg.signal;

import java.util.ArrayList;
import java.util.List;

/** Per-lead signal quality of a recording. Beat-level conclusions are drawn only where some lead is usable. */
public record SignalQuality(List<LeadQuality> leads) {

    public SignalQuality {
        leads = List.copyOf(leads);
    }

    public LeadQuality lead(String name) {
        String canonical = LeadNames.canonical(name);
        for (LeadQuality lead : leads) {
            if (lead.leadName().equals(canonical)) {
                return lead;
            }
        }
        throw new IllegalArgumentException("no lead " + name);
    }

    public boolean anyLeadUsableAt(int sample) {
        for (LeadQuality lead : leads) {
            if (lead.usableAt(sample)) {
                return true;
            }
        }
        return false;
    }

    public boolean anyLeadUsableThroughout(int fromSample, int toSample) {
        for (LeadQuality lead : leads) {
            if (lead.usableThroughout(fromSample, toSample)) {
                return true;
            }
        }
        return false;
    }

    /** Names of the leads usable at this sample. */
    public List<String> usableLeadsAt(int sample) {
        List<String> usable = new ArrayList<>();
        for (LeadQuality lead : leads) {
            if (lead.usableAt(sample)) {
                usable.add(lead.leadName());
            }
        }
        return usable;
    }

    /** Stretches where no lead is usable (beats there are withheld), sorted; issue taken from the first lead. */
    public List<QualitySegment> unusableInAllLeads() {
        if (leads.isEmpty()) {
            return List.of();
        }
        List<QualitySegment> common = leads.get(0).unusableSegments();
        for (int l = 1; l < leads.size(); l++) {
            common = intersect(common, leads.get(l).unusableSegments());
        }
        return common;
    }

    /** Two-pointer intersection of two sorted, non-overlapping segment lists (linear time). */
    private static List<QualitySegment> intersect(List<QualitySegment> a, List<QualitySegment> b) {
        List<QualitySegment> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            QualitySegment x = a.get(i);
            QualitySegment y = b.get(j);
            int start = Math.max(x.startSample(), y.startSample());
            int end = Math.min(x.endSample(), y.endSample());
            if (start < end) {
                out.add(new QualitySegment(start, end, x.issue()));
            }
            if (x.endSample() < y.endSample()) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /** Fraction of samples where no lead is usable. */
    public double unusableFraction() {
        if (leads.isEmpty() || leads.get(0).sampleCount() == 0) {
            return 0;
        }
        long total = 0;
        for (QualitySegment segment : unusableInAllLeads()) {
            total += segment.lengthSamples();
        }
        return (double) total / leads.get(0).sampleCount();
    }
}

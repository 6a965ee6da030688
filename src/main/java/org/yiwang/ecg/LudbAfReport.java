package org.yiwang.ecg;

import java.util.List;
import org.yiwang.ecg.signal.rhythm.RhythmLabel;

/**
 * Atrial-fibrillation calls on LUDB's clinical 12-lead ECGs against the rhythm diagnosis in each header, with the AF
 * network and with the RR model alone: an independent check (the network was not trained on these records).
 *
 * @param records every scored record
 */
public record LudbAfReport(List<Record> records) {

    public LudbAfReport {
        records = List.copyOf(records);
    }

    /**
     * One record.
     *
     * @param name              record name
     * @param rhythm            the header's {@code #Rhythm:} diagnosis
     * @param withNetwork       rhythm called with the AF network
     * @param probabilityWith   AF probability with the network (NaN when not measured)
     * @param networkLogit      the network's logit
     * @param rrAlone           rhythm called by the RR model alone
     * @param probabilityRr     AF probability of the RR model alone
     */
    public record Record(String name, String rhythm, RhythmLabel withNetwork, double probabilityWith,
            double networkLogit, RhythmLabel rrAlone, double probabilityRr) {

        public boolean atrialFibrillation() {
            return rhythm.toLowerCase(java.util.Locale.ROOT).contains("atrial fibrillation");
        }

        /** Whether AF was called with the network ({@code network}) or by the RR model alone. */
        public boolean calledAf(boolean network) {
            return (network ? withNetwork : rrAlone) == RhythmLabel.ATRIAL_FIBRILLATION;
        }
    }

    /** {TP, FN, FP, TN} of the AF calls with the network ({@code network}) or by the RR model alone. */
    public int[] counts(boolean network) {
        int[] c = new int[4];
        for (Record r : records) {
            boolean called = r.calledAf(network);
            c[r.atrialFibrillation() ? (called ? 0 : 1) : (called ? 2 : 3)]++;
        }
        return c;
    }
}

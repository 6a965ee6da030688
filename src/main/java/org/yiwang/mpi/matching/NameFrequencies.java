package org.yiwang.mpi.matching;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How common each name is (by its pinyin key, so 王伟, 王威 and Wang Wei count together), for the frequency
 * adjustment of name agreement: agreeing on 王伟 says less than agreeing on a rare name. The mpi module can back
 * this by counts kept in PostgreSQL; {@link #count} builds it from a batch.
 */
public interface NameFrequencies {

    /** Share of records that carry this key, in (0, 1]; 0 when unknown. */
    double share(String key);

    /** Chance that two random records agree on the key: Σ share². */
    double agreementChance();

    /** No adjustment. */
    static NameFrequencies none() {
        return Counted.NONE;
    }

    /** From counts per key. */
    static NameFrequencies of(Map<String, Long> counts) {
        return new Counted(counts);
    }

    /** Counts the keys of a batch of records. */
    static NameFrequencies count(Collection<PreparedRecord> records, LinkageProfile profile) {
        Map<String, Long> counts = new HashMap<>();
        for (PreparedRecord record : records) {
            String key = profile.frequencyKey(record);
            if (key != null && !key.isEmpty()) {
                counts.merge(key, 1L, Long::sum);
            }
        }
        return new Counted(counts);
    }

    /** Counts held in memory. */
    final class Counted implements NameFrequencies {

        static final Counted NONE = new Counted(Map.of());

        private final Map<String, Long> counts;
        private final double total;
        private final double agreementChance;

        Counted(Map<String, Long> counts) {
            this.counts = Map.copyOf(counts);
            this.total = counts.values().stream().mapToLong(Long::longValue).sum();
            double sum = 0;
            for (long c : counts.values()) {
                sum += (c / total) * (c / total);
            }
            this.agreementChance = total == 0 ? 0 : sum;
        }

        @Override
        public double share(String key) {
            Long c = counts.get(key);
            return c == null || total == 0 ? 0 : c / total;
        }

        @Override
        public double agreementChance() {
            return agreementChance;
        }
    }
}

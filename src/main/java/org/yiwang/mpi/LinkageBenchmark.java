package org.yiwang.mpi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.yiwang.mpi.matching.Blocking;
import org.yiwang.mpi.matching.CandidatePairs;
import org.yiwang.mpi.matching.Decision;
import org.yiwang.mpi.matching.ExpectationMaximisation;
import org.yiwang.mpi.matching.LinkageProfile;
import org.yiwang.mpi.matching.MatchModel;
import org.yiwang.mpi.matching.NameFrequencies;
import org.yiwang.mpi.matching.PersonRecord;
import org.yiwang.mpi.matching.PreparedRecord;
import org.yiwang.mpi.matching.RecordLinkage;
import org.yiwang.mpi.matching.ScoredPair;
import org.yiwang.mpi.matching.SyntheticResidents;

/**
 * Times a batch deduplication of synthetic Chinese resident registrations stage by stage (the pure engine holds
 * no clock, so the stages are called and timed here): preparation, blocking, agreement patterns, u from random
 * pairs, EM, scoring. Also scores the result against the generator's truth.
 */
public final class LinkageBenchmark {

    private LinkageBenchmark() {
    }

    /** Stage times in seconds, sizes and accuracy against the generator's truth. */
    public record Result(int records, long candidatePairs, int oversizedBlocks, double generateSeconds,
                         double prepareSeconds, double blockingSeconds, double patternSeconds, double uSeconds,
                         double emSeconds, double scoreSeconds, int emIterations, long links, long reviews,
                         long trueLinks, long truePairs) {

        /** Seconds of the deduplication itself (generation excluded). */
        public double totalSeconds() {
            return prepareSeconds + blockingSeconds + patternSeconds + uSeconds + emSeconds + scoreSeconds;
        }

        public double precision() {
            return links == 0 ? 1 : (double) trueLinks / links;
        }

        public double recall() {
            return truePairs == 0 ? 1 : (double) trueLinks / truePairs;
        }
    }

    /** Generates {@code records} registrations (about 30 % of persons registered 2–4 times) and deduplicates them. */
    public static Result run(int records, long seed, Executor executor) {
        long t0 = System.nanoTime();
        List<SyntheticResidents.Registration> registrations = SyntheticResidents.generate(
                (int) Math.ceil(records / 1.55), 0.3, seed);
        if (registrations.size() > records) {
            registrations = registrations.subList(0, records);
        }
        List<PersonRecord> input = registrations.stream().map(SyntheticResidents.Registration::record).toList();
        long t1 = System.nanoTime();
        LinkageProfile profile = LinkageProfile.chineseResidents();
        RecordLinkage.BatchOptions options = RecordLinkage.BatchOptions.defaults();
        List<PreparedRecord> prepared = RecordLinkage.prepareAll(input, executor);
        long t2 = System.nanoTime();
        CandidatePairs pairs = Blocking.deduplication(profile, prepared, options.maxBlockSize(), executor);
        long t3 = System.nanoTime();
        RecordLinkage engine = RecordLinkage.chineseResidents()
                .withFrequencies(NameFrequencies.count(prepared, profile));
        long[] patterns = engine.patterns(prepared, pairs, executor);
        long t4 = System.nanoTime();
        double[][] u = ExpectationMaximisation.estimateU(profile.comparisons(), prepared, options.randomPairsForU(),
                options.seed(), executor);
        long t5 = System.nanoTime();
        Map<Long, Long> counts = ExpectationMaximisation.countPatterns(patterns);
        ExpectationMaximisation.Fit fit = ExpectationMaximisation.fit(profile.defaultModel(), counts,
                options.maxIterations(), options.tolerance());
        double[][] randomU = new double[u.length][];
        for (int f = 0; f < u.length; f++) {
            randomU[f] = profile.uFromRandomPairs(f) ? u[f] : null;
        }
        MatchModel model = ExpectationMaximisation.fitPrior(fit.model().withU(randomU), counts,
                options.maxIterations(), options.tolerance()).model();
        long t6 = System.nanoTime();
        ScoredPair[] scored = engine.withModel(model).scoreAll(prepared, pairs, patterns, executor);
        long t7 = System.nanoTime();
        long links = 0;
        long reviews = 0;
        long trueLinks = 0;
        for (ScoredPair pair : scored) {
            if (pair.decision() == Decision.LINK) {
                links++;
                if (registrations.get(pair.left()).person() == registrations.get(pair.right()).person()) {
                    trueLinks++;
                }
            } else if (pair.decision() == Decision.REVIEW) {
                reviews++;
            }
        }
        long truePairs = 0;
        for (int i = 0, start = 0; i <= registrations.size(); i++) {
            if (i == registrations.size() || registrations.get(i).person() != registrations.get(start).person()) {
                long size = i - start;
                truePairs += size * (size - 1) / 2;
                start = i;
            }
        }
        return new Result(prepared.size(), pairs.size(), pairs.oversizedBlocks(), seconds(t0, t1), seconds(t1, t2),
                seconds(t2, t3), seconds(t3, t4), seconds(t4, t5), seconds(t5, t6), seconds(t6, t7),
                fit.iterations(), links, reviews, trueLinks, truePairs);
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}

package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.yiwang.mpi.LinkageEvaluation.Format;
import org.yiwang.testing.ReferenceData;

/**
 * Issue 3's matching targets held on the public reference sets (../shared/data/linkage): a change to the engine
 * that loses accuracy fails here, not only in docs/benchmarks.md. Default thresholds and model, as
 * {@code linkage-eval} runs them.
 */
class LinkageTargetsOnReferenceDataTests {

    private static LinkageEvaluation.Report evaluate(Format format, String file) throws Exception {
        Path input = ReferenceData.require(file);
        return LinkageEvaluation.evaluate(new LinkageEvaluation.Request(format, input, null, null, null, 500,
                Runnable::run));
    }

    @Test
    void febrlDeduplicationKeepsEveryTruePairInBlockingAndReachesF1Of099() throws Exception {
        for (String dataset : new String[] {"dataset1.csv", "dataset2.csv", "dataset3.csv"}) {
            LinkageEvaluation.Report report = evaluate(Format.FEBRL, "linkage/febrl/" + dataset);
            assertThat(report.blockingRecall()).as("%s pairs kept by blocking", dataset).isEqualTo(1.0);
            assertThat(report.f1()).as("%s F1", dataset).isGreaterThanOrEqualTo(0.99);
        }
    }

    @Test
    void chineseResidentSampleLinksWithPrecisionOf0999AndRecallOf097() throws Exception {
        // a false merge mixes two people's health records: precision first
        LinkageEvaluation.Report report = evaluate(Format.CN_RESIDENT, "linkage/cn/residents-sample.csv");
        assertThat(report.precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(report.recall()).isGreaterThanOrEqualTo(0.97);
    }
}

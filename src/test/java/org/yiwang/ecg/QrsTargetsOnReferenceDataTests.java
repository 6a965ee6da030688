package org.yiwang.ecg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.yiwang.testing.ReferenceData;

/**
 * Issue 5's QRS detection target held on the MIT-BIH records provided (../shared/data/ecg/mitdb), scored the AAMI
 * EC57 way as {@code ecg-eval --qrs} does; a detector change that loses beats fails here. Speed is not asserted
 * (measured by the command, see docs/benchmarks.md).
 */
class QrsTargetsOnReferenceDataTests {

    @Test
    void detectsMitBihBeatsWithGrossSensitivityAndPositivePredictivityOf998() throws Exception {
        QrsEvaluationReport report = new EcgEvaluation().evaluateQrs(ReferenceData.require("ecg/mitdb"));
        assertThat(report.referenceBeats()).isGreaterThan(40_000);
        assertThat(report.grossSensitivityPercent()).isGreaterThanOrEqualTo(99.8);
        assertThat(report.grossPositivePredictivityPercent()).isGreaterThanOrEqualTo(99.8);
    }
}

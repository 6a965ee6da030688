package org.yiwang.mpi.matching;

/**
 * One line of a pair's explanation: how a field compared ({@code level} name, or {@code MISSING}) and the weight
 * it added to the score in bits (log2 of m/u, plus the frequency adjustment for names).
 */
public record FieldAgreement(String field, String level, double weightBits) {
}

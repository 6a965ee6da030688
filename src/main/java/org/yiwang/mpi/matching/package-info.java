/**
 * Pure record-linkage engine of the master patient index (JDK only, no Spring, no I/O, no clock, no threads).
 *
 * <p>How the mpi module uses it:
 * <ul>
 *   <li>{@link org.yiwang.mpi.matching.ChineseNames#toneless} / {@link org.yiwang.mpi.matching.ChineseNames#simplified}:
 *       pinyin and simplified form of a name at registration.</li>
 *   <li>{@link org.yiwang.mpi.matching.RecordLinkage#prepare} a {@link org.yiwang.mpi.matching.PersonRecord} once;
 *       {@link org.yiwang.mpi.matching.RecordLinkage#blockingKeys} gives the keys to store and index (blind-index the
 *       {@link org.yiwang.mpi.matching.BlockingKey#identifying identifying} ones) so that a new registration's
 *       candidates are found with one indexed lookup.</li>
 *   <li>{@link org.yiwang.mpi.matching.RecordLinkage#compare} a new registration with each candidate: weight,
 *       posterior probability, {@link org.yiwang.mpi.matching.Decision} (LINK / REVIEW / NON_MATCH) and the
 *       field-by-field explanation for the review screen.</li>
 *   <li>{@link org.yiwang.mpi.matching.RecordLinkage#deduplicate} a whole batch on a caller-supplied executor; the
 *       fitted {@link org.yiwang.mpi.matching.MatchModel} serialises with {@code toText()} / {@code parse()}.</li>
 * </ul>
 * Thresholds are posterior match probabilities in {@link org.yiwang.mpi.matching.MatchThresholds}; the ID rules
 * (equal valid ID number with agreeing name links; equal ID number with conflicting name or birth date goes to
 * review) are in the Chinese resident profile.
 */
package org.yiwang.mpi.matching;

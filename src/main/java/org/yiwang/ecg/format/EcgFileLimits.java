package org.yiwang.ecg.format;

/**
 * Memory guards for decoding an upload, checked before the samples are allocated (as early as each format allows:
 * from the WFDB header, from the FHIR {@code data} length, while reading CSV rows and aECG digits).
 *
 * <p>Decoded samples are {@code int} microvolts (4 bytes), and a reader briefly holds the raw bytes, the decoded
 * samples and the {@code EcgRecording} copy, so {@code maxTotalSamples} is what bounds memory.
 *
 * @param maxLeads          leads per recording
 * @param maxSamplesPerLead samples in one lead
 * @param maxTotalSamples   leads × samples per lead
 * @param maxTotalBytes     bytes of all files of one upload together
 */
public record EcgFileLimits(int maxLeads, long maxSamplesPerLead, long maxTotalSamples, long maxTotalBytes) {

    /**
     * Defaults for a county ECG network: 16 leads (12 standard plus right-sided/posterior V3R–V9 or X/Y/Z);
     * 43,200,000 samples per lead (24 h at 500 Hz, a Holter's day at the highest common rate); 65,000,000 samples
     * in all (a 24 h Holter with 3 leads at 250 Hz = 64.8 M, or 2 leads at 360 Hz = 62.2 M; a resting 12-lead 10 s
     * at 500 Hz is 60,000), which is at most 260 MB of decoded samples per copy; 256 MiB of files (24 h × 3 leads at
     * 250 Hz in WFDB format 16 is 130 MB, in format 212 97 MB; text formats are for short recordings).
     */
    public static final EcgFileLimits DEFAULT = new EcgFileLimits(16, 43_200_000L, 65_000_000L, 256L << 20);

    /**
     * Limits for WFDB (formats 212 and 16) decoded block by block while it is stored, where the samples never sit in
     * memory together: 16 leads × 43,200,000 samples = 691,200,000 samples in all (24 h of 16 leads at 500 Hz; a
     * 24 h 12-lead Holter at 500 Hz is 518.4 M), and 1 GiB of files (that Holter in format 16 is 1.04 GB, in format
     * 212 0.78 GB). Memory is bounded by the block size, not by these.
     */
    public static final EcgFileLimits STREAMED = new EcgFileLimits(16, 43_200_000L, 16L * 43_200_000L, 1L << 30);

    /** These limits with another bound on the bytes of all files together. */
    public EcgFileLimits withMaxTotalBytes(long bytes) {
        return new EcgFileLimits(maxLeads, maxSamplesPerLead, maxTotalSamples, bytes);
    }

    /** No limits beyond what a Java array can hold (for trusted local files such as the evaluation data). */
    public static final EcgFileLimits UNLIMITED = new EcgFileLimits(Integer.MAX_VALUE, Integer.MAX_VALUE - 8,
            Long.MAX_VALUE, Long.MAX_VALUE);

    public EcgFileLimits {
        if (maxLeads < 1 || maxSamplesPerLead < 1 || maxTotalSamples < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    void checkBytes(long bytes) throws EcgFormatException {
        if (bytes > maxTotalBytes) {
            throw new EcgFormatException(EcgFormatProblem.TOO_LARGE, "the upload holds " + bytes
                    + " bytes, more than the limit of " + maxTotalBytes, bytes, maxTotalBytes);
        }
    }

    void checkLeads(String file, long leads) throws EcgFormatException {
        if (leads > maxLeads) {
            throw new EcgFormatException(EcgFormatProblem.TOO_MANY_LEADS, file + ": " + leads
                    + " leads, more than the limit of " + maxLeads, file, leads, maxLeads);
        }
    }

    /** Checks samples per lead, and their product with {@code leads}. */
    void checkSamples(String file, long leads, long samplesPerLead) throws EcgFormatException {
        checkLeads(file, leads);
        if (samplesPerLead > maxSamplesPerLead) {
            throw new EcgFormatException(EcgFormatProblem.TOO_MANY_SAMPLES, file + ": " + samplesPerLead
                    + " samples per lead, more than the limit of " + maxSamplesPerLead, file, samplesPerLead,
                    maxSamplesPerLead);
        }
        if (leads * samplesPerLead > maxTotalSamples) {
            long allowed = maxTotalSamples / Math.max(1, leads);
            throw new EcgFormatException(EcgFormatProblem.TOO_MANY_SAMPLES, file + ": " + leads + " leads × "
                    + samplesPerLead + " samples exceed the limit of " + maxTotalSamples + " samples in all ("
                    + allowed + " per lead at " + leads + " leads)", file, samplesPerLead, allowed);
        }
    }

    /**
     * A reader that stopped at {@code stoppedAt} samples of {@code lead} (the smaller of the per-lead limit and what
     * the total limit left for this lead) without knowing the full length.
     */
    static EcgFormatException tooManySamples(String file, String lead, long stoppedAt, EcgFileLimits limits) {
        return new EcgFormatException(EcgFormatProblem.TOO_MANY_SAMPLES, file + ": lead " + lead + " has more than "
                + stoppedAt + " samples, beyond the limits of " + limits.maxSamplesPerLead() + " per lead and "
                + limits.maxTotalSamples() + " in all", file, "> " + stoppedAt, stoppedAt);
    }
}

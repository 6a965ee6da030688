package org.yiwang.ecg.format;

/**
 * One signal line of a WFDB header.
 *
 * @param byteOffset      bytes to skip at the start of the file (the {@code +24} of {@code 16+24})
 * @param gainAduPerUnit  ADC units per physical unit (200 if the header gives 0 or nothing)
 * @param baseline        digital value of physical zero (defaults to adcZero)
 * @param units           physical units, {@code mV} if not given
 * @param initialValue    first sample as declared, or null
 * @param checksum        16-bit sum of all samples as declared, or null
 */
public record WfdbSignal(String fileName, WfdbSignalFormat format, int byteOffset, double gainAduPerUnit,
        int baseline, String units, int adcResolution, int adcZero, Integer initialValue, Integer checksum,
        int blockSize, String description) {

    /** Microvolts per physical unit of this signal's units, e.g. 1000 for mV. */
    double microvoltsPerUnit() {
        return switch (units) {
            case "uV", "µV", "microV" -> 1;
            case "V" -> 1_000_000;
            default -> 1000;
        };
    }

    /** Physical value in microvolts of a digital sample. */
    public int toMicrovolts(int digital) {
        return (int) Math.round((digital - baseline) / gainAduPerUnit * microvoltsPerUnit());
    }
}

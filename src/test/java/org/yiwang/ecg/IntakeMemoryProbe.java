package org.yiwang.ecg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yiwang.ecg.format.DecodedEcg;
import org.yiwang.ecg.format.EcgFile;
import org.yiwang.ecg.format.EcgFileLimits;
import org.yiwang.ecg.format.EcgFiles;
import org.yiwang.ecg.format.WfdbBlockReader;
import org.yiwang.ecg.signal.EcgRecording;

/**
 * What one node does with a WFDB upload's samples at intake, without the database, run in a JVM of its own by
 * {@code EcgIntakeBenchmark} under a given {@code -Xmx}: {@code stream} decodes block by block into encoded sample
 * blocks (the intake since the streamed WFDB path); {@code memory} decodes the whole record and then cuts the blocks
 * (the intake before it). Prints one line; exits 0 when it fits the heap, 3 on OutOfMemoryError.
 * {@code java -cp … org.yiwang.ecg.IntakeMemoryProbe stream|memory DIR RECORD}
 */
public final class IntakeMemoryProbe {

    private IntakeMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path dir = Path.of(args[1]);
        String record = args[2];
        long started = System.nanoTime();
        try {
            long[] result = mode.equals("stream") ? stream(dir, record) : memory(dir, record);
            System.out.printf("ok samples=%d encodedBytes=%d seconds=%.1f%n", result[0], result[1],
                    (System.nanoTime() - started) / 1e9);
            System.exit(0);
        } catch (OutOfMemoryError e) {
            System.out.println("oom");
            System.exit(3);
        } catch (org.yiwang.ecg.format.EcgFormatException e) {
            System.out.println("refused " + e.problem() + ": " + e.getMessage());
            System.exit(4);
        }
    }

    static long[] stream(Path dir, String record) throws Exception {
        byte[] header = Files.readAllBytes(dir.resolve(record + ".hea"));
        WfdbBlockReader.SignalFiles files = new WfdbBlockReader.SignalFiles() {
            @Override
            public long length(String name) {
                try {
                    return Files.exists(dir.resolve(name)) ? Files.size(dir.resolve(name)) : -1;
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override
            public InputStream open(String name) throws IOException {
                return Files.newInputStream(dir.resolve(name));
            }
        };
        long encoded = 0;
        try (WfdbBlockReader reader = WfdbBlockReader.open(record + ".hea", header, files, EcgFileLimits.STREAMED)) {
            int blockSamples = (int) Math.round(reader.header().samplingRateHz() * 10);
            int[][] block = new int[reader.leadNames().size()][blockSamples];
            for (int n = reader.read(block); n > 0; n = reader.read(block)) {
                encoded += SampleCodec.encode(block, 0, n).length;
            }
            reader.verify();
            return new long[] {reader.sampleCount() * reader.leadNames().size(), encoded};
        }
    }

    static long[] memory(Path dir, String record) throws Exception {
        List<EcgFile> files = List.of(new EcgFile(record + ".hea", Files.readAllBytes(dir.resolve(record + ".hea"))),
                new EcgFile(record + ".dat", Files.readAllBytes(dir.resolve(record + ".dat"))));
        DecodedEcg decoded = EcgFiles.read(files, EcgFileLimits.DEFAULT);
        EcgRecording samples = decoded.recording();
        int[][] microvolts = new int[samples.leadCount()][];
        for (int lead = 0; lead < microvolts.length; lead++) {
            microvolts[lead] = samples.leadMicrovolts(lead);
        }
        int blockSamples = (int) Math.round(samples.samplingRateHz() * 10);
        long encoded = 0;
        for (int from = 0; from < samples.sampleCount(); from += blockSamples) {
            encoded += SampleCodec.encode(microvolts, from, Math.min(samples.sampleCount(), from + blockSamples)).length;
        }
        return new long[] {(long) samples.sampleCount() * samples.leadCount(), encoded};
    }
}

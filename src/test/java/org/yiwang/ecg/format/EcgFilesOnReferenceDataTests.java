package org.yiwang.ecg.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.testing.ReferenceData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PhysioNet records in ../shared/data/ecg uploaded through {@link EcgFiles#read} (header, signal files and
 * {@code .atr} in memory, checked) give exactly what the evaluation reads from disk.
 */
class EcgFilesOnReferenceDataTests {

    private static List<Path> headers(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".hea")).sorted().toList();
        }
    }

    private static void uploadsEqualDiskReads(Path directory, boolean annotations) throws IOException {
        List<Path> headers = headers(directory);
        assertThat(headers).isNotEmpty();
        for (Path header : headers) {
            String record = header.getFileName().toString().replace(".hea", "");
            WfdbRecord fromDisk = WfdbReader.read(header);
            List<EcgFile> upload = new ArrayList<>();
            upload.add(new EcgFile(record + ".hea", Files.readAllBytes(header)));
            for (String file : fromDisk.header().signals().stream().map(WfdbSignal::fileName).distinct().toList()) {
                upload.add(new EcgFile(file, Files.readAllBytes(directory.resolve(file))));
            }
            Path atr = directory.resolve(record + ".atr");
            if (annotations && Files.exists(atr)) {
                upload.add(new EcgFile(record + ".atr", Files.readAllBytes(atr)));
            }

            DecodedEcg decoded = EcgFiles.read(upload, EcgFileLimits.DEFAULT);

            EcgRecording expected = fromDisk.toRecording();
            assertThat(decoded.recording().leadNames()).as(record).isEqualTo(expected.leadNames());
            assertThat(decoded.recording().samplingRateHz()).as(record).isEqualTo(expected.samplingRateHz());
            for (int lead = 0; lead < expected.leadCount(); lead++) {
                assertThat(decoded.recording().leadMicrovolts(lead)).as(record + " lead " + lead)
                        .isEqualTo(expected.leadMicrovolts(lead));
            }
            if (annotations && Files.exists(atr)) {
                assertThat(decoded.annotations()).as(record).isEqualTo(MitAnnotations.read(atr));
            }
        }
    }

    @Test
    void mitBihRecordsWithTheirReferenceAnnotationsReadAsFromDisk() throws IOException {
        uploadsEqualDiskReads(ReferenceData.require("ecg/mitdb"), true);
    }

    @Test
    void noiseStressRecordsInFormats16And212ReadAsFromDisk() throws IOException {
        uploadsEqualDiskReads(ReferenceData.require("ecg/nstdb"), true);
    }

    @Test
    void lobachevskyTwelveLeadRecordsReadAsFromDisk() throws IOException {
        uploadsEqualDiskReads(ReferenceData.require("ecg/ludb"), false);
    }
}

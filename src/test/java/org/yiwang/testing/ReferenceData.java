package org.yiwang.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The public reference data beside the repository ({@code ../shared/data}), read where it lies and never copied in.
 * Without it the tests that hold the evaluation figures to their targets are skipped with a loud message on a
 * developer machine, and fail in CI ({@code CI=true}), where it is always present.
 */
public final class ReferenceData {

    private static final Path ROOT = Path.of(System.getenv().getOrDefault("YIWANG_SHARED_DATA", "../shared/data"));

    private ReferenceData() {
    }

    /** {@code relative} under the shared data folder, which must exist. */
    public static Path require(String relative) {
        Path path = ROOT.resolve(relative);
        if (!Files.exists(path)) {
            String message = "NO REFERENCE DATA at " + path.toAbsolutePath().normalize()
                    + ": the evaluation targets cannot be checked (set YIWANG_SHARED_DATA).";
            System.err.println("\n!!!!!!!! " + message + " !!!!!!!!\n");
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return path;
    }
}

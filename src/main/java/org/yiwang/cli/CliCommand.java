package org.yiwang.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of {@code java -jar yiwang.jar <name> [args...]}. Implementations are beans of this module;
 * they call other modules' public façades and print results to {@code out}.
 */
public interface CliCommand {

    /** The name typed after the jar, e.g. {@code audit-verify}. */
    String name();

    /** One line for the usage listing. */
    String description();

    /** Runs with the arguments after the name; returns the process exit status (0 = success). */
    int run(List<String> args, PrintStream out) throws Exception;
}

package org.yiwang.cli;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Runs the command named by the first argument in the "cli" profile and keeps its exit status. */
@Component
@Profile("cli")
class CommandDispatcher implements ApplicationRunner, ExitCodeGenerator {

    private final Map<String, CliCommand> commands;
    private int exitCode;

    CommandDispatcher(List<CliCommand> commands) {
        this.commands = commands.stream().collect(Collectors.toMap(CliCommand::name, Function.identity()));
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        String[] args = arguments.getSourceArgs();
        CliCommand command = args.length == 0 ? null : commands.get(args[0]);
        if (command == null) {
            System.err.println(args.length == 0 ? "No command given." : "Unknown command: " + args[0]);
            System.err.println("Usage: java -jar yiwang.jar <command> [arguments]   (no command starts the server)");
            commands.values().stream().sorted(Comparator.comparing(CliCommand::name))
                    .forEach(c -> System.err.printf("  %-16s %s%n", c.name(), c.description()));
            exitCode = 2;
            return;
        }
        exitCode = command.run(Arrays.asList(args).subList(1, args.length), System.out);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}

package org.yiwang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * {@code java -jar yiwang.jar} starts the server; {@code java -jar yiwang.jar <command> ...} runs a
 * command-line tool (see the {@code cli} module) without a web server and exits with its status.
 */
@SpringBootApplication
@EnableScheduling
public class YiwangApplication {

    public static void main(String[] args) {
        if (isCommand(args)) {
            SpringApplication app = new SpringApplication(YiwangApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setAdditionalProfiles("cli");
            ConfigurableApplicationContext context = app.run(args);
            System.exit(SpringApplication.exit(context));
        }
        SpringApplication.run(YiwangApplication.class, args);
    }

    /** A first argument that is not an option ({@code --server.port=...}) names a command. */
    static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }
}

package dev.siyu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.OffsetDateTime;

/**
 * The {@code siyu} command line: {@code evaluate}, {@code test}, {@code check} and {@code demo}
 * (CONTRACT.md "Command line").
 */
@Command(name = "siyu", mixinStandardHelpOptions = true, version = "siyu 0.1.0",
        description = "Runs the private-domain customer-operations playbook on customers and touchpoints.",
        subcommands = {DemoCommand.class, SimulateCommand.class, ReportCommand.class, EvaluateCommand.class,
                TestCommand.class, CheckCommand.class, GenerateCommand.class, RunCommand.class})
public final class SiyuCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Only warnings and errors on the terminal; -Dorg.slf4j.simpleLogger.defaultLogLevel=info shows more.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with Siyu's converters, for {@code main} and tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SiyuCli());
        commandLine.registerConverter(OffsetDateTime.class, OffsetDateTime::parse);
        commandLine.registerConverter(java.time.LocalDate.class, java.time.LocalDate::parse);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

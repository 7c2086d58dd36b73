package dev.siyu.cli;

import dev.siyu.error.SiyuException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The {@code siyu} command line (docs/contract.md "Command line"). Every command takes
 * {@code --help}; {@code siyu help COMMAND} prints the same. Exit codes: 0 done, 1 done with
 * failures (bad lines, failing scenarios, rule errors), 2 a wrong command line or a file that
 * cannot be used. A user's error is one line on standard error, never a stack trace.
 *
 * <p>Not thread-safe: one command line per run.
 */
@Command(name = "siyu", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Runs the private-domain customer-operations playbook on customers and touchpoints: "
                + "evaluates them, replays shops, reports the funnel, tests and checks rule files, runs the runtime.",
        subcommands = {DemoCommand.class, GenerateCommand.class, SimulateCommand.class, ReportCommand.class,
                EvaluateCommand.class, TestCommand.class, CheckCommand.class, RunCommand.class, SopCommand.class,
                WeComCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {SiyuCli.EXIT_OK, SiyuCli.EXIT_FAILED, SiyuCli.EXIT_USAGE},
        footer = {"", "Run 'siyu help COMMAND' or 'siyu COMMAND --help' for a command's options.",
                "The JSON shapes and every command: docs/contract.md."})
public final class SiyuCli implements Runnable {
    static final String EXIT_OK = "0:done, nothing failed";
    static final String EXIT_FAILED = "1:done, but something failed (a bad input line, a failing scenario, "
            + "a rule-file error); each is reported on standard error";
    static final String EXIT_USAGE = "2:nothing done: a wrong command line, or a file that is missing, "
            + "unreadable or not the kind of file the command expects";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Only warnings and errors on the terminal; -Dorg.slf4j.simpleLogger.defaultLogLevel=info shows more.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with Siyu's converters and error handling, for {@code main} and tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SiyuCli());
        commandLine.registerConverter(OffsetDateTime.class, OffsetDateTime::parse);
        commandLine.registerConverter(LocalDate.class, LocalDate::parse);
        commandLine.registerConverter(java.time.Duration.class, java.time.Duration::parse);
        commandLine.registerConverter(java.time.ZoneId.class, java.time.ZoneId::of);
        commandLine.setParameterExceptionHandler(SiyuCli::usageError);
        commandLine.setExecutionExceptionHandler(SiyuCli::executionError);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(parseExitCodes());
            for (CommandLine nested : sub.getSubcommands().values()) {
                nested.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                        .exitCodeList(parseExitCodes());
            }
        }
        return commandLine;
    }

    private static java.util.Map<String, String> parseExitCodes() {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (String entry : new String[] {EXIT_OK, EXIT_FAILED, EXIT_USAGE}) {
            int colon = entry.indexOf(':');
            codes.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return codes;
    }

    /** A wrong command line: one line saying what, and where to find the usage. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getColorScheme().errorText("siyu: " + e.getMessage()));
        String name = command.getCommandSpec().qualifiedName();
        err.println("Run '" + name + " --help' for usage.");
        err.flush();
        return 2;
    }

    /**
     * An error while the command ran. Errors of input (files, JSON, rule files) are the user's: one
     * line, exit 2. Anything else is a bug of Siyu: its stack trace, exit 1.
     */
    private static int executionError(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String message = userMessage(e);
        if (message == null) {
            err.println("siyu: internal error, please report it with this trace:");
            e.printStackTrace(err);
            err.flush();
            return 1;
        }
        err.println(command.getColorScheme().errorText("siyu: " + message));
        err.flush();
        return 2;
    }

    /** The one-line message of a user's error, or {@code null} for a bug. */
    static String userMessage(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoSuchFileException missing) {
                return "no such file: " + missing.getFile();
            }
            if (cause instanceof AccessDeniedException denied) {
                return "cannot read or write " + denied.getFile() + ": permission denied";
            }
        }
        if (e instanceof SiyuException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            return (e.getMessage() == null ? "" : e.getMessage())
                    + (cause != null && cause != e && cause.getMessage() != null ? ": " + cause.getMessage() : "");
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

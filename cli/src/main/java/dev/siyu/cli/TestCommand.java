package dev.siyu.cli;

import dev.siyu.SiyuEngine;
import dev.siyu.scenario.ScenarioFailure;
import dev.siyu.scenario.ScenarioResult;
import dev.siyu.scenario.ScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code siyu test}: runs scenario files, one line per failed expectation, then "N passed, N failed". */
@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Runs scenario files (a file, or every *.json below a directory; the format is in "
                + "docs/contract.md) and prints one line per failed expectation and a closing line "
                + "'N passed, N failed'; exit 1 on any failure.")
final class TestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR_OR_FILE", description = "a scenario file or a directory of them")
    Path target;

    @CommandLine.Mixin
    RulesOption rules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(target)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file or directory: " + target
                    + " (expected a scenario file or a directory of them, e.g. rules/src/test/resources/scenarios)");
        }
        Optional<SiyuEngine> built = rules.engine(spec);
        if (built.isEmpty()) {
            return 1;
        }
        SiyuEngine engine = built.get();
        List<ScenarioResult> results = new ScenarioRunner(engine).runAll(target);
        int passed = 0;
        int failed = 0;
        for (ScenarioResult result : results) {
            if (result.passed()) {
                passed++;
            } else {
                failed++;
                for (ScenarioFailure failure : result.failures()) {
                    out.println("FAIL " + failure);
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}

package dev.siyu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code siyu demo}: the main job on the bundled sample shop. */
@Command(name = "demo", description = "Replays the bundled sample shop day by day (not yet available).")
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("""
                siyu demo: not yet. The sample shop and its day-by-day replay arrive with the demo issue.
                Meanwhile try the scenario runner on the example scenarios:
                  java -jar examples/target/siyu.jar test rules/src/test/resources/scenarios""");
        spec.commandLine().getOut().flush();
        return 0;
    }
}

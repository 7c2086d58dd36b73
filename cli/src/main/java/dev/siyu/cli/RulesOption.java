package dev.siyu.cli;

import dev.siyu.SiyuEngine;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** The {@code --rules DIR} option of the commands that evaluate, and the engine it gives. */
final class RulesOption {

    @Option(names = "--rules", paramLabel = "DIR", description = "an integrator's rule directory, layered on the default playbook")
    Path rules;

    /** The default playbook, plus the directory if given. */
    static SiyuEngine build(Path rulesDir) {
        SiyuEngine.Builder builder = SiyuEngine.builder().rules(RulePack.defaults());
        if (rulesDir != null) {
            builder.rules(RulePack.directory(rulesDir));
        }
        return builder.build();
    }

    /** The engine, or empty after printing every rule problem on the command's error stream. */
    Optional<SiyuEngine> engine(CommandLine.Model.CommandSpec spec) {
        try {
            return Optional.of(build(rules));
        } catch (RulePackException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return Optional.empty();
        }
    }
}

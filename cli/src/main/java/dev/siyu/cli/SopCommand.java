package dev.siyu.cli;

import dev.siyu.SiyuEngine;
import dev.siyu.sop.SopStep;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code siyu sop}: the SOP tables of the effective packs. */
@Command(name = "sop", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "The SOP tables (*.sop.csv, *.sop.xlsx) of the default playbook and a rule directory.",
        subcommands = {SopCommand.ListSteps.class, CommandLine.HelpCommand.class})
final class SopCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: list");
    }

    /** {@code siyu sop list}: every step, one line each. */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
            description = "Prints every SOP step of the effective packs, one line each: SOP/step, anchor, offset, task "
                    + "kind and script, audience, exit and restart events, re-entry, and the file and row it comes from.")
    static final class ListSteps implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        RulesOption rules;

        @Override
        public Integer call() {
            Optional<SiyuEngine> engine = rules.engine(spec);
            if (engine.isEmpty()) {
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            List<SopStep> steps = engine.get().sopTable().steps();
            for (SopStep step : steps) {
                out.println(line(step));
            }
            out.println(steps.size() + (steps.size() == 1 ? " step" : " steps") + " in "
                    + steps.stream().map(SopStep::sop).distinct().count() + " SOPs");
            out.flush();
            return 0;
        }
    }

    /** One step as {@code siyu sop list} prints it. */
    static String line(SopStep step) {
        StringBuilder line = new StringBuilder();
        line.append(step.id()).append(": ").append(step.anchor()).append(", ").append(step.offset())
                .append(" -> ").append(step.kind()).append(' ').append(step.script());
        step.owner().ifPresent(o -> line.append(" for ").append(o));
        step.channel().ifPresent(c -> line.append(" (").append(c).append(')'));
        line.append("; ").append(audience(step.audience()));
        if (!step.exitOn().isEmpty()) {
            line.append("; ends on ").append(String.join(" ", new TreeSet<>(step.exitOn())));
        }
        if (!step.restartOn().isEmpty()) {
            line.append("; restarts on ").append(String.join(" ", new TreeSet<>(step.restartOn())));
        }
        line.append("; re-entry ").append(step.reentry());
        if (!step.params().isEmpty()) {
            line.append("; params ").append(String.join(" ", step.params()));
        }
        if (!step.key().equals(SopStep.DEFAULT_KEY)) {
            line.append("; key ").append(step.key());
        }
        if (!step.endActions().isEmpty()) {
            line.append("; then ").append(String.join(" ", step.endActions().stream().map(Object::toString).toList()));
        }
        return line.append(" [").append(step.source()).append(']').toString();
    }

    private static String audience(SopStep.Audience a) {
        List<String> parts = new ArrayList<>();
        add(parts, "engagement", a.engagements());
        add(parts, "stage", a.stages());
        add(parts, "tier", a.tiers());
        add(parts, "tags", a.tags());
        add(parts, "not tags", a.notTags());
        add(parts, "source", a.sources());
        a.attributes().forEach((name, values) -> add(parts, name, values));
        return parts.isEmpty() ? "everyone" : String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, java.util.Set<String> values) {
        if (!values.isEmpty()) {
            parts.add(name + " " + String.join("|", new TreeSet<>(values)));
        }
    }
}

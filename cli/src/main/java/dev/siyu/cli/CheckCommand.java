package dev.siyu.cli;

import dev.siyu.SiyuEngine;
import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.pack.Typos;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code siyu check}: compiles a rule directory on top of the default playbook and lists every error. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Compiles a rule directory (layered on the default playbook) and prints every error as "
                + "file:line:column: message, then warnings for calls of deprecated mutators, likely typos and event types "
                + "no catalog declares; exit 1 on errors.")
final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the rule directory")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), (java.nio.file.Files.exists(dir)
                    ? dir + " is not a directory" : "no such directory: " + dir)
                    + " (expected a rule directory: *.drl, *.drl.csv, *.scripts.json, *.tags.csv files)");
        }
        try {
            SiyuEngine engine = RulesOption.build(dir);
            // the engine's warnings (deprecated mutators, undeclared event types) and likely typos in the
            // directory; types the default playbook's and the directory's event-type catalogs declare are known
            java.util.Set<Diagnostic> distinct = new java.util.LinkedHashSet<>(engine.warnings());
            distinct.addAll(Typos.of(List.of(RulePack.defaults()), engine.eventTypes().names())
                    .inRuleFiles(RulePack.directory(dir)));
            List<Diagnostic> warnings = List.copyOf(distinct);
            warnings.forEach(out::println);
            out.println("ok: " + dir + " compiles; the engine has " + engine.ruleNames().size() + " rules"
                    + (warnings.isEmpty() ? "" : "; " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings")));
            out.flush();
            return 0;
        } catch (RulePackException e) {
            for (Diagnostic diagnostic : e.diagnostics()) {
                out.println(diagnostic);
            }
            int n = e.diagnostics().size();
            out.println(n + (n == 1 ? " error" : " errors"));
            out.flush();
            return 1;
        }
    }
}

package dev.siyu.internal;

import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.pack.RuleResource;
import dev.siyu.pack.TagCatalog;
import dev.siyu.script.ScriptCatalog;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.drl.parser.ParserError;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.DecisionTableConfiguration;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.builder.conf.PropertySpecificOption;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rule packs compiled by Drools (classic DRL path) into one shared {@link KieBase}.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class RuleBase {
    private static final Logger LOG = LoggerFactory.getLogger(RuleBase.class);

    private final KieBase kieBase;
    private final List<String> ruleNames;
    private final List<Diagnostic> warnings;

    private RuleBase(KieBase kieBase, List<String> ruleNames, List<Diagnostic> warnings) {
        this.kieBase = kieBase;
        this.ruleNames = List.copyOf(ruleNames);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Compiles the packs in order.
     *
     * @throws RulePackException listing every error as file:line:column: message
     */
    public static RuleBase compile(List<RulePack> packs, TagCatalog catalog, ScriptCatalog scripts) {
        return compile(packs, catalog, scripts, PackCatalogs.of(packs));
    }

    /** {@link #compile(List, TagCatalog, ScriptCatalog)} with the packs' other catalogs already read. */
    public static RuleBase compile(List<RulePack> packs, TagCatalog catalog, ScriptCatalog scripts, PackCatalogs catalogs) {
        return Layers.parsingOnce(() -> compileParsingOnce(packs, catalog, scripts, catalogs));
    }

    private static RuleBase compileParsingOnce(List<RulePack> packs, TagCatalog catalog, ScriptCatalog scripts,
                                               PackCatalogs catalogs) {
        KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(
                null, RuleBase.class.getClassLoader());
        // Class reactivity: every modify of a fact re-evaluates the patterns on it. Rules guard
        // their own changes (e.g. engagement != REPEAT), which keeps rule files simple to reason about.
        conf.setOption(PropertySpecificOption.ALLOWED);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
        List<Diagnostic> tableProblems = new ArrayList<>(PackChecks.unknownTagGroups(packs, catalog));
        tableProblems.addAll(PackChecks.unknownScripts(packs, scripts));
        tableProblems.addAll(PackChecks.unknownTaskKinds(packs, catalogs.taskKinds()));
        tableProblems.addAll(Layers.shadowedRules(packs));
        tableProblems.addAll(Restrictions.check(packs));
        tableProblems.addAll(Isolation.check(packs));
        for (RulePack pack : packs) {
            for (RuleResource file : pack.resources()) {
                Resource resource = ResourceFactory.newByteArrayResource(file.content())
                        .setSourcePath(sourcePath(pack, file));
                if (file.isDrl()) {
                    builder.add(resource, ResourceType.DRL);
                } else if (file.isDecisionTable()) {
                    List<Diagnostic> cells = TierTableChecks.check(pack, file, scripts, catalogs.tiers());
                    if (!cells.isEmpty()) {
                        tableProblems.addAll(cells);
                        continue;
                    }
                    RuleResource drl = pack.isRestricted() ? TableDrl.of(file) : null;
                    if (drl != null) {
                        // compiled from the same text the restricted checks read, so they see what runs
                        builder.add(ResourceFactory.newByteArrayResource(drl.content()).setSourcePath(sourcePath(pack, file)),
                                ResourceType.DRL);
                        continue;
                    }
                    DecisionTableConfiguration table = KnowledgeBuilderFactory.newDecisionTableConfiguration();
                    table.setInputType(file.isCsvTable() ? DecisionTableInputType.CSV : DecisionTableInputType.XLS);
                    try {
                        builder.add(resource, ResourceType.DTABLE, table);
                    } catch (RuntimeException e) {
                        tableProblems.add(new Diagnostic(sourcePath(pack, file), 0, 0,
                                "unreadable decision table: " + e.getMessage()));
                    }
                }
            }
        }
        if (!builder.hasErrors()) {
            tableProblems.addAll(RestrictedBytecode.check(packs, builder)); // on what the compiler resolved
        }
        String packNames = packs.stream().map(p -> "'" + p.name() + "'").collect(Collectors.joining(" + "));
        if (builder.hasErrors() || !tableProblems.isEmpty()) {
            List<Diagnostic> diagnostics = new ArrayList<>(tableProblems);
            for (KnowledgeBuilderError error : builder.getErrors()) {
                diagnostics.add(diagnostic(error));
            }
            // "Parser returned a null Package" only repeats that a file had syntax errors.
            diagnostics.removeIf(d -> d.message().startsWith("Parser returned a null Package")
                    && diagnostics.stream().anyMatch(o -> o != d && o.file().equals(d.file())));
            throw new RulePackException(packNames, diagnostics);
        }
        for (KnowledgeBuilderResult warning : builder.getResults(ResultSeverity.WARNING)) {
            LOG.warn("rule pack {}: {}", packNames, diagnostic(warning));
        }
        KieBase kieBase = builder.newKieBase();
        List<Diagnostic> unknown = new ArrayList<>();
        for (Layers.Disabled disabled : Layers.disabledRules(packs)) {
            String packageName = null;
            for (KiePackage kiePackage : kieBase.getKiePackages()) {
                if (kiePackage.getRules().stream().anyMatch(r -> r.getName().equals(disabled.rule()))) {
                    packageName = kiePackage.getName();
                }
            }
            if (packageName == null) {
                Diagnostic where = disabled.where();
                unknown.add(new Diagnostic(where.file(), where.line(), where.column(),
                        "no rule named '" + disabled.rule() + "' to switch off"));
            } else {
                kieBase.removeRule(packageName, disabled.rule());
                LOG.info("rule '{}' switched off by {}", disabled.rule(), disabled.where().file());
            }
        }
        if (!unknown.isEmpty()) {
            throw new RulePackException(packNames, unknown);
        }
        List<String> names = new ArrayList<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                names.add(rule.getName());
            }
        }
        names.sort(null);
        List<Diagnostic> warnings = PackChecks.deprecatedCalls(packs);
        for (Diagnostic warning : warnings) {
            LOG.warn("rule pack {}: {}", packNames, warning);
        }
        return new RuleBase(kieBase, names, warnings);
    }

    /** The file name shown in diagnostics: the pack's relative path below its location. */
    static String sourcePath(RulePack pack, RuleResource file) {
        return pack.location() + file.path();
    }

    /** Types of the rule API that moved, old name to new: a rule file naming the old one is told where it went. */
    private static final Map<String, String> MOVED_TYPES = Map.of("dev.siyu.action.TaskKind", "dev.siyu.model.TaskKind");

    private static Diagnostic diagnostic(KnowledgeBuilderResult result) {
        Resource resource = result.getResource();
        String file = resource == null || resource.getSourcePath() == null ? "(unknown file)" : resource.getSourcePath();
        int[] lines = result.getLines();
        int line = lines == null || lines.length == 0 ? 0 : Math.max(lines[0], 0);
        int column = 0;
        if (result instanceof ParserError parserError) {
            line = Math.max(parserError.getRow(), 0);
            column = Math.max(parserError.getCol(), 0);
        } else if (result instanceof DescrBuildError buildError) {
            line = Math.max(buildError.getLine(), 0);
            column = Math.max(buildError.getColumn(), 0);
        }
        String message = result.getMessage() == null ? "(no message)" : result.getMessage();
        message = message.lines().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
        for (Map.Entry<String, String> moved : MOVED_TYPES.entrySet()) {
            if (message.contains(moved.getKey())) {
                message += " (" + moved.getKey() + " is now " + moved.getValue() + ": change the import)";
            }
        }
        return new Diagnostic(file, line, column, message);
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** What compiles but should be changed: calls of deprecated mutators, as file:line:column: warning: …. */
    public List<Diagnostic> warnings() {
        return warnings;
    }

    /** Every rule's name, sorted. */
    public List<String> ruleNames() {
        return ruleNames;
    }
}

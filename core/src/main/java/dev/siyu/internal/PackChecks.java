package dev.siyu.internal;

import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RuleResource;
import dev.siyu.pack.TagCatalog;
import dev.siyu.script.ScriptCatalog;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of a rule pack that the Drools compiler cannot make: tag groups used by rule files must be
 * in the tag catalog, and tier decision tables must hold known tiers and numeric thresholds. Each
 * problem names the file, line (or table row) and column.
 *
 * <p>Stateless and thread-safe.
 */
final class PackChecks {
    private static final Pattern TAG_CALL = Pattern.compile(
            "(?:(?:addTag|setExclusiveTag|removeTag|hasTag)\\(\\s*"
                    + "|TagProposal\\s*\\.\\s*(?:add|remove|exclusive)\\(\\s*[^,()]*(?:\\([^()]*\\))?[^,()]*,\\s*)"
                    + "\"([^\"/]*)/([^\"/]*)/");

    /** The deprecated mutators of {@code Profile} and the proposal that replaces each. */
    private static final java.util.Map<String, String> DEPRECATED = java.util.Map.ofEntries(
            java.util.Map.entry("setEngagement", "insert(new EngagementProposal($id, level))"),
            java.util.Map.entry("setStage", "insertLogical(new StageProposal($id, stage, rank))"),
            java.util.Map.entry("adoptStage", "insertLogical(new StageProposal($id, stage, rank))"),
            java.util.Map.entry("setTier", "insert(new TierProposal($id, tier))"),
            java.util.Map.entry("setOwner", "insert(new OwnerProposal($id, owner))"),
            java.util.Map.entry("addTag", "insert(TagProposal.add($id, tag))"),
            java.util.Map.entry("removeTag", "insert(TagProposal.remove($id, tag))"),
            java.util.Map.entry("setExclusiveTag", "insert(TagProposal.exclusive($id, tag))"),
            java.util.Map.entry("scheduleTask", "insert(new TaskProposal($id, key, kind, script, dueAt, values...))"),
            java.util.Map.entry("cancelTask", "insert(CancelProposal.task($id, key, reason))"),
            java.util.Map.entry("cancelTasks", "insert(CancelProposal.kind($id, kind, reason))"),
            java.util.Map.entry("cancelTasksWithKeyPrefix", "insert(CancelProposal.keyPrefix($id, prefix, reason))"),
            java.util.Map.entry("cancelProactiveTasks", "insert(CancelProposal.proactive($id, reason))"),
            java.util.Map.entry("alert", "insert(new AlertProposal($id, code, eventId))"),
            java.util.Map.entry("watch", "insert(WatchProposal.open($id, code, eventId, at, deadline))"),
            java.util.Map.entry("answerWatches", "insert(WatchProposal.answer($id, code, replyAt))"),
            java.util.Map.entry("closeWatch", "insert(WatchProposal.close($id, watch))"),
            java.util.Map.entry("suggestScript", "insert(new SuggestionProposal($id, script, values...))"),
            java.util.Map.entry("markOnce", "isMarked(key) in the conditions and insert(new MarkProposal($id, key))"),
            java.util.Map.entry("wakeUpAt", "insert(new WakeUpProposal($id, at))"));
    /** A call of a deprecated mutator: on an object ({@code $p.addTag(}) or inside {@code modify($p) { … }}. */
    private static final Pattern DEPRECATED_CALL = Pattern.compile(
            "(?:\\.|[{,])\\s*(" + String.join("|", new java.util.TreeSet<>(DEPRECATED.keySet())) + ")\\s*\\(");

    private PackChecks() {
    }

    private static final Pattern SCRIPT_LITERAL = Pattern.compile("\"([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)\"");

    /** Tag literals in rule consequences whose group the catalog does not know. */
    static List<Diagnostic> unknownTagGroups(List<RulePack> packs, TagCatalog catalog) {
        if (catalog.isEmpty()) {
            return List.of();
        }
        return scanConsequences(packs, TAG_CALL, match -> {
            String group = match.group(1) + "/" + match.group(2);
            return catalog.knows(group) ? null : "uses tag group '" + group + "', which is not in the tag catalog (known: "
                    + String.join(", ", catalog.groups().keySet()) + ")";
        });
    }

    /** Script ids written as literals in rule consequences that no script catalog has. */
    static List<Diagnostic> unknownScripts(List<RulePack> packs, ScriptCatalog scripts) {
        if (scripts.isEmpty()) {
            return List.of();
        }
        return scanConsequences(packs, SCRIPT_LITERAL, match -> scripts.knows(match.group(1)) ? null
                : "uses script '" + match.group(1) + "', which no script catalog has");
    }

    /**
     * Warnings, as {@code file:line:column: warning: …}, for every call of a deprecated
     * {@code Profile} mutator in a rule consequence or a function, naming the proposal to insert
     * instead.
     */
    static List<Diagnostic> deprecatedCalls(List<RulePack> packs) {
        List<Diagnostic> warnings = new ArrayList<>();
        for (RulePack pack : packs) {
            for (RuleResource file : pack.resources()) {
                if (!file.isDrl()) {
                    continue;
                }
                PackageDescr descr = Layers.parse(file);
                if (descr == null) {
                    continue;
                }
                String name = pack.location() + file.path();
                List<String> lines = new String(file.content(), StandardCharsets.UTF_8).lines().toList();
                for (RuleDescr rule : descr.getRules()) {
                    if (rule.getConsequence() instanceof String text) {
                        deprecatedCalls(name, lines, text, rule.getConsequenceLine(), "rule '" + rule.getName() + "'", warnings);
                    }
                }
                for (org.drools.drl.ast.descr.FunctionDescr function : descr.getFunctions()) {
                    deprecatedCalls(name, lines, function.getBody(), function.getLine(),
                            "function '" + function.getName() + "'", warnings);
                }
            }
        }
        warnings.sort(null);
        return List.copyOf(warnings);
    }

    private static void deprecatedCalls(String file, List<String> lines, String text, int firstLine, String who,
                                        List<Diagnostic> warnings) {
        if (text == null) {
            return;
        }
        Matcher matcher = DEPRECATED_CALL.matcher(text);
        while (matcher.find()) {
            String method = matcher.group(1);
            int line = firstLine + (int) text.substring(0, matcher.start(1)).chars().filter(c -> c == '\n').count();
            String message = "warning: " + who + " calls the deprecated Profile." + method
                    + ", which changes the customer behind the engine's back; use " + DEPRECATED.get(method)
                    + " (docs/rule-api.md)";
            // the consequence text may start on the line of "then" or the next: search from the line before
            warnings.add(Layers.locate(file, lines, Math.max(firstLine, line - 1), method, message));
        }
    }

    private static final Pattern KIND_LITERAL = Pattern.compile("TaskKind\\s*\\.\\s*valueOf\\(\\s*\"([^\"]*)\"\\s*\\)");

    /** Task kinds named as literals in rule consequences ({@code TaskKind.valueOf("CALL")}) that no catalog declares. */
    static List<Diagnostic> unknownTaskKinds(List<RulePack> packs, dev.siyu.pack.TaskKindCatalog kinds) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        return scanConsequences(packs, KIND_LITERAL, match -> {
            String name = match.group(1);
            if (dev.siyu.model.TaskKind.isValidName(name) && kinds.declares(dev.siyu.model.TaskKind.valueOf(name))) {
                return null;
            }
            return "uses task kind '" + name + "', which no task-kind catalog (*.task-kinds.csv) declares (known: "
                    + String.join(" ", kinds.kinds().stream().map(dev.siyu.model.TaskKind::name).toList()) + ")";
        });
    }

    private static List<Diagnostic> scanConsequences(List<RulePack> packs, Pattern pattern,
                                                     java.util.function.Function<Matcher, String> check) {
        List<Diagnostic> problems = new ArrayList<>();
        for (RulePack pack : packs) {
            for (RuleResource file : pack.resources()) {
                if (!file.isDrl()) {
                    continue;
                }
                PackageDescr descr = Layers.parse(file);
                if (descr == null) {
                    continue; // syntax errors are the compiler's to report
                }
                List<String> lines = new String(file.content(), StandardCharsets.UTF_8).lines().toList();
                for (RuleDescr rule : descr.getRules()) {
                    if (!(rule.getConsequence() instanceof String text)) {
                        continue;
                    }
                    Matcher matcher = pattern.matcher(text);
                    while (matcher.find()) {
                        String problem = check.apply(matcher);
                        if (problem == null) {
                            continue;
                        }
                        problems.add(Layers.locate(pack.location() + file.path(), lines, rule.getConsequenceLine(),
                                matcher.group(), "rule '" + rule.getName() + "' " + problem));
                    }
                }
            }
        }
        return problems;
    }
}

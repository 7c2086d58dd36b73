package dev.siyu.internal;

import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RuleResource;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How packs layer: a later pack's rule file or decision table replaces the earlier file with the
 * same path; {@code disabled-rules.txt} names rules to switch off; two rules with the same package
 * and name in different files are an error (one would silently shadow the other).
 *
 * <p>Stateless and thread-safe.
 */
public final class Layers {
    private static final Logger LOG = LoggerFactory.getLogger(Layers.class);

    private Layers() {
    }

    /** The packs with the rule files and tables that later packs replace taken out. */
    public static List<RulePack> effective(List<RulePack> packs) {
        List<RulePack> effective = new ArrayList<>();
        for (int i = 0; i < packs.size(); i++) {
            Set<String> replaced = new HashSet<>();
            for (RuleResource file : packs.get(i).resources()) {
                if (!file.isDrl() && !file.isDecisionTable()) {
                    continue;
                }
                for (int later = i + 1; later < packs.size(); later++) {
                    int j = later;
                    if (packs.get(j).resources().stream().anyMatch(r -> r.path().equals(file.path()))) {
                        replaced.add(file.path());
                        LOG.info("pack '{}' replaces {} of pack '{}'", packs.get(j).name(), file.path(), packs.get(i).name());
                        break;
                    }
                }
            }
            effective.add(replaced.isEmpty() ? packs.get(i) : packs.get(i).without(replaced));
        }
        return effective;
    }

    /** A rule to switch off, and where it was asked for. */
    public record Disabled(String rule, Diagnostic where) { }

    /** The rules that {@code disabled-rules.txt} files ask to switch off ('#' starts a comment). */
    public static List<Disabled> disabledRules(List<RulePack> packs) {
        List<Disabled> disabled = new ArrayList<>();
        for (RulePack pack : packs) {
            for (RuleResource file : pack.resources()) {
                if (!file.path().endsWith(RulePack.DISABLED_RULES)) {
                    continue;
                }
                int line = 0;
                for (String text : new String(file.content(), StandardCharsets.UTF_8).lines().toList()) {
                    line++;
                    String name = text.strip();
                    if (!name.isEmpty() && !name.startsWith("#")) {
                        disabled.add(new Disabled(name, new Diagnostic(pack.location() + file.path(), line, 1, "")));
                    }
                }
            }
        }
        return disabled;
    }

    /** Rules defined twice (same package and name) in different files. */
    public static List<Diagnostic> shadowedRules(List<RulePack> packs) {
        Map<String, String> first = new LinkedHashMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (RulePack pack : packs) {
            for (RuleResource file : pack.resources()) {
                if (!file.isDrl()) {
                    continue;
                }
                PackageDescr descr = parse(file);
                if (descr == null) {
                    continue;
                }
                Map<String, Integer> inThisFile = new HashMap<>();
                for (RuleDescr rule : descr.getRules()) {
                    String key = descr.getName() + "/" + rule.getName();
                    String here = pack.location() + file.path() + ":" + rule.getLine();
                    if (first.containsKey(key) && !inThisFile.containsKey(key)) {
                        problems.add(new Diagnostic(pack.location() + file.path(), rule.getLine(), rule.getColumn(),
                                "rule '" + rule.getName() + "' shadows the rule of the same name in " + first.get(key)
                                        + "; switch that one off in " + RulePack.DISABLED_RULES + " and give yours another name"));
                    } else {
                        first.putIfAbsent(key, here);
                    }
                    inThisFile.put(key, rule.getLine());
                }
            }
        }
        return problems;
    }

    /**
     * Where {@code text} first shows in {@code lines} at or after line {@code from}: a diagnostic for
     * {@code file} with that line and column, or line {@code from} and column 0 when it does not show.
     */
    static Diagnostic locate(String file, List<String> lines, int from, String text, String message) {
        for (int line = Math.max(from, 1); line <= lines.size(); line++) {
            int column = lines.get(line - 1).indexOf(text);
            if (column >= 0) {
                return new Diagnostic(file, line, column + 1, message);
            }
        }
        return new Diagnostic(file, from, 0, message);
    }

    /** The files parsed in the current {@link #parsingOnce} scope of this thread, or {@code null} outside one. */
    private static final ThreadLocal<java.util.Map<RuleResource, java.util.Optional<PackageDescr>>> PARSED = new ThreadLocal<>();

    /**
     * Runs {@code work} (one engine build and its checks) with each rule file parsed at most once:
     * the layer, restriction, isolation and catalog checks each read every file's description, which
     * is read-only for them. The parses are forgotten when {@code work} returns.
     */
    static <T> T parsingOnce(java.util.function.Supplier<T> work) {
        if (PARSED.get() != null) {
            return work.get();
        }
        PARSED.set(new java.util.HashMap<>());
        try {
            return work.get();
        } finally {
            PARSED.remove();
        }
    }

    /** The parser's description of {@code file}, or {@code null} on syntax errors (the compiler's to report). */
    static PackageDescr parse(RuleResource file) {
        java.util.Map<RuleResource, java.util.Optional<PackageDescr>> parsed = PARSED.get();
        if (parsed == null) {
            return parseNow(file);
        }
        return parsed.computeIfAbsent(file, f -> java.util.Optional.ofNullable(parseNow(f))).orElse(null);
    }

    private static PackageDescr parseNow(RuleResource file) {
        try {
            return new DrlParser().parse(false, new StringReader(new String(file.content(), StandardCharsets.UTF_8)));
        } catch (DroolsParserException e) {
            return null; // syntax errors are the compiler's to report
        }
    }
}

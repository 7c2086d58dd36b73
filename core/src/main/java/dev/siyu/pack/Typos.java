package dev.siyu.pack;

import dev.siyu.model.EventTypes;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Likely typos of event types and acquisition sources. Custom types and sources are allowed, so an
 * unknown one is not an error; but one that differs from a known one only in letter case, or by
 * one letter (one inserted, left out, changed or two swapped; two for names of eight letters or
 * more, e.g. {@code FRIEND_ADD} for {@code FRIEND_ADDED}), is almost always a mistake that would make
 * rules silently not fire. {@code siyu check} reports them in rule files, {@code siyu evaluate}
 * counts them in its input.
 *
 * <p>Immutable and thread-safe.
 */
public final class Typos {
    /** The acquisition sources of docs/contract.md. */
    public static final Set<String> KNOWN_SOURCES = Set.of("PACKAGE_CARD", "DETAIL_PAGE", "SMS", "PHONE", "WANGWANG",
            "STORE", "COMMUNITY", "CONTENT", "AD", "REFERRAL", "OTHER");

    private static final Pattern TYPE_IN_RULE = Pattern.compile("\\btype\\s*(?:==|!=)\\s*\"([^\"]+)\"");
    private static final Pattern SOURCE_IN_RULE = Pattern.compile("\\bsource\\s*(?:==|!=)\\s*\"([^\"]+)\"");

    private final Set<String> types;
    private final Set<String> sources;
    /** The event types the packs' catalogs declare; empty when not known (no warning for undeclared types). */
    private final Set<String> declared;

    private Typos(Set<String> types, Set<String> sources, Set<String> declared) {
        this.types = Set.copyOf(types);
        this.sources = Set.copyOf(sources);
        this.declared = Set.copyOf(declared);
    }

    /**
     * The event types {@code declaredTypes} (those of the packs' event-type catalogs) and those of
     * {@link EventTypes} are known; the rule files of {@code packs} are only scanned, so that a typo
     * in one of them is not taken for a known type. {@link #inRuleFiles} then also warns about a type
     * a rule tests for that no catalog declares.
     */
    public static Typos of(List<RulePack> packs, Set<String> declaredTypes) {
        Set<String> types = new TreeSet<>(constants());
        types.addAll(declaredTypes);
        return new Typos(types, KNOWN_SOURCES, declaredTypes);
    }

    private static Set<String> constants() {
        Set<String> types = new TreeSet<>();
        for (Field field : EventTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    types.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return types;
    }

    /**
     * The known event types: those of {@link EventTypes} and those the rule files of {@code packs}
     * compare an event's type with; the known sources of docs/contract.md.
     */
    public static Typos of(List<RulePack> packs) {
        Set<String> types = new TreeSet<>(constants());
        for (RulePack pack : packs) {
            for (RuleResource resource : pack.resources()) {
                if (resource.isDrl()) {
                    Matcher m = TYPE_IN_RULE.matcher(new String(resource.content(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        types.add(m.group(1));
                    }
                }
            }
        }
        return new Typos(types, KNOWN_SOURCES, Set.of());
    }

    /** The known event type {@code type} probably meant, when it is not itself known. */
    public Optional<String> eventType(String type) {
        return closest(type, types);
    }

    /** The known source {@code source} probably meant, when it is not itself known. */
    public Optional<String> source(String source) {
        return closest(source, sources);
    }

    /**
     * Warnings for the event types and sources the rule files of {@code pack} compare with that are
     * likely typos of known ones, as {@code file:line:column: warning: …}.
     */
    public List<Diagnostic> inRuleFiles(RulePack pack) {
        List<Diagnostic> warnings = new ArrayList<>();
        for (RuleResource resource : pack.resources()) {
            if (!resource.isDrl()) {
                continue;
            }
            String text = new String(resource.content(), StandardCharsets.UTF_8);
            String file = pack.location() + resource.path();
            scan(file, text, TYPE_IN_RULE, "event type", this::eventType, warnings);
            scan(file, text, SOURCE_IN_RULE, "source", this::source, warnings);
            if (!declared.isEmpty()) {
                undeclared(file, text, warnings);
            }
        }
        warnings.sort(null);
        return List.copyOf(warnings);
    }

    /** Types a rule tests for that no catalog declares and that are no likely typo (those are warned about above). */
    private void undeclared(String file, String text, List<Diagnostic> warnings) {
        Matcher m = TYPE_IN_RULE.matcher(text);
        while (m.find()) {
            String value = m.group(1);
            if (declared.contains(value) || eventType(value).isPresent()) {
                continue;
            }
            warnings.add(at(file, text, m.start(1), "warning: event type '" + value + "' is not declared by any "
                    + "event-type catalog (*.event-types.csv): declare it, or check the spelling"));
        }
    }

    private static Diagnostic at(String file, String text, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Diagnostic(file, line, offset - lineStart + 1, message);
    }

    private static void scan(String file, String text, Pattern pattern, String what,
                             java.util.function.Function<String, Optional<String>> check, List<Diagnostic> warnings) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String value = m.group(1);
            Optional<String> meant = check.apply(value);
            if (meant.isPresent()) {
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < m.start(1); i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                warnings.add(new Diagnostic(file, line, m.start(1) - lineStart + 1,
                        "warning: " + what + " '" + value + "' is not a known one; did you mean '" + meant.get() + "'?"));
            }
        }
    }

    /**
     * The name of {@code known} that {@code value} probably misspells (same letters in another case,
     * or one or two letters off), when {@code value} is not itself known.
     */
    public static Optional<String> likelyTypo(String value, Collection<String> known) {
        return closest(value, known);
    }

    private static Optional<String> closest(String value, Collection<String> known) {
        if (known.contains(value)) {
            return Optional.empty();
        }
        String upper = value.toUpperCase(Locale.ROOT);
        for (String candidate : new TreeSet<>(known)) {
            if (candidate.toUpperCase(Locale.ROOT).equals(upper)) {
                return Optional.of(candidate);
            }
        }
        for (String candidate : new TreeSet<>(known)) {
            int allowed = Math.min(upper.length(), candidate.length()) >= 8 ? 2 : 1;
            if (distance(upper, candidate.toUpperCase(Locale.ROOT), allowed) <= allowed) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Optimal string alignment distance (edits and adjacent swaps), or {@code limit + 1} once past the limit. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

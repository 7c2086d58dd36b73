package dev.siyu.internal;

import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RuleResource;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.kie.internal.builder.KnowledgeBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Restricted mode, checked on what the compiler resolved: after Drools compiled a restricted
 * pack's rules, the class of every rule (its consequence and evals) and every function is read,
 * and each class it names and each member it calls or reads must be on an allow-list: the fact
 * API ({@code dev.siyu.fact}, {@code .model}, {@code .action}, the Chinese calendar), the plain
 * {@code java.lang} value types, {@code java.time} (but no {@code now}: time comes from the
 * evaluation), {@code java.math}, the collections and streams of {@code java.util}, and of the
 * rule engine only {@code insert}, {@code insertLogical}, {@code update}, {@code delete} and the
 * rule's name. Everything else — {@code dev.siyu.internal}, reflection ({@code getClass} and
 * {@code Class}'s members), I/O, logging, threads, system properties, randomness, the engine's
 * session — is refused with the file and line of the rule or function.
 *
 * <p>Unbounded loops ({@code while}, {@code do}, and {@code for} with a condition) are refused in
 * consequences and functions by their text, since a consequence that never returns cannot be
 * stopped; loops over a collection ({@code for (x : xs)}) are allowed.
 *
 * <p>Stateless and thread-safe.
 */
final class RestrictedBytecode {
    /** Packages whose types (and their members) restricted code may use. */
    private static final List<String> ALLOWED_PACKAGES = List.of("dev.siyu.fact.", "dev.siyu.model.", "dev.siyu.action.", "dev.siyu.proposal.",
            "java.time.", "java.math.", "java.util.function.", "java.util.stream.");
    private static final Set<String> ALLOWED_CLASSES = Set.of(
            "dev.siyu.schedule.ChineseCalendar",
            "java.lang.Object", "java.lang.String", "java.lang.StringBuilder", "java.lang.CharSequence",
            "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double",
            "java.lang.Float", "java.lang.Boolean", "java.lang.Character", "java.lang.Number", "java.lang.Math",
            "java.lang.Comparable", "java.lang.Enum", "java.lang.Iterable", "java.lang.Record", "java.lang.Void",
            "java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException", "java.lang.IllegalArgumentException",
            "java.lang.IllegalStateException", "java.lang.ArithmeticException", "java.lang.NullPointerException",
            "java.lang.UnsupportedOperationException", "java.lang.IndexOutOfBoundsException", "java.lang.NumberFormatException",
            "java.util.List", "java.util.ArrayList", "java.util.LinkedList", "java.util.Set", "java.util.HashSet",
            "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.SortedSet", "java.util.NavigableSet", "java.util.Map",
            "java.util.Map$Entry", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.SortedMap",
            "java.util.NavigableMap", "java.util.Collection", "java.util.Collections", "java.util.Arrays",
            "java.util.Iterator", "java.util.ListIterator", "java.util.Optional", "java.util.OptionalInt",
            "java.util.OptionalLong", "java.util.OptionalDouble", "java.util.Objects", "java.util.Comparator",
            "java.util.Locale", "java.util.Deque", "java.util.ArrayDeque", "java.util.Queue", "java.util.StringJoiner",
            "java.util.NoSuchElementException",
            // what the compiler itself writes into a rule's or a function's class
            "java.lang.Class", "java.io.Externalizable", "java.io.IOException", "java.io.ObjectInput",
            "java.io.ObjectOutput", "java.lang.ClassNotFoundException", "java.lang.invoke.StringConcatFactory",
            "java.lang.invoke.LambdaMetafactory", "java.lang.invoke.MethodHandles", "java.lang.invoke.MethodHandles$Lookup", "java.lang.invoke.MethodHandle",
            "java.lang.invoke.MethodType", "java.lang.invoke.CallSite",
            "org.drools.core.rule.consequence.KnowledgeHelper", "org.drools.base.rule.consequence.ConsequenceContext",
            "org.kie.api.runtime.rule.FactHandle",
            "org.kie.api.definition.rule.Rule", "org.drools.util.bitmask.BitMask", "org.drools.util.bitmask.AllSetBitMask",
            "org.drools.util.bitmask.AllSetButLastBitMask", "org.drools.util.bitmask.EmptyBitMask",
            "org.drools.util.bitmask.EmptyButLastBitMask", "org.drools.util.bitmask.LongBitMask",
            "org.drools.util.bitmask.OpenBitSet");
    /** Of these types, only these members. */
    private static final Set<String> ENGINE_MEMBERS = Set.of("insert", "insertLogical", "update", "delete",
            "retract", "getFactHandle", "getRule", "modifyRetract", "modifyInsert");
    private static final Map<String, Set<String>> ONLY_MEMBERS = Map.of(
            "org.drools.core.rule.consequence.KnowledgeHelper", ENGINE_MEMBERS,
            "org.drools.base.rule.consequence.ConsequenceContext", ENGINE_MEMBERS,
            "java.lang.invoke.MethodHandles", Set.of(),
            "java.lang.invoke.MethodHandles$Lookup", Set.of(),
            "org.kie.api.definition.rule.Rule", Set.of("getName"),
            "java.lang.Class", Set.of(),
            "java.lang.invoke.LambdaMetafactory", Set.of("metafactory", "altMetafactory"),
            "java.lang.invoke.StringConcatFactory", Set.of("makeConcatWithConstants", "makeConcat"),
            "java.lang.Object", Set.of("<init>", "equals", "hashCode", "toString"),
            "java.util.Locale", Set.of("ROOT", "CHINA", "SIMPLIFIED_CHINESE", "ENGLISH", "US", "forLanguageTag",
                    "toLanguageTag", "getLanguage", "getCountry", "equals", "hashCode", "toString"));
    /** Members refused on any type: the machine's clock, randomness, system properties, global state. */
    private static final Set<String> REFUSED_MEMBER_NAMES = Set.of("now", "random", "getInteger", "getLong", "getBoolean",
            "setDefault", "shuffle", "getClass");
    private static final Pattern UNBOUNDED_LOOP = Pattern.compile("\\bwhile\\s*\\(|\\bdo\\s*\\{|\\bfor\\s*\\([^:)]*;");

    private RestrictedBytecode() {
    }

    /** The restricted code's problems, after the rules of {@code packs} were added to {@code builder} without errors. */
    static List<Diagnostic> check(List<RulePack> packs, KnowledgeBuilder builder) {
        List<Diagnostic> problems = new ArrayList<>();
        for (RulePack pack : packs) {
            if (!pack.isRestricted()) {
                continue;
            }
            for (RuleResource file : pack.resources()) {
                RuleResource drl = TableDrl.drlOf(file); // a restricted pack's tables are compiled as this text
                if (drl != null) {
                    checkFile(RuleBase.sourcePath(pack, file), drl, builder, problems);
                }
            }
        }
        return problems;
    }

    private static void checkFile(String name, RuleResource file, KnowledgeBuilder builder, List<Diagnostic> problems) {
        PackageDescr descr = Layers.parse(file);
        if (descr == null || !(builder instanceof KnowledgeBuilderImpl impl)) {
            return;
        }
        List<String> lines = new String(file.content(), StandardCharsets.UTF_8).lines().toList();
        // what each piece of restricted code compiled to: class name prefix -> (where, line)
        Map<String, Object[]> owners = new LinkedHashMap<>();
        for (RuleDescr rule : descr.getRules()) {
            owners.put("Rule_" + mangle(rule.getName()), new Object[] {"rule '" + rule.getName() + "'", rule.getLine()});
            if (rule.getConsequence() instanceof String consequence) {
                loops(name, lines, consequence, rule.getConsequenceLine(), "rule '" + rule.getName() + "'", problems);
            }
        }
        for (FunctionDescr function : descr.getFunctions()) {
            owners.put(ucFirst(function.getName()), new Object[] {"function '" + function.getName() + "'", function.getLine()});
            loops(name, lines, function.getBody(), function.getLine(), "function '" + function.getName() + "'", problems);
        }
        InternalKnowledgePackage kpackage = impl.getPackage(descr.getName());
        if (kpackage == null || !(kpackage.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData data)) {
            return;
        }
        String prefix = descr.getName().replace('.', '/') + "/";
        Set<String> generated = new java.util.HashSet<>();
        data.getStore().keySet().forEach(k -> generated.add(k.replace('/', '.').replaceAll("\\.class$", "")));
        // the file's own declared types (declare X ... end) are its own facts
        descr.getTypeDeclarations().forEach(t -> generated.add(descr.getName() + "." + t.getTypeName()));
        for (Map.Entry<String, byte[]> entry : data.getStore().entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix) || key.substring(prefix.length()).contains("/")) {
                continue;
            }
            String simple = key.substring(prefix.length()).replaceAll("\\.class$", "");
            if (simple.contains("Invoker")) {
                continue; // written by Drools around the rule's own class
            }
            Object[] owner = owners.entrySet().stream()
                    .filter(o -> o.getKey().startsWith("Rule_") ? simple.startsWith(o.getKey()) : simple.equals(o.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (owner == null) {
                continue; // a class of a trusted file in the same package, or a declared type
            }
            ClassReferences.References refs = ClassReferences.of(entry.getValue());
            for (String type : refs.classes()) {
                if (!generated.contains(type) && !allowedType(type)) {
                    problems.add(refused(name, (String) owner[0], (int) owner[1], "uses type " + type));
                }
            }
            for (String member : refs.members()) {
                int dot = member.lastIndexOf('.');
                String type = member.substring(0, dot);
                String memberName = member.substring(dot + 1);
                if (generated.contains(type)) {
                    continue;
                }
                if (!allowedType(type) || REFUSED_MEMBER_NAMES.contains(memberName)
                        || ONLY_MEMBERS.containsKey(type) && !ONLY_MEMBERS.get(type).contains(memberName)) {
                    problems.add(refused(name, (String) owner[0], (int) owner[1], "uses " + member));
                }
            }
        }
    }

    private static Diagnostic refused(String file, String where, int line, String what) {
        return new Diagnostic(file, line, 1, "restricted mode: " + where + " " + what
                + ", which rule files may not use (allowed: the fact API, java.lang values, java.time without now, "
                + "java.math, java.util collections and streams; see docs/writing-rules.md)");
    }

    private static boolean allowedType(String type) {
        return ALLOWED_CLASSES.contains(type) || type.equals("dev.siyu.sop.SopStep") || type.startsWith("dev.siyu.sop.SopStep$")
                || ALLOWED_PACKAGES.stream().anyMatch(type::startsWith)
                && !type.equals("java.time.Clock") && !type.startsWith("java.time.InstantSource");
    }

    private static void loops(String file, List<String> lines, String code, int fromLine, String where, List<Diagnostic> problems) {
        if (code == null) {
            return;
        }
        var matcher = UNBOUNDED_LOOP.matcher(withoutLiterals(code));
        if (matcher.find()) {
            problems.add(Layers.locate(file, lines, fromLine, matcher.group().substring(0, 2),
                    "restricted mode: " + where + " has a loop that may not end ('" + matcher.group().strip()
                            + "'); a rule that never returns cannot be stopped. Loop over a collection: for (X x : xs)"));
        }
    }

    /** The code with comments and string and character literals blanked out. */
    private static String withoutLiterals(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(?:\\\\.|[^'\\\\])*'", "' '");
    }

    /** How Drools names a rule's class: spaces as '_', other characters that cannot be in a name as $uNN$. */
    private static String mangle(String ruleName) {
        StringBuilder out = new StringBuilder();
        for (char c : ruleName.toCharArray()) {
            if (c == ' ') {
                out.append('_');
            } else if (Character.isJavaIdentifierPart(c) && c != '$') {
                out.append(c);
            } else {
                out.append("$u").append((int) c).append('$');
            }
        }
        return out.toString();
    }

    private static String ucFirst(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}

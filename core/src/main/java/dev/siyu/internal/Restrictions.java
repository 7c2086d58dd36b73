package dev.siyu.internal;

import dev.siyu.pack.Diagnostic;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RuleResource;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Restricted mode for integrators' rule files: from the Drools parser's description of each file
 * (imports, globals, functions, conditions, consequences), what the code may name. Allowed: the
 * Siyu model ({@code dev.siyu.model}, {@code .fact}, {@code .action}, {@code .proposal}, {@code .schedule}),
 * {@code java.time}, {@code java.math}, {@code java.util} (not {@code java.util.concurrent}) and the
 * plain {@code java.lang} types. Refused with file and line: the system and runtime, reflection,
 * class loading, I/O, the network, threads and processes, and the rule engine's internals.
 *
 * <p>Stateless and thread-safe.
 */
final class Restrictions {
    private static final List<String> ALLOWED_IMPORTS = List.of("dev.siyu.model.", "dev.siyu.fact.", "dev.siyu.action.", "dev.siyu.proposal.",
            "dev.siyu.schedule.", "dev.siyu.sop.SopStep", "java.time.", "java.math.", "java.util.");
    private static final List<String> REFUSED_PACKAGES = List.of("java.util.concurrent", "java.io", "java.nio", "java.net",
            "java.lang.reflect", "java.lang.invoke", "java.lang.management", "java.sql", "javax.", "sun.", "jdk.", "com.sun.",
            "org.kie", "org.drools");
    private static final Set<String> REFUSED_NAMES = Set.of("System", "Runtime", "Thread", "ThreadGroup", "ProcessBuilder",
            "Process", "ProcessHandle", "ClassLoader", "Class", "Method", "Field", "Constructor", "Proxy", "MethodHandles",
            "MethodHandle", "Unsafe", "SecurityManager", "Files", "Paths", "Path", "File", "FileInputStream",
            "FileOutputStream", "FileReader", "FileWriter", "RandomAccessFile", "Socket", "ServerSocket", "URL",
            "HttpClient", "Executors", "ExecutorService", "ForkJoinPool", "CompletableFuture", "Timer",
            "getClass", "forName", "getClassLoader", "setAccessible", "getDeclaredMethod", "getDeclaredField",
            "getDeclaredConstructor", "getMethod", "newInstance", "exec", "halt", "getKieRuntime",
            "getKnowledgeRuntime", "getWorkingMemory", "getKieBase", "getEntryPoint", "kcontext");

    private Restrictions() {
    }

    static List<Diagnostic> check(List<RulePack> packs) {
        List<Diagnostic> problems = new ArrayList<>();
        for (RulePack pack : packs) {
            if (!pack.isRestricted()) {
                continue;
            }
            for (RuleResource file : pack.resources()) {
                RuleResource drl = TableDrl.drlOf(file); // a decision table's code cells too
                if (drl != null) {
                    check(pack.location() + file.path(), drl, problems);
                }
            }
        }
        return problems;
    }

    private static void check(String name, RuleResource file, List<Diagnostic> problems) {
        PackageDescr descr = Layers.parse(file);
        if (descr == null) {
            return;
        }
        List<String> lines = new String(file.content(), StandardCharsets.UTF_8).lines().toList();
        for (ImportDescr imported : descr.getImports()) {
            checkImport(name, imported.getTarget(), imported.getLine(), problems);
        }
        for (FunctionImportDescr imported : descr.getFunctionImports()) {
            checkImport(name, imported.getTarget(), imported.getLine(), problems);
        }
        for (GlobalDescr global : descr.getGlobals()) {
            code(name, lines, global.getType(), global.getLine(), "global '" + global.getIdentifier() + "'", problems);
        }
        for (FunctionDescr function : descr.getFunctions()) {
            code(name, lines, function.getReturnType() + " " + String.join(" ", function.getParameterTypes()) + " "
                    + function.getBody(), function.getLine(), "function '" + function.getName() + "'", problems);
        }
        for (RuleDescr rule : descr.getRules()) {
            StringBuilder conditions = new StringBuilder();
            collect(rule.getLhs(), conditions);
            code(name, lines, conditions.toString(), rule.getLine(), "rule '" + rule.getName() + "'", problems);
            if (rule.getConsequence() instanceof String consequence) {
                code(name, lines, consequence, rule.getConsequenceLine(), "rule '" + rule.getName() + "'", problems);
            }
        }
    }

    private static void checkImport(String file, String target, int line, List<Diagnostic> problems) {
        if (ALLOWED_IMPORTS.stream().noneMatch(target::startsWith)
                || REFUSED_PACKAGES.stream().anyMatch(target::startsWith)) {
            problems.add(new Diagnostic(file, line, 1, "restricted mode: import of '" + target
                    + "' is not allowed (rule files may use the Siyu model, java.time, java.math and java.util)"));
        }
    }

    /** Gathers the expressions of the conditions: constraints, sources of 'from', evals. */
    private static void collect(BaseDescr descr, StringBuilder into) {
        if (descr instanceof PatternDescr pattern) {
            into.append(' ').append(pattern.getObjectType());
            if (pattern.getConstraint() instanceof BaseDescr constraint) {
                collect(constraint, into);
            }
            if (pattern.getSource() instanceof FromDescr from) {
                into.append(' ').append(from.getDataSource().getText());
            } else if (pattern.getSource() != null) {
                into.append(' ').append(pattern.getSource().getText());
            }
        } else if (descr instanceof ExprConstraintDescr expression) {
            into.append(' ').append(expression.getExpression());
        } else if (descr instanceof EvalDescr eval) {
            into.append(' ').append(eval.getContent());
        } else if (descr instanceof AndDescr and) {
            and.getDescrs().forEach(d -> collect(d, into));
        } else if (descr instanceof ConditionalElementDescr element) {
            element.getDescrs().forEach(d -> collect((BaseDescr) d, into));
        }
    }

    /** Names the code uses that restricted mode refuses; each reported on the first line that shows it. */
    private static void code(String file, List<String> lines, String code, int fromLine, String where,
                             List<Diagnostic> problems) {
        if (code == null) {
            return;
        }
        for (String name : qualifiedNames(code)) {
            String refused = REFUSED_PACKAGES.stream().filter(name::startsWith).findFirst().orElse(null);
            if (refused == null) {
                for (String part : name.split("\\.")) {
                    if (REFUSED_NAMES.contains(part)) {
                        refused = part;
                        break;
                    }
                }
            }
            if (refused != null) {
                problems.add(Layers.locate(file, lines, fromLine, name.split("\\.")[0],
                        "restricted mode: " + where + " uses '" + name + "' (" + refused
                                + " is refused: no system, reflection, I/O, threads or processes in rule files)"));
            }
        }
    }

    /** Dotted names in Java-like code, skipping comments, string and character literals. */
    static List<String> qualifiedNames(String code) {
        List<String> names = new ArrayList<>();
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                while (i < n && code.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && code.charAt(i) != c) {
                    i += code.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < n && (Character.isJavaIdentifierPart(code.charAt(i))
                        || code.charAt(i) == '.' && i + 1 < n && Character.isJavaIdentifierStart(code.charAt(i + 1)))) {
                    i++;
                }
                names.add(code.substring(start, i));
            } else {
                i++;
            }
        }
        return names;
    }
}

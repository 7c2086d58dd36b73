package dev.siyu;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependencies between core's packages, read from the sources (imports and qualified names,
 * comments and string literals left out): the model needs neither Jackson nor the JSON package, and
 * no dependency closes a package cycle beyond the ones listed here, which are to be removed, not
 * added to.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern STRINGS = Pattern.compile("\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])'",
            Pattern.DOTALL);
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.siyu(?:\\.[a-z]\\w*)*)\\.(?:[A-Z]\\w*|\\*)");

    /**
     * Dependencies on a package cycle today, as "from -> to". Most go through the API package
     * {@code dev.siyu} (its exceptions are used by pack, script, json and internal, and it uses them
     * all), through the pack catalogs and the SOP tables (pack, sop, schedule, fact, proposal), and
     * between model and action (a customer's memory holds pending {@code Task}s; actions name tiers,
     * stages and tags). Remove an entry when its cycle is broken; never add one.
     */
    private static final Set<String> KNOWN_CYCLE_EDGES = Set.of(
            "dev.siyu -> dev.siyu.fact", "dev.siyu -> dev.siyu.internal", "dev.siyu -> dev.siyu.pack",
            "dev.siyu -> dev.siyu.schedule", "dev.siyu -> dev.siyu.script", "dev.siyu -> dev.siyu.sop",
            "dev.siyu.action -> dev.siyu.model", "dev.siyu.model -> dev.siyu.action",
            "dev.siyu.fact -> dev.siyu.proposal",
            "dev.siyu.internal -> dev.siyu", "dev.siyu.internal -> dev.siyu.fact", "dev.siyu.internal -> dev.siyu.pack",
            "dev.siyu.internal -> dev.siyu.proposal", "dev.siyu.internal -> dev.siyu.schedule",
            "dev.siyu.internal -> dev.siyu.script",
            "dev.siyu.json -> dev.siyu",
            "dev.siyu.pack -> dev.siyu", "dev.siyu.pack -> dev.siyu.fact", "dev.siyu.pack -> dev.siyu.schedule",
            "dev.siyu.pack -> dev.siyu.script", "dev.siyu.pack -> dev.siyu.sop",
            "dev.siyu.proposal -> dev.siyu.sop",
            "dev.siyu.schedule -> dev.siyu.fact",
            "dev.siyu.script -> dev.siyu", "dev.siyu.script -> dev.siyu.json", "dev.siyu.script -> dev.siyu.pack",
            "dev.siyu.sop -> dev.siyu.fact", "dev.siyu.sop -> dev.siyu.pack", "dev.siyu.sop -> dev.siyu.schedule");

    @Test
    void theModelNeedsNeitherJacksonNorTheJsonPackage() {
        Map<String, String> model = sources("dev.siyu.model");

        assertThat(model).isNotEmpty();
        assertThat(model.entrySet()).allSatisfy(file -> {
            assertThat(file.getValue()).as(file.getKey()).doesNotContain("com.fasterxml");
            assertThat(references(file.getValue())).as(file.getKey()).doesNotContain("dev.siyu.json");
        });
    }

    @Test
    void noDependencyClosesAPackageCycleBeyondTheKnownOnes() {
        Set<String> onCycles = edgesOnCycles(dependencies());

        assertThat(onCycles).as("dependencies that close a package cycle").isSubsetOf(KNOWN_CYCLE_EDGES);
        assertThat(KNOWN_CYCLE_EDGES).as("listed cycle dependencies that are gone (remove them from the list)")
                .isSubsetOf(onCycles);
    }

    @Test
    void theCycleFinderFindsACycleAndOnlyTheEdgesOnIt() {
        Map<String, Set<String>> graph = Map.of(
                "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of());

        assertThat(edgesOnCycles(graph)).containsExactlyInAnyOrder("a -> b", "b -> c", "c -> a");
        assertThat(edgesOnCycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
    }

    @Test
    void referencesInCommentsAndTextsAreNotDependencies() {
        String source = """
                package dev.siyu.x;
                import dev.siyu.model.Tier;
                /** See {@link dev.siyu.internal.Evaluator}. */
                class A { String s = "dev.siyu.pack.RulePack"; dev.siyu.action.Task t; } // dev.siyu.sop.SopStep
                """;

        assertThat(references(source)).containsExactlyInAnyOrder("dev.siyu.model", "dev.siyu.action");
    }

    // ---- reading the sources ----

    /** Every source file of {@code pkg} (not its sub-packages), by path. */
    private static Map<String, String> sources(String pkg) {
        Map<String, String> files = new TreeMap<>();
        sourceFiles().forEach((path, text) -> {
            if (packageOf(text).equals(pkg)) {
                files.put(path, text);
            }
        });
        return files;
    }

    private static Map<String, String> sourceFiles() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                files.put(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).as("sources under " + SOURCES.toAbsolutePath()).isNotEmpty();
        return files;
    }

    private static String packageOf(String source) {
        Matcher m = PACKAGE.matcher(source);
        return m.find() ? m.group(1) : "";
    }

    /** The other dev.siyu packages {@code source} refers to. */
    private static Set<String> references(String source) {
        String pkg = packageOf(source);
        String code = STRINGS.matcher(COMMENTS.matcher(source).replaceAll(" ")).replaceAll("\"\"");
        Set<String> packages = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code.substring(code.indexOf(';') + 1));
        while (m.find()) {
            if (!m.group(1).equals(pkg)) {
                packages.add(m.group(1));
            }
        }
        return packages;
    }

    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        sourceFiles().values().forEach(text -> {
            graph.computeIfAbsent(packageOf(text), k -> new TreeSet<>()).addAll(references(text));
        });
        return graph;
    }

    /** Every edge "u -> v" of {@code graph} such that v reaches u again. */
    static Set<String> edgesOnCycles(Map<String, Set<String>> graph) {
        Set<String> edges = new TreeSet<>();
        for (Map.Entry<String, Set<String>> from : graph.entrySet()) {
            for (String to : from.getValue()) {
                if (reachable(graph, to).contains(from.getKey())) {
                    edges.add(from.getKey() + " -> " + to);
                }
            }
        }
        return edges;
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String start) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            for (String next : graph.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }
}

package dev.siyu;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * comments and string literals left out). The packages form layers, each depending only on the
 * ones below it (docs/architecture.md, "Layers"), lowest first:
 *
 * <ol>
 *   <li>{@code dev.siyu.error}: the exceptions every layer throws ({@code SiyuException}, {@code InputException});</li>
 *   <li>{@code dev.siyu.model}: the customer, its memory and the value types (tier, stage, tag, money);</li>
 *   <li>{@code dev.siyu.action}: what a decision asks the host to do;</li>
 *   <li>{@code dev.siyu.fact}: what rules match ({@code Profile}, {@code Event}, {@code Sweep}, {@code Tiers}) and
 *       the {@code Proposal} interface;</li>
 *   <li>{@code dev.siyu.schedule}: calendars and the contact policy;</li>
 *   <li>{@code dev.siyu.pack}: rule packs and the catalogs read from their files;</li>
 *   <li>{@code dev.siyu.script} and {@code dev.siyu.sop}: the script catalog and the SOP tables, read from packs;</li>
 *   <li>{@code dev.siyu.proposal}: the proposals rules insert (a task proposal may come from an SOP step);</li>
 *   <li>{@code dev.siyu.internal}: the engine's implementation, no API;</li>
 *   <li>{@code dev.siyu}: the API facade ({@code SiyuEngine}, {@code Decision}, {@code Explanation});</li>
 *   <li>{@code dev.siyu.json}: the wire form of the API types ({@code SiyuJson});</li>
 *   <li>{@code dev.siyu.scenario}: scenario files run against an engine.</li>
 * </ol>
 *
 * <p>The model needs neither Jackson nor the JSON package (Jackson mix-ins live in {@code dev.siyu.json}).
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern STRINGS = Pattern.compile("\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])'",
            Pattern.DOTALL);
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.siyu(?:\\.[a-z]\\w*)*)\\.(?:[A-Z]\\w*|\\*)");

    /** Core's packages, lowest layer first: a package may depend only on packages before it. */
    static final List<String> LAYERS = List.of("dev.siyu.error", "dev.siyu.model", "dev.siyu.action", "dev.siyu.fact",
            "dev.siyu.schedule", "dev.siyu.pack", "dev.siyu.script", "dev.siyu.sop", "dev.siyu.proposal",
            "dev.siyu.internal", "dev.siyu", "dev.siyu.json", "dev.siyu.scenario");

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
    void noDependencyClosesAPackageCycle() {
        Map<String, Set<String>> graph = dependencies();
        Set<String> onCycles = edgesOnCycles(graph);

        assertThat(onCycles).as("dependencies that close a package cycle, each with its cycle:%n%s",
                cyclePaths(graph, onCycles)).isEmpty();
    }

    @Test
    void everyPackageOfCoreHasItsDocumentedLayer() {
        assertThat(dependencies().keySet()).containsExactlyInAnyOrderElementsOf(LAYERS);
    }

    @Test
    void everyDependencyGoesDownTheLayers() {
        Set<String> upward = new TreeSet<>();
        dependencies().forEach((from, tos) -> tos.stream()
                .filter(to -> LAYERS.indexOf(to) >= LAYERS.indexOf(from))
                .map(to -> from + " -> " + to)
                .forEach(upward::add));

        assertThat(upward).as("dependencies on a package of the same or a higher layer (LAYERS)").isEmpty();
    }

    @Test
    void theCycleFinderFindsACycleAndOnlyTheEdgesOnIt() {
        Map<String, Set<String>> graph = Map.of(
                "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of());

        assertThat(edgesOnCycles(graph)).containsExactlyInAnyOrder("a -> b", "b -> c", "c -> a");
        assertThat(edgesOnCycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
        assertThat(cyclePaths(graph, edgesOnCycles(graph)))
                .isEqualTo("  a -> b -> c -> a\n  b -> c -> a -> b\n  c -> a -> b -> c\n");
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
            for (Path path : paths.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.java")) // no package: ModuleDescriptorTest
                    .toList()) {
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

    /** Each edge of {@code edges} but those in {@code known}, with a shortest cycle it closes: "a -> b -> c -> a". */
    static String cyclePaths(Map<String, Set<String>> graph, Set<String> edges) {
        StringBuilder paths = new StringBuilder();
        for (String edge : edges) {
            String[] ends = edge.split(" -> ");
            paths.append("  ").append(ends[0]).append(" -> ").append(String.join(" -> ", path(graph, ends[1], ends[0])))
                    .append('\n');
        }
        return paths.toString();
    }

    /** A shortest path from {@code start} to {@code end}, both included (breadth first, neighbours in order). */
    static List<String> path(Map<String, Set<String>> graph, String start, String end) {
        Map<String, String> cameFrom = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        cameFrom.put(start, start);
        while (!todo.isEmpty() && !cameFrom.containsKey(end)) {
            String node = todo.removeFirst();
            for (String next : graph.getOrDefault(node, Set.of())) {
                if (cameFrom.putIfAbsent(next, node) == null) {
                    todo.addLast(next);
                }
            }
        }
        List<String> path = new ArrayList<>();
        for (String node = end; !node.equals(start); node = cameFrom.get(node)) {
            path.add(0, node);
        }
        path.add(0, start);
        return path;
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

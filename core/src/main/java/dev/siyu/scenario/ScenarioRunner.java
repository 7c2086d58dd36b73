package dev.siyu.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.siyu.Decision;
import dev.siyu.error.InputException;
import dev.siyu.SiyuEngine;
import dev.siyu.error.SiyuException;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs scenario files (CONTRACT.md) against an engine and reports every failed expectation
 * precisely: scenario, step, what was expected and what came. Used by {@code siyu test} and by
 * integrators' own JUnit tests:
 *
 * <pre>{@code
 * ScenarioResult result = new ScenarioRunner(engine).run(Path.of("scenarios/quote.json"));
 * assertThat(result.failures()).isEmpty();
 * }</pre>
 *
 * <p>Thread-safe when the engine is (it is).
 */
public final class ScenarioRunner {
    private final SiyuEngine engine;

    public ScenarioRunner(SiyuEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** The scenario files ({@code *.json}) below {@code dirOrFile}, sorted by path; or the file itself. */
    public static List<Path> scenarioFiles(Path dirOrFile) {
        if (!Files.isDirectory(dirOrFile)) {
            return List.of(dirOrFile);
        }
        try (Stream<Path> files = Files.walk(dirOrFile)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dirOrFile, e);
        }
    }

    /** Runs every scenario file below {@code dirOrFile}. */
    public List<ScenarioResult> runAll(Path dirOrFile) {
        return scenarioFiles(dirOrFile).stream().map(this::run).toList();
    }

    /** Runs one scenario file; a file that cannot be read or parsed is one failure. */
    public ScenarioResult run(Path file) {
        String source = file.toString();
        Scenario scenario;
        try {
            scenario = SiyuJson.read(file, Scenario.class);
        } catch (SiyuException | UncheckedIOException e) {
            String message = e.getMessage().startsWith(source) ? e.getMessage().substring(source.length() + 2) : e.getMessage();
            return new ScenarioResult(source, file.getFileName().toString(),
                    List.of(new ScenarioFailure(source, file.getFileName().toString(), 0, "unreadable scenario: " + message)));
        }
        return run(scenario, source);
    }

    /** Runs one scenario; {@code source} names it in failures (a file path, a test name). */
    public ScenarioResult run(Scenario scenario, String source) {
        List<ScenarioFailure> failures = new ArrayList<>();
        Customer state = scenario.customer();
        int number = 0;
        for (ScenarioStep step : scenario.steps()) {
            number++;
            Expectation expect = step.expect();
            Decision decision;
            try {
                decision = engine.evaluate(state, step.events(), step.now());
            } catch (InputException e) {
                if (!expect.isRejected()) {
                    failures.add(new ScenarioFailure(source, scenario.name(), number, "input refused: " + e.getMessage()));
                }
                continue; // a refused step leaves the state as it was
            } catch (SiyuException e) {
                failures.add(new ScenarioFailure(source, scenario.name(), number, "evaluation failed: " + e.getMessage()));
                break;
            }
            final int current = number;
            StepFailures report = message -> failures.add(new ScenarioFailure(source, scenario.name(), current, message));
            if (expect.isRejected()) {
                report.add("expected the input to be refused, but it was accepted");
                state = decision.customer();
                continue;
            }
            check(expect, decision, report);
            state = decision.customer();
        }
        return new ScenarioResult(source, scenario.name(), failures);
    }

    @FunctionalInterface
    private interface StepFailures {
        void add(String message);
    }

    private static void check(Expectation expect, Decision decision, StepFailures report) {
        Customer customer = decision.customer();
        expect.engagement().filter(e -> e != customer.engagement()).ifPresent(e ->
                report.add("expected engagement " + e + " but was " + customer.engagement()));
        expect.stage().filter(s -> s != customer.stage()).ifPresent(s ->
                report.add("expected stage " + s + " but was " + customer.stage()));
        expect.tier().filter(t -> t != customer.tier()).ifPresent(t ->
                report.add("expected tier " + t + " but was " + customer.tier()));
        expect.nextEvaluationAt().ifPresent(at -> {
            if (!decision.nextEvaluationAt().map(at::isEqual).orElse(false)) {
                report.add("expected nextEvaluationAt " + at + " but was "
                        + decision.nextEvaluationAt().map(OffsetDateTime::toString).orElse("none"));
            }
        });
        expect.tags().ifPresent(tags -> {
            List<String> actual = customer.tags().stream().map(Tag::toString).toList();
            for (String tag : tags.include()) {
                if (!actual.contains(tag)) {
                    report.add("expected tag " + tag + " but the tags were " + actual);
                }
            }
            for (String tag : tags.exclude()) {
                if (actual.contains(tag)) {
                    report.add("expected no tag " + tag + " but it is there");
                }
            }
        });

        List<ObjectNode> actual = decision.actions().stream()
                .map(a -> (ObjectNode) SiyuJson.mapper().valueToTree(a)).toList();
        List<ObjectNode> expected = expect.actions();
        if (!assign(expected, actual, 0, new boolean[actual.size()])) {
            List<ObjectNode> missing = unmatched(expected, actual);
            for (ObjectNode one : missing) {
                report.add("expected action " + compact(one) + " but no such action" + describe(actual));
            }
            if (missing.isEmpty()) {
                report.add("expected " + expected.size() + " distinct actions matching " + compactAll(expected)
                        + " but they share matches" + describe(actual));
            }
        }
        for (ObjectNode forbidden : expect.noActions()) {
            List<ObjectNode> hits = actual.stream().filter(a -> matches(forbidden, a)).toList();
            if (!hits.isEmpty()) {
                report.add("expected no action " + compact(forbidden) + " but got " + compactAll(hits));
            }
        }
    }

    /** Backtracking: can every expectation from {@code i} on get a distinct matching action? */
    private static boolean assign(List<ObjectNode> expected, List<ObjectNode> actual, int i, boolean[] used) {
        if (i == expected.size()) {
            return true;
        }
        for (int j = 0; j < actual.size(); j++) {
            if (!used[j] && matches(expected.get(i), actual.get(j))) {
                used[j] = true;
                if (assign(expected, actual, i + 1, used)) {
                    return true;
                }
                used[j] = false;
            }
        }
        return false;
    }

    private static List<ObjectNode> unmatched(List<ObjectNode> expected, List<ObjectNode> actual) {
        return expected.stream().filter(e -> actual.stream().noneMatch(a -> matches(e, a))).toList();
    }

    /** Subset match: every field the expectation gives is equal in the action. */
    static boolean matches(ObjectNode expected, ObjectNode actual) {
        Iterator<Map.Entry<String, JsonNode>> fields = expected.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = actual.get(field.getKey());
            if (value == null || !sameValue(field.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(JsonNode expected, JsonNode actual) {
        if (expected.equals(actual)) {
            return true;
        }
        if (expected.isTextual() && actual.isTextual()) {
            Optional<OffsetDateTime> a = time(expected.asText());
            Optional<OffsetDateTime> b = time(actual.asText());
            if (a.isPresent() && b.isPresent()) {
                return a.get().isEqual(b.get());
            }
            return decimal(expected.asText()).flatMap(x -> decimal(actual.asText()).map(y -> x.compareTo(y) == 0))
                    .orElse(false);
        }
        if (expected.isNumber()) {
            return decimal(actual.asText()).map(y -> expected.decimalValue().compareTo(y) == 0).orElse(false);
        }
        return false;
    }

    private static Optional<OffsetDateTime> time(String text) {
        if (text.length() < 16 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> decimal(String text) {
        if (text.isEmpty() || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String describe(List<ObjectNode> actual) {
        return actual.isEmpty() ? "; the step produced no action" : "; the step produced " + compactAll(actual);
    }

    private static String compactAll(List<ObjectNode> nodes) {
        return nodes.stream().map(ScenarioRunner::compact).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String compact(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        if (copy.size() > 1) {
            copy.remove("rule");
        }
        return copy.toString();
    }
}

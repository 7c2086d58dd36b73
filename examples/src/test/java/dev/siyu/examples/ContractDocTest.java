package dev.siyu.examples;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.Explanation;
import dev.siyu.action.Action;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.ArchivedOrders;
import dev.siyu.model.Customer;
import dev.siyu.model.EventTypes;
import dev.siyu.model.Memory;
import dev.siyu.model.OrderRecord;
import dev.siyu.model.SentTask;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Touchpoint;
import dev.siyu.model.TouchpointStats;
import dev.siyu.model.Watch;
import dev.siyu.pack.EventTypeCatalog;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.TaskKindCatalog;
import dev.siyu.scenario.Expectation;
import dev.siyu.scenario.Scenario;
import dev.siyu.scenario.ScenarioStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/contract.md lists everything the code accepts: every field of every wire type, every action
 * type with its fields, every event type and event attribute the default playbook and the engine
 * read. A field added to the code without the doc (or left in the doc after the code dropped it)
 * fails here.
 */
class ContractDocTest {
    private static final Path DOC = Path.of("..", "docs", "contract.md");
    private static final Path CORE_SOURCES = Path.of("..", "core", "src", "main", "java");
    private static final Path RULE_FILES = Path.of("..", "rules", "src", "main", "resources");
    private static final Pattern FIRST_CELL = Pattern.compile("^\\| `([^`]+)`(?:, `([^`]+)`)? \\|(.*)$");

    static Stream<Arguments> wireTypes() {
        return Stream.of(
                Arguments.of("Customer", Customer.class),
                Arguments.of("Memory", Memory.class),
                Arguments.of("Order record", OrderRecord.class),
                Arguments.of("Archived orders", ArchivedOrders.class),
                Arguments.of("Touchpoint statistics", TouchpointStats.class),
                Arguments.of("Sent task", SentTask.class),
                Arguments.of("Watch", Watch.class),
                Arguments.of("Touchpoint", Touchpoint.class),
                Arguments.of("Evaluation request", EvaluationRequest.class),
                Arguments.of("Decision", Decision.class),
                Arguments.of("Explanation", Explanation.class),
                Arguments.of("Scenario file", Scenario.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireTypes")
    void everyFieldOfAWireTypeIsInItsTable(String section, Class<?> type) {
        Set<String> documented = firstCells(section(section), 0);

        assertThat(documented).as("fields of %s in docs/contract.md section '%s'", type.getSimpleName(), section)
                .containsExactlyInAnyOrderElementsOf(fieldsOf(type));
    }

    @Test
    void everyFieldOfAScenarioStepAndExpectationIsInItsTable() {
        List<Set<String>> tables = tables(section("Scenario file"));

        assertThat(tables).as("tables of the scenario section").hasSizeGreaterThanOrEqualTo(3);
        assertThat(tables.get(1)).as("step fields").containsExactlyInAnyOrderElementsOf(fieldsOf(ScenarioStep.class));
        assertThat(tables.get(2)).as("expectation fields").containsExactlyInAnyOrderElementsOf(fieldsOf(Expectation.class));
    }

    @Test
    void everyActionTypeIsListedWithExactlyItsFields() {
        List<String> rows = tableRows(section("Actions"), 0);
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        for (String row : rows) {
            String[] cells = row.split("\\|");
            Set<String> fields = new TreeSet<>(backticked(cells[2]));
            fields.add("rule");
            documented.put(cells[1].trim().replace("`", ""), fields);
        }
        Map<String, Set<String>> code = new LinkedHashMap<>();
        for (JsonSubTypes.Type subtype : Action.class.getAnnotation(JsonSubTypes.class).value()) {
            code.put(subtype.name(), new TreeSet<>(fieldsOf(subtype.value())));
        }

        assertThat(documented).isEqualTo(code);
    }

    @Test
    void everyActionFieldAPatternMayNameIsExplained() {
        Set<String> documented = firstCells(section("Actions"), 1);

        assertThat(documented).containsExactlyInAnyOrderElementsOf(Expectation.ACTION_FIELDS);
    }

    @Test
    void everyTaskKindIsListed() {
        assertThat(firstCells(section("Task kinds"), 0))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(TaskKind.values()).map(TaskKind::name).toList());
    }

    @Test
    void everyEventTypeTheCodeNamesIsListed() throws IOException {
        Set<String> code = new TreeSet<>();
        for (Field field : EventTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                code.add(field.getName());
            }
        }
        code.addAll(matches(RULE_FILES, ".drl", Pattern.compile("type\\s*[!=]=\\s*\"([^\"]+)\"")));

        assertThat(firstCells(section("Event types"), 0)).containsAll(code);
        assertThat(firstCells(section("Event types"), 0)).hasSameSizeAs(code);
    }

    @Test
    void everyEventTypeOfTheDefaultCatalogIsListedWithItsInboundColumn() {
        EventTypeCatalog catalog = EventTypeCatalog.of(List.of(RulePack.defaults()));
        Map<String, String> documented = new LinkedHashMap<>();
        for (String row : tableRows(section("Event types"), 0)) {
            String[] cells = row.split("\\|");
            documented.put(cells[1].trim().replace("`", ""), cells[3].trim());
        }

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(catalog.names());
        for (String type : catalog.names()) {
            assertThat(documented.get(type)).as(type).isEqualTo(catalog.declaration(type).orElseThrow().inbound() ? "yes" : "no");
        }
    }

    @Test
    void everyTaskKindOfTheDefaultCatalogIsListedWithItsContactRankAndWhenFull() {
        TaskKindCatalog catalog = TaskKindCatalog.of(List.of(RulePack.defaults()));
        for (String row : tableRows(section("Task kinds"), 0)) {
            String[] cells = row.split("\\|");
            TaskKindCatalog.Declaration d = catalog.declaration(TaskKind.valueOf(cells[1].trim().replace("`", ""))).orElseThrow();
            assertThat(cells[3].trim()).isEqualTo(d.proactive() ? "proactive" : "reactive");
            assertThat(cells[4].trim()).isEqualTo(String.valueOf(d.rank()));
            assertThat(cells[5].trim()).isEqualTo(d.dropWhenFull() ? "dropped" : "moved");
        }
    }

    @Test
    void everyAttributeTheEngineOrTheDefaultRulesReadIsListed() throws IOException {
        Pattern read = Pattern.compile("attribute\\(\"([^\"]+)\"\\)");
        Set<String> code = new TreeSet<>(matches(RULE_FILES, ".drl", read));
        code.addAll(matches(CORE_SOURCES, ".java", read));
        Set<String> documented = new TreeSet<>(firstCells(section("Event attributes"), 0));
        documented.addAll(firstCells(section("Customer attributes"), 0));

        assertThat(documented).containsAll(code);
    }

    @Test
    void theDocLinksOnlyToFilesThatShip() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)");
        for (Path doc : List.of(DOC, Path.of("..", "docs", "playbook.md"), Path.of("..", "docs", "writing-rules.md"),
                Path.of("..", "docs", "playbook-decisions.md"), Path.of("..", "README.md"))) {
            String text = Files.readString(doc);
            Matcher m = link.matcher(text);
            while (m.find()) {
                assertThat(doc.resolveSibling(m.group(1))).as("link in %s", doc).exists();
            }
            assertThat(text).as(doc.toString()).doesNotContain("PLAYBOOK.md", "CONTRACT.md", "../shared", "seed 0");
        }
    }

    /** The JSON property names Jackson reads for {@code type}. */
    private static List<String> fieldsOf(Class<?> type) {
        JavaType javaType = SiyuJson.mapper().constructType(type);
        List<BeanPropertyDefinition> properties = SiyuJson.mapper().getDeserializationConfig().introspect(javaType)
                .findProperties();
        return properties.stream().filter(p -> p.hasConstructorParameter() || p.hasSetter() || p.hasField())
                .map(BeanPropertyDefinition::getName).toList();
    }

    /** The text from the heading {@code name} (any level) to the next heading of the same or a higher level. */
    private static String section(String name) {
        String doc = read(DOC);
        Matcher heading = Pattern.compile("(?m)^(#+) " + Pattern.quote(name) + "$").matcher(doc);
        assertThat(heading.find()).as("heading '%s' in docs/contract.md", name).isTrue();
        int level = heading.group(1).length();
        Matcher next = Pattern.compile("(?m)^#{1," + level + "} ").matcher(doc);
        int end = next.find(heading.end()) ? next.start() : doc.length();
        return doc.substring(heading.end(), end);
    }

    /** The names in backticks in the first cell of the rows of the section's {@code index}-th table. */
    private static Set<String> firstCells(String section, int index) {
        List<Set<String>> tables = tables(section);
        assertThat(tables).as("tables").hasSizeGreaterThan(index);
        return tables.get(index);
    }

    private static List<Set<String>> tables(String section) {
        List<Set<String>> tables = new ArrayList<>();
        Set<String> current = null;
        for (String line : section.lines().toList()) {
            if (line.startsWith("|---")) {
                current = new TreeSet<>();
                tables.add(current);
            } else if (!line.startsWith("|")) {
                current = null;
            } else if (current != null) {
                Matcher m = FIRST_CELL.matcher(line);
                if (m.matches()) {
                    current.add(m.group(1));
                    if (m.group(2) != null) {
                        current.add(m.group(2));
                    }
                }
            }
        }
        return tables;
    }

    private static List<String> tableRows(String section, int index) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : section.lines().toList()) {
            if (line.startsWith("|---")) {
                current = new ArrayList<>();
                tables.add(current);
            } else if (!line.startsWith("|")) {
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return tables.get(index);
    }

    private static List<String> backticked(String cell) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> matches(Path root, String suffix, Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.siyu.examples;

import dev.siyu.SiyuEngine;
import dev.siyu.pack.RulePack;
import dev.siyu.testing.SiyuScenarios;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of docs/writing-rules.md are real, layered on the default playbook, and do what the doc says. */
class WritingRulesDocTest {
    private static final Path EXAMPLES = Path.of("src/test/resources/writing-rules");
    private static final Path DOC = Path.of("..", "docs", "writing-rules.md");

    @TestFactory
    Stream<DynamicTest> eachExamplePassesItsScenarios() throws IOException {
        try (Stream<Path> examples = Files.list(EXAMPLES)) {
            return examples.sorted().toList().stream().flatMap(example -> {
                SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults())
                        .rules(RulePack.directory(example.resolve("rules"))).build();
                return SiyuScenarios.from(engine, example.resolve("scenarios"));
            });
        }
    }

    @Test
    void theDocShowsEveryExampleFileAsItIs() throws IOException {
        String doc = Files.readString(DOC);
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/rules/")
                    || f.getFileName().toString().equals("big-quote-gets-a-14-day-touch.json")).toList()) {
                assertThat(doc).as(file.toString()).contains(Files.readString(file));
            }
        }
    }
}

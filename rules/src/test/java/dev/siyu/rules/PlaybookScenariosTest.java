package dev.siyu.rules;

import dev.siyu.SiyuEngine;
import dev.siyu.scenario.ScenarioResult;
import dev.siyu.scenario.ScenarioRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scenario file under {@code src/test/resources/scenarios} passes with the default playbook. */
class PlaybookScenariosTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();

    @TestFactory
    Stream<DynamicTest> defaultPlaybookScenarios() throws URISyntaxException {
        Path root = Path.of(PlaybookScenariosTest.class.getResource("/scenarios").toURI());
        ScenarioRunner runner = new ScenarioRunner(ENGINE);
        return ScenarioRunner.scenarioFiles(root).stream().map(file -> DynamicTest.dynamicTest(
                root.relativize(file).toString(), file.toUri(), () -> {
                    ScenarioResult result = runner.run(file);

                    assertThat(result.failures()).as(result.report()).isEmpty();
                }));
    }
}

package dev.siyu.rules;

import dev.siyu.SiyuEngine;
import dev.siyu.scenario.ScenarioResult;
import dev.siyu.scenario.ScenarioRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example scenarios of {@code ../shared/scenarios} (beside the repository). Those whose
 * behaviour is implemented must pass; the others are owned by later playbook issues.
 */
class SharedScenariosTest {
    private static final Path SHARED = Path.of("..", "..", "shared", "scenarios");
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();

    @Test
    void aFutureEventIsRefusedAndChangesNothing() {
        assertPasses("future-event-rejected.json");
    }

    private static void assertPasses(String file) {
        Path path = SHARED.resolve(file);
        Assumptions.assumeTrue(Files.exists(path), "shared scenarios not beside the repository: " + SHARED.toAbsolutePath());

        ScenarioResult result = new ScenarioRunner(ENGINE).run(path);

        assertThat(result.failures()).as(result.report()).isEmpty();
    }

    @Test
    void printShared() {
        Assumptions.assumeTrue(Files.exists(SHARED));
        for (ScenarioResult r : new ScenarioRunner(ENGINE).runAll(SHARED)) {
            System.out.println((r.passed() ? "PASS " : "FAIL ") + r.source() + "\n" + r.report());
        }
    }
}

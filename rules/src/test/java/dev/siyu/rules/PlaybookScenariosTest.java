package dev.siyu.rules;

import dev.siyu.SiyuEngine;
import dev.siyu.testing.SiyuScenarios;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** Every scenario file under {@code src/test/resources/scenarios} passes with the default playbook. */
class PlaybookScenariosTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().build();

    @TestFactory
    Stream<DynamicTest> defaultPlaybookScenarios() {
        return SiyuScenarios.fromClasspath(ENGINE, PlaybookScenariosTest.class, "/scenarios");
    }
}

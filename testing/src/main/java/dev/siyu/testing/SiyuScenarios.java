package dev.siyu.testing;

import dev.siyu.SiyuEngine;
import dev.siyu.scenario.ScenarioResult;
import dev.siyu.scenario.ScenarioRunner;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Scenario files (CONTRACT.md) as JUnit 5 tests, with the failure messages of {@code siyu test}:
 * one line per failed expectation naming scenario, step, what was expected and what came.
 *
 * <pre>{@code
 * class MyRulesTest {
 *     static final SiyuEngine ENGINE = SiyuEngine.builder()
 *             .rules(RulePack.defaults()).rules(RulePack.directory(Path.of("my-rules"))).build();
 *
 *     @TestFactory
 *     Stream<DynamicTest> scenarios() {
 *         return SiyuScenarios.from(ENGINE, Path.of("src/test/resources/scenarios"));
 *     }
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SiyuScenarios {
    private SiyuScenarios() {
    }

    /** One dynamic test per scenario file below {@code dirOrFile} (or for the file itself), named by relative path. */
    public static Stream<DynamicTest> from(SiyuEngine engine, Path dirOrFile) {
        Objects.requireNonNull(engine, "engine");
        ScenarioRunner runner = new ScenarioRunner(engine);
        Path root = dirOrFile.toFile().isDirectory() ? dirOrFile : dirOrFile.getParent();
        return ScenarioRunner.scenarioFiles(dirOrFile).stream().map(file -> DynamicTest.dynamicTest(
                root == null ? file.toString() : root.relativize(file).toString(), file.toUri(),
                () -> assertPasses(runner.run(file))));
    }

    /** One dynamic test per scenario file below a class-path folder such as {@code "/scenarios"}. */
    public static Stream<DynamicTest> fromClasspath(SiyuEngine engine, Class<?> anchor, String folder) {
        URL url = anchor.getResource(folder);
        if (url == null) {
            throw new IllegalArgumentException("no class-path folder " + folder + " next to " + anchor.getName());
        }
        try {
            return from(engine, Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot read " + url, e);
        }
    }

    /** Runs one scenario file and fails with every failed expectation when it does not pass. */
    public static void assertPasses(SiyuEngine engine, Path file) {
        assertPasses(new ScenarioRunner(engine).run(file));
    }

    private static void assertPasses(ScenarioResult result) {
        if (!result.passed()) {
            throw new AssertionFailedError(result.failures().size() + " failed expectation(s):\n" + result.report());
        }
    }
}

package dev.siyu.testing;

import dev.siyu.SiyuEngine;
import dev.siyu.pack.RulePack;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiyuScenariosTest {
    private static final SiyuEngine ENGINE = SiyuEngine.builder().rules(RulePack.of("mine", Map.of("levels.drl", """
            package mine;
            import dev.siyu.fact.Profile;
            import dev.siyu.model.Engagement;
            rule "mine: a message makes a conversing customer"
            when
                $p : Profile( engagement == Engagement.SILENT, touchpointCount("MESSAGE_RECEIVED") > 0 )
            then
                modify($p) { setEngagement(Engagement.CONVERSING) }
            end
            """))).build();

    @TestFactory
    Stream<DynamicTest> scenariosOnTheClassPathRunAsDynamicTests() {
        return SiyuScenarios.fromClasspath(ENGINE, SiyuScenariosTest.class, "/scenarios");
    }

    @Test
    void aFailingScenarioFailsWithTheSameLinesAsTheTestCommand(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wrong.json");
        Files.writeString(file, """
                {"name": "wrong on purpose", "customer": {"id": "c-1"},
                 "steps": [{"now": "2026-03-02T10:00:00+08:00",
                            "events": [{"id": "e1", "type": "MESSAGE_RECEIVED", "at": "2026-03-02T09:00:00+08:00"}],
                            "expect": {"engagement": "QUOTED"}}]}
                """);

        assertThatThrownBy(() -> SiyuScenarios.assertPasses(ENGINE, file))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("1 failed expectation(s):\n" + file + ": 'wrong on purpose' step 1: expected engagement QUOTED but was CONVERSING");
    }

    @Test
    void aDirectoryGivesOneTestPerFileNamedByItsPath(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/a.json"), "{}");
        Files.writeString(dir.resolve("b.json"), "{}");

        assertThat(SiyuScenarios.from(ENGINE, dir)).extracting(DynamicTest::getDisplayName).containsExactly("b.json", "sub/a.json");
    }
}

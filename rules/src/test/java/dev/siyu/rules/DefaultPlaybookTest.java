package dev.siyu.rules;

import dev.siyu.SiyuEngine;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RuleResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultPlaybookTest {

    @Test
    void theDefaultPackIsFoundThroughTheServiceLoader() {
        RulePack pack = RulePack.defaults();

        assertThat(pack.name()).isEqualTo("default");
        assertThat(pack.location()).isEqualTo(DefaultPlaybook.LOCATION);
    }

    @Test
    void theIndexListsEveryFileOfTheDefaultPack() throws IOException {
        Path dir = Path.of("src/main/resources", DefaultPlaybook.LOCATION);
        try (Stream<Path> files = Files.list(dir)) {
            var onDisk = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RulePack.INDEX)).sorted().toList();

            assertThat(RulePack.defaults().resources()).extracting(RuleResource::path)
                    .containsExactlyInAnyOrderElementsOf(onDisk);
        }
    }

    @Test
    void everyDefaultRuleIsNamedAfterTheTopicItImplements() {
        var names = SiyuEngine.builder().build().ruleNames();

        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(name).matches("(engagement|lifecycle|cadence|sla|after-sale|repurchase|tier|tags|activation|care|objection|feedback|sop|followers): .+|vip-criteria_\\d+"));
    }
}

package dev.siyu.rules;

import dev.siyu.fact.Event;
import dev.siyu.fact.Profile;
import dev.siyu.fact.StageProposal;
import dev.siyu.fact.Sweep;
import dev.siyu.fact.TierMet;
import dev.siyu.fact.TierStanding;
import dev.siyu.fact.Tiers;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;
import dev.siyu.model.Watch;
import dev.siyu.proposal.ActionProposal;
import dev.siyu.proposal.AlertProposal;
import dev.siyu.proposal.CancelProposal;
import dev.siyu.proposal.EngagementProposal;
import dev.siyu.proposal.MarkProposal;
import dev.siyu.proposal.OwnerProposal;
import dev.siyu.proposal.SuggestionProposal;
import dev.siyu.proposal.TagProposal;
import dev.siyu.proposal.TaskProposal;
import dev.siyu.proposal.TierProposal;
import dev.siyu.proposal.WakeUpProposal;
import dev.siyu.proposal.WatchProposal;
import dev.siyu.schedule.ChineseCalendar;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/rule-api.md names every public member of the fact API a rule file can call. */
class RuleApiDocTest {
    private static final Path DOC = Path.of("..", "docs", "rule-api.md");
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    @ParameterizedTest
    @ValueSource(classes = {Profile.class, Event.class, Sweep.class, StageProposal.class, TierStanding.class, TierMet.class,
            ChineseCalendar.class, Watch.class, TaskProposal.class, CancelProposal.class, TagProposal.class,
            EngagementProposal.class, TierProposal.class, OwnerProposal.class, AlertProposal.class, SuggestionProposal.class,
            WatchProposal.class, MarkProposal.class, WakeUpProposal.class, ActionProposal.class,
            Tiers.class, TaskKind.class, Tier.class})
    void everyPublicMethodOfTheFactApiIsInTheReference(Class<?> type) throws IOException {
        String doc = Files.readString(DOC);

        var missing = Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .map(Method::getName)
                .filter(name -> !OBJECT_METHODS.contains(name))
                .filter(name -> type != Watch.class || name.startsWith("get") || name.equals("answeredBy"))
                .filter(name -> !doc.contains("`" + name + "(") && !doc.contains(", " + name + "(")
                        && !doc.contains(" " + name + "(") && !doc.contains("`" + name + "`") && !doc.contains("." + name + "("))
                .distinct().sorted().toList();

        assertThat(missing).as("public members of %s missing from docs/rule-api.md", type.getSimpleName()).isEmpty();
    }
}

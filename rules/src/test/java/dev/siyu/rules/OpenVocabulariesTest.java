package dev.siyu.rules;

import dev.siyu.Decision;
import dev.siyu.InputException;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Task;
import dev.siyu.action.TaskKind;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.pack.TaskKindCatalog;
import dev.siyu.json.SiyuJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Task kinds are a pack catalog: a directory pack declares its own, its rules schedule them, decisions carry them. */
class OpenVocabulariesTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");

    private static final String KINDS = """
            kind,contact,rank,when_full,description
            CALL,proactive,0,move,a phone call by the owner
            INVITE_TO_GROUP,reactive,11,move,an invitation to the shop's community group
            """;

    private static final String RULES = """
            package acme.calls;

            import dev.siyu.action.TaskKind;
            import dev.siyu.fact.Event;

            rule "acme: call back two hours after a price inquiry"
            when
                $e : Event( type == "PRICE_INQUIRY", $id : customerId, $p : profile )
            then
                $p.scheduleTask($id + "/call/" + $e.getId(), TaskKind.valueOf("CALL"), "acme.call", $e.getAt().plusHours(2));
            end

            rule "acme: invite a new friend to the group at once"
            when
                $e : Event( type == "FRIEND_ADDED", $id : customerId, $p : profile )
            then
                $p.scheduleTask($id + "/group/" + $e.getId(), TaskKind.valueOf("INVITE_TO_GROUP"), "acme.group", $e.getAt());
            end
            """;

    private static final String SCRIPTS = """
            {"locale": "zh-CN", "scripts": {"acme.call": "给{{name}}回个电话", "acme.group": "{{name}}，欢迎加入我们的会员群"}}
            """;

    private static Path pack(Path dir, String kinds, String rules) throws IOException {
        Files.writeString(dir.resolve("acme.task-kinds.csv"), kinds);
        Files.writeString(dir.resolve("calls.drl"), rules);
        Files.writeString(dir.resolve("acme.zh-CN.scripts.json"), SCRIPTS);
        return dir;
    }

    private static SiyuEngine layered(Path dir) {
        return SiyuEngine.builder().rules(RulePack.defaults()).rules(RulePack.directory(dir)).build();
    }

    @Test
    void aTaskKindDeclaredInADirectoryPackIsScheduledByItsRuleAndPlacedByItsRow(@TempDir Path dir) throws IOException {
        SiyuEngine engine = layered(pack(dir, KINDS, RULES));

        Decision decision = engine.evaluate(Customer.builder("c-1").owner("sales-01").addedAt(AT.minusDays(1)).build(),
                List.of(Touchpoint.of("q-1", "PRICE_INQUIRY", AT)), AT.plusMinutes(1));

        // CALL ranks before FOLLOW_UP: at the same due time it takes the day's one proactive place.
        assertThat(decision.tasks()).filteredOn(t -> t.kind().equals(TaskKind.valueOf("CALL"))).singleElement()
                .satisfies(call -> {
                    assertThat(call.key()).isEqualTo("c-1/call/q-1");
                    assertThat(call.dueAt()).isEqualTo(AT.plusHours(2));
                    assertThat(call.rule()).isEqualTo("acme: call back two hours after a price inquiry");
                });
        assertThat(decision.tasks()).filteredOn(t -> t.script().equals("followup.same_day")).extracting(Task::dueAt)
                .containsExactly(OffsetDateTime.parse("2026-03-03T09:00:00+08:00"));
        assertThat(SiyuJson.write(decision)).contains("\"kind\":\"CALL\"");
    }

    @Test
    void aReactiveKindOfAPackIgnoresContactHours(@TempDir Path dir) throws IOException {
        SiyuEngine engine = layered(pack(dir, KINDS, RULES));
        OffsetDateTime night = OffsetDateTime.parse("2026-03-02T23:30:00+08:00");

        Decision decision = engine.evaluate(Customer.builder("c-1").build(),
                List.of(Touchpoint.of("f-1", "FRIEND_ADDED", night)), night.plusMinutes(1));

        assertThat(decision.tasks()).filteredOn(t -> t.kind().name().equals("INVITE_TO_GROUP")).extracting(Task::dueAt)
                .containsExactly(night);
        Decision again = engine.evaluate(decision.customer(), List.of(), night.plusMinutes(2));
        assertThat(again.customer().memory().pendingTasks()).isEqualTo(decision.customer().memory().pendingTasks());
    }

    @Test
    void aRuleUsingAKindNoCatalogDeclaresIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        pack(dir, KINDS, RULES.replace("TaskKind.valueOf(\"CALL\")", "TaskKind.valueOf(\"CALLL\")"));

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> layered(dir));

        assertThat(e).isNotNull();
        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.file()).endsWith("calls.drl");
            assertThat(d.line()).isEqualTo(10);
            assertThat(d.message()).contains("task kind 'CALLL'").contains("task-kinds.csv").contains("CALL");
        });
    }

    @Test
    void aBadCellOfATaskKindCatalogIsLocatedByRowAndColumn(@TempDir Path dir) throws IOException {
        pack(dir, """
                kind,contact,rank,when_full
                CALL,sometimes,0,move
                call,proactive,x,later
                """, "package acme;\n");

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> layered(dir));

        String file = dir + "/acme.task-kinds.csv";
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                file + ":2:2: contact must be proactive or reactive, got 'sometimes'",
                file + ":3:1: kind 'call' must be upper-case letters, digits and _, starting with a letter (at most 64)",
                file + ":3:3: rank must be a whole number, got 'x'",
                file + ":3:4: when_full must be move or drop, got 'later'");
    }

    @Test
    void aLayeredRowReplacesTheDefaultRowOfItsKindOnly(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("shop.task-kinds.csv"), "kind,contact,rank,when_full\nHOLIDAY,proactive,7,move\n");

        TaskKindCatalog catalog = TaskKindCatalog.of(List.of(RulePack.defaults(), RulePack.directory(dir)));

        assertThat(catalog.dropWhenFull()).containsExactly(TaskKind.SOLAR_TERM);
        assertThat(catalog.reactive()).containsExactlyInAnyOrder(TaskKind.GREETING, TaskKind.ORDER_NOTICE);
        assertThat(catalog.kinds()).containsExactly(TaskKind.values());
    }

    @Test
    void aTaskOutcomeNamingAnUndeclaredKindIsRefusedAsInputAndTheBatchGoesOn() {
        SiyuEngine engine = SiyuEngine.builder().build();
        Touchpoint failed = Touchpoint.of("t-1", "TASK_FAILED", AT).with("taskKey", "c-1/x").with("reason", "QUOTA")
                .with("kind", "NOT_A_KIND").with("script", "followup.day3");

        InputException e = catchThrowableOfType(InputException.class,
                () -> engine.evaluate(Customer.of("c-1"), List.of(failed), AT.plusMinutes(1)));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("c-1").contains("t-1").contains("attribute 'kind'").doesNotContain("NOT_A_KIND");
        Touchpoint known = Touchpoint.of("t-2", "TASK_FAILED", AT).with("taskKey", "c-2/x").with("reason", "QUOTA")
                .with("kind", "FOLLOW_UP").with("script", "followup.day3");
        assertThat(engine.evaluate(Customer.of("c-2"), List.of(known), AT.plusMinutes(1)).tasks())
                .extracting(Task::key).contains("c-2/x/retry/2026-03-02");
    }
}

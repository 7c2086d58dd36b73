package dev.siyu.rules;

import dev.siyu.Decision;
import dev.siyu.SiyuEngine;
import dev.siyu.action.CancelTask;
import dev.siyu.action.Task;
import dev.siyu.action.TierChanged;
import dev.siyu.error.InputException;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Stage;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import dev.siyu.pack.TaskKindCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Task kinds and tiers are pack catalogs: a directory pack declares its own, its rules and tables use
 * them, decisions carry them.
 */
class OpenVocabulariesTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");

    private static final String KINDS = """
            kind,contact,rank,when_full,description
            CALL,proactive,0,move,a phone call by the owner
            INVITE_TO_GROUP,reactive,11,move,an invitation to the shop's community group
            """;

    private static final String RULES = """
            package acme.calls;

            import dev.siyu.model.TaskKind;
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
    void aFriendDeletedSparesThePendingTasksOfAKindThePackDeclaresReactive(@TempDir Path dir) throws IOException {
        String rules = RULES + """

                rule "acme: invite to the group the day after a price inquiry"
                when
                    $e : Event( type == "PRICE_INQUIRY", $id : customerId )
                then
                    insert(new dev.siyu.proposal.TaskProposal($id, $id + "/group/" + $e.getId(), TaskKind.valueOf("INVITE_TO_GROUP"),
                            "acme.group", $e.getAt().plusDays(1)));
                end
                """;
        SiyuEngine engine = layered(pack(dir, KINDS, rules));
        Decision inquired = engine.evaluate(Customer.builder("c-1").owner("sales-01").addedAt(AT.minusDays(1)).build(),
                List.of(Touchpoint.of("q-1", "PRICE_INQUIRY", AT)), AT.plusMinutes(1));
        assertThat(inquired.customer().memory().pendingTasks()).extracting(t -> t.kind().name())
                .contains("CALL", "INVITE_TO_GROUP");

        Decision deleted = engine.evaluate(inquired.customer(),
                List.of(Touchpoint.of("d-1", "FRIEND_DELETED", AT.plusMinutes(30))), AT.plusMinutes(31));

        // "friend deleted" cancels every proactive task, and INVITE_TO_GROUP is reactive by this pack's catalog.
        assertThat(deleted.customer().memory().pendingTasks()).extracting(t -> t.kind().name())
                .containsExactly("INVITE_TO_GROUP");
        assertThat(deleted.actions(CancelTask.class)).extracting(CancelTask::key)
                .contains("c-1/call/q-1").doesNotContain("c-1/group/q-1");
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
    void aRuleImportingTaskKindFromItsEarlierPackageIsToldWhereItMoved(@TempDir Path dir) throws IOException {
        assertThat(RULES).contains("import dev.siyu.model.TaskKind;");
        pack(dir, KINDS, RULES.replace("import dev.siyu.model.TaskKind;", "import dev.siyu.action.TaskKind;"));

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> layered(dir));

        assertThat(e).isNotNull();
        assertThat(e.diagnostics()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.file()).endsWith("calls.drl");
            assertThat(d.message()).contains("dev.siyu.action.TaskKind is now dev.siyu.model.TaskKind: change the import");
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

    // ---- tiers ----

    private static final String SMALL_B = """
            tier,rank,desk,welcome_script,window_days
            小B,5,b-desk,acme.small_b.welcome,90
            """;

    private static String defaultTable() {
        return RulePack.defaults().resources().stream().filter(r -> r.path().equals("vip-criteria.drl.csv")).findFirst()
                .map(r -> new String(r.content(), java.nio.charset.StandardCharsets.UTF_8)).orElseThrow();
    }

    private static SiyuEngine smallBPack(Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.tiers.csv"), SMALL_B);
        // The default table with one more row; desk and welcome script are the catalog's.
        Files.writeString(dir.resolve("vip-criteria.drl.csv"), defaultTable().stripTrailing()
                + "\n小B,300.00,,,spend of 300.00 in 90 days\n");
        Files.writeString(dir.resolve("acme.zh-CN.scripts.json"), """
                {"locale": "zh-CN", "scripts": {"acme.small_b.welcome": "{{name}}，欢迎成为小B客户"}}
                """);
        return layered(dir);
    }

    private static List<Touchpoint> order(String id, OffsetDateTime at, String amount) {
        return List.of(Touchpoint.of(id, "ORDER_PAID", at).with("orderId", id).with("amount", amount));
    }

    @Test
    void aTierDeclaredInADirectoryPackIsReachedThroughTheCriteriaTable(@TempDir Path dir) throws IOException {
        SiyuEngine engine = smallBPack(dir);
        Customer customer = Customer.builder("c-b").owner("sales-01").build();

        Decision small = engine.evaluate(customer, order("o1", AT.minusHours(1), "500.00"), AT);

        assertThat(small.customer().tier()).isEqualTo(Tier.valueOf("小B"));
        assertThat(small.customer().owner()).contains("b-desk");
        assertThat(small.actions(TierChanged.class)).singleElement()
                .satisfies(c -> assertThat(c.to().name()).isEqualTo("小B"));
        assertThat(small.tasks()).filteredOn(t -> t.kind().equals(TaskKind.VIP)).extracting(Task::script)
                .containsExactly("acme.small_b.welcome");
        assertThat(SiyuJson.write(small)).contains("\"to\":\"小B\"");

        // ¥1,500 in all: VIP ranks above 小B, so the customer moves up again.
        Decision vip = engine.evaluate(small.customer(), order("o2", AT.plusDays(1), "1000.00"), AT.plusDays(1).plusHours(1));
        assertThat(vip.customer().tier()).isEqualTo(Tier.VIP);
        assertThat(vip.customer().owner()).contains("vip-desk");
    }

    @Test
    void aPackTierAndADefaultTierProposedInOneRound_theHigherRankOfTheCatalogWins(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.tiers.csv"), SMALL_B);
        Files.writeString(dir.resolve("acme.zh-CN.scripts.json"), """
                {"locale": "zh-CN", "scripts": {"acme.small_b.welcome": "{{name}}，欢迎成为小B客户"}}
                """);
        Files.writeString(dir.resolve("both.drl"), """
                package acme;
                import dev.siyu.fact.Sweep;
                import dev.siyu.model.Tier;
                import dev.siyu.proposal.TierProposal;

                rule "acme: every store customer is 小B"
                when
                    Sweep( $id : customerId )
                then
                    insert(new TierProposal($id, Tier.valueOf("小B")));
                end

                rule "acme: and VIP as well"
                when
                    Sweep( $id : customerId )
                then
                    insert(new TierProposal($id, Tier.VIP));
                end
                """);

        Decision decision = layered(dir).evaluate(Customer.of("c-both"), List.of(), AT);

        assertThat(decision.customer().tier()).as("VIP (rank 10) ranks above 小B (rank 5)").isEqualTo(Tier.VIP);
    }

    @Test
    void aTiersWindowComesFromItsCatalogRow(@TempDir Path dir) throws IOException {
        SiyuEngine engine = smallBPack(dir);

        Decision old = engine.evaluate(Customer.of("c-old"), order("o1", AT.minusDays(100), "500.00"), AT);

        assertThat(old.customer().tier()).as("an order 100 days ago is outside 小B's 90 days").isEqualTo(Tier.REGULAR);
    }

    @Test
    void aCustomerHandedInWithATierNoCatalogDeclaresIsRefusedAsInput() {
        SiyuEngine engine = SiyuEngine.builder().build();
        Customer gold = SiyuJson.readCustomer("{\"id\": \"c-gold\", \"tier\": \"GOLD\"}");

        InputException e = catchThrowableOfType(InputException.class, () -> engine.evaluate(gold, List.of(), AT));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("c-gold").contains("tier").contains("REGULAR").doesNotContain("GOLD");
    }

    @Test
    void aBadCellOfATierCatalogIsLocatedByRowAndColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.tiers.csv"), """
                tier,rank,desk,welcome_script,window_days
                小B,five,b-desk,acme.small_b.welcome,90
                大B,10,b-desk,acme.small_b.welcome,0
                """);
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> layered(dir));

        String file = dir + "/acme.tiers.csv";
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                file + ":2:2: rank must be a whole number, got 'five'",
                file + ":3:5: window_days must be a whole number of days from 1 to 3650, got '0'");
    }

    @Test
    void twoTiersWithOneRankAreRefusedAtTheLaterRow(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.tiers.csv"), "tier,rank,desk,welcome_script,window_days\n大B,10,b-desk,vip.welcome,365\n");
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> layered(dir));

        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                dir + "/acme.tiers.csv:2:2: tier '大B' has rank 10, the rank of tier 'VIP': ranks must differ");
    }

    // ---- event types ----

    private static final String COUPONS = """
            type,inbound,required,optional,description
            COUPON_REDEEMED,yes,couponId:text,amount:money,the customer redeemed a coupon in store
            """;

    private static final String COUPON_RULES = """
            package acme.coupons;
            import dev.siyu.proposal.TagProposal;
            import dev.siyu.fact.Event;

            rule "acme: a redeemed coupon is worth a tag"
            when
                $e : Event( type == "COUPON_REDEEMED", $id : customerId )
            then
                insert(TagProposal.add($id, "acme/coupon/redeemed"));
            end

            rule "acme: a typo and an undeclared type"
            when
                $e : Event( type == "FRIEND_ADD" || type == "COUPON_USED", $id : customerId )
            then
                insert(TagProposal.add($id, "acme/coupon/used"));
            end
            """;

    private static SiyuEngine couponPack(Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.event-types.csv"), COUPONS);
        Files.writeString(dir.resolve("coupons.drl"), COUPON_RULES);
        Files.writeString(dir.resolve("acme.tags.csv"), "category,group,exclusive,description\nacme,coupon,false,coupons\n");
        return layered(dir);
    }

    @Test
    void aDeclaredTypesRequiredAndTypedAttributesAreCheckedAtInputAndOthersStillDecided(@TempDir Path dir) throws IOException {
        SiyuEngine engine = couponPack(dir);
        Customer customer = Customer.builder("c-1").addedAt(AT.minusDays(40)).build();
        Touchpoint noCoupon = Touchpoint.of("r-1", "COUPON_REDEEMED", AT);
        Touchpoint badAmount = Touchpoint.of("r-2", "COUPON_REDEEMED", AT).with("couponId", "k-1").with("amount", "lots");

        InputException missing = catchThrowableOfType(InputException.class, () -> engine.evaluate(customer, List.of(noCoupon), AT));
        InputException wrong = catchThrowableOfType(InputException.class, () -> engine.evaluate(customer, List.of(badAmount), AT));

        assertThat(missing.getMessage()).contains("c-1").contains("r-1").contains("COUPON_REDEEMED needs attribute 'couponId'");
        assertThat(wrong.getMessage()).contains("r-2").contains("attribute 'amount'").doesNotContain("lots");
        List<dev.siyu.BatchOutcome> outcomes = new java.util.ArrayList<>();
        engine.evaluateAll(List.of(new dev.siyu.EvaluationRequest(customer, List.of(noCoupon)),
                new dev.siyu.EvaluationRequest(Customer.of("c-2"), List.of(Touchpoint.of("r-3", "COUPON_REDEEMED", AT)
                        .with("couponId", "k-3")))).iterator(), AT, outcomes::add);
        assertThat(outcomes).extracting(dev.siyu.BatchOutcome::succeeded).containsExactly(false, true);
    }

    @Test
    void aDeclaredInboundTypeKeepsACustomerActiveAndAnUndeclaredTypeIsStillPassedToRules(@TempDir Path dir) throws IOException {
        SiyuEngine engine = couponPack(dir);
        Customer customer = Customer.builder("c-1").addedAt(AT.minusDays(40)).stage(Stage.INTRODUCTION).build();

        Decision redeemed = engine.evaluate(customer, List.of(Touchpoint.of("r-1", "COUPON_REDEEMED", AT)
                .with("couponId", "k-1")), AT);
        Decision used = engine.evaluate(customer, List.of(Touchpoint.of("u-1", "COUPON_USED", AT)), AT);

        assertThat(redeemed.customer().stage()).as("COUPON_REDEEMED is inbound").isEqualTo(Stage.INTRODUCTION);
        assertThat(redeemed.customer().tags()).extracting(Object::toString).contains("acme/coupon/redeemed");
        assertThat(used.customer().stage()).as("an undeclared type is not inbound").isEqualTo(Stage.DORMANT);
        assertThat(used.customer().tags()).extracting(Object::toString).contains("acme/coupon/used");
    }

    @Test
    void buildWarnsWhereARuleTestsForATypeNoCatalogDeclares(@TempDir Path dir) throws IOException {
        SiyuEngine engine = couponPack(dir);

        String file = dir + "/coupons.drl";
        assertThat(engine.warnings()).extracting(Object::toString).containsExactly(
                file + ":14:26: warning: event type 'FRIEND_ADD' is not a known one; did you mean 'FRIEND_ADDED'?",
                file + ":14:50: warning: event type 'COUPON_USED' is not declared by any event-type catalog "
                        + "(*.event-types.csv): declare it, or check the spelling");
        assertThat(SiyuEngine.builder().build().warnings()).as("the default pack declares every type it tests").isEmpty();
    }

    @Test
    void aBadCellOfAnEventTypeCatalogIsLocatedByRowAndColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.event-types.csv"), """
                type,inbound,required,optional
                COUPON_REDEEMED,maybe,couponId,amount:euro
                coupon,no,,
                """);
        Files.writeString(dir.resolve("empty.drl"), "package acme;\n");

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> layered(dir));

        String file = dir + "/acme.event-types.csv";
        assertThat(e.diagnostics()).extracting(Object::toString).containsExactly(
                file + ":2:2: inbound must be yes or no, got 'maybe'",
                file + ":2:3: attribute 'couponId' must be name:type with a type of text, money, days, task_kind",
                file + ":2:4: attribute 'amount:euro' must be name:type with a type of text, money, days, task_kind",
                file + ":3:1: type 'coupon' must be upper-case letters, digits and _, starting with a letter (at most 64)");
    }
}

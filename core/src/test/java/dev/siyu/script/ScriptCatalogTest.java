package dev.siyu.script;

import dev.siyu.SiyuEngine;
import dev.siyu.action.SuggestScript;
import dev.siyu.action.Task;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import dev.siyu.pack.RulePack;
import dev.siyu.pack.RulePackException;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptCatalogTest {
    private static final String ZH = """
            {
              "locale": "zh-CN",
              "defaults": {"name": "亲", "owner": "小助理", "shop": "我们店", "coupon": "优惠券", "product": "宝贝"},
              "names": {"SPRING_FESTIVAL": "春节"},
              "scripts": {
                "hello": "{{name}}您好，我是{{shop}}的{{owner}}",
                "holiday.spring_festival": "{{name}}，{{holiday}}快乐"
              }
            }
            """;
    private static final String EN = """
            {
              "locale": "en",
              "defaults": {"name": "there", "owner": "your assistant", "shop": "our shop", "coupon": "a coupon", "product": "it"},
              "names": {"SPRING_FESTIVAL": "Spring Festival"},
              "scripts": {"hello": "Hi {{name}}, this is {{owner}} from {{shop}}"}
            }
            """;
    private static final String RULE = """
            package fixtures.scripts;
            import dev.siyu.fact.Event;
            import dev.siyu.fact.Profile;
            import dev.siyu.model.TaskKind;
            rule "hello on a message"
            when
                $e : Event( type == "MESSAGE_RECEIVED", $id : customerId )
                $p : Profile( customerId == $id )
            then
                $p.scheduleTask($id + "/hello", TaskKind.CARE, "hello", $e.getAt());
                $p.suggestScript("holiday.spring_festival", "holiday", "SPRING_FESTIVAL");
            end
            """;

    private static RulePack pack(Map<String, String> files) {
        return RulePack.of("scripts", new LinkedHashMap<>(files));
    }

    private static SiyuEngine engine(String zh, String rule) {
        return SiyuEngine.builder().rules(pack(Map.of("a.zh-CN.scripts.json", zh, "b.en.scripts.json", EN, "rules.drl", rule)))
                .build();
    }

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-02T10:00:00+08:00");
    private static final List<Touchpoint> MESSAGE = List.of(Touchpoint.of("e1", "MESSAGE_RECEIVED", NOW.minusMinutes(1)));

    @Test
    void tasksAndSuggestionsCarryTheTextRenderedForTheCustomer() {
        var customer = Customer.builder("c-1").name("张女士").owner("sales-01").build();

        var decision = engine(ZH, RULE).evaluate(customer, MESSAGE, NOW);

        assertThat(decision.tasks()).extracting(Task::text).containsExactly(java.util.Optional.of("张女士您好，我是我们店的sales-01"));
        assertThat(decision.actions(SuggestScript.class)).extracting(SuggestScript::text)
                .containsExactly(java.util.Optional.of("张女士，春节快乐"));
    }

    @Test
    void absentValuesFallBackToTheCatalogDefaultsAndShopValuesComeFromTheEngine() {
        var engine = SiyuEngine.builder().rules(pack(Map.of("a.zh-CN.scripts.json", ZH, "rules.drl", RULE)))
                .scriptValue("shop", "小雅眼镜").build();

        var decision = engine.evaluate(Customer.of("c-1"), MESSAGE, NOW);

        assertThat(decision.tasks().get(0).text()).contains("亲您好，我是小雅眼镜的小助理");
    }

    @Test
    void theCustomersLocaleChoosesTheTextAndMissingScriptsFallBackToChinese() {
        var english = Customer.builder("c-en").attribute("locale", "en").build();

        var decision = engine(ZH, RULE).evaluate(english, MESSAGE, NOW);

        assertThat(decision.tasks().get(0).text()).contains("Hi there, this is your assistant from our shop");
        assertThat(decision.actions(SuggestScript.class).get(0).text()).contains("亲，春节快乐");
    }

    @Test
    void aLaterPackOverridesAScriptOfOneLocale() {
        var override = pack(Map.of("mine.zh-CN.scripts.json", """
                {"locale": "zh-CN", "scripts": {"hello": "{{name}}，欢迎光临{{shop}}"}}
                """));
        var engine = SiyuEngine.builder().rules(pack(Map.of("a.zh-CN.scripts.json", ZH, "rules.drl", RULE)))
                .rules(override).build();

        var decision = engine.evaluate(Customer.of("c-1"), MESSAGE, NOW);

        assertThat(decision.tasks().get(0).text()).contains("亲，欢迎光临我们店");
    }

    @Test
    void aTemplateUsingAVariableNobodyProvidesFailsTheBuildWithFileAndLine() {
        String broken = ZH.replace("\"hello\": \"{{name}}您好", "\"hello\": \"{{nmae}}您好");

        assertThatThrownBy(() -> engine(broken, RULE))
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).diagnostics()).singleElement().satisfies(d -> {
                    assertThat(d.file()).isEqualTo("a.zh-CN.scripts.json");
                    assertThat(d.line()).isEqualTo(6);
                    assertThat(d.message()).contains("script 'hello' uses nmae, which nobody provides");
                }));
    }

    @Test
    void aRuleNamingAnUnknownScriptFailsTheBuildWithFileAndLine() {
        String rule = RULE.replace("TaskKind.CARE, \"hello\"", "TaskKind.CARE, \"helo.world\"");

        assertThatThrownBy(() -> engine(ZH, rule))
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).diagnostics()).singleElement().satisfies(d -> {
                    assertThat(d.file()).isEqualTo("rules.drl");
                    assertThat(d.line()).isEqualTo(10);
                    assertThat(d.message()).contains("rule 'hello on a message' uses script 'helo.world', which no script catalog has");
                }));
    }

    @Test
    void aCatalogWithoutLocaleIsRefused() {
        var bad = pack(Map.of("x.scripts.json", "{\"scripts\": {}}"));

        assertThatThrownBy(() -> SiyuEngine.builder().rules(bad).build())
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("x.scripts.json:1:1: a script catalog needs a \"locale\"");
    }
}

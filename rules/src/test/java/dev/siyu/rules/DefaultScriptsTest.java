package dev.siyu.rules;

import dev.siyu.SiyuEngine;
import dev.siyu.script.ScriptCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The default catalogs hold every script id of PLAYBOOK §11 in zh-CN and en. */
class DefaultScriptsTest {
    private static final ScriptCatalog CATALOG = SiyuEngine.builder().build().scriptCatalog();

    private static final List<String> PLAYBOOK_IDS = List.of("greeting.precise", "greeting.broad",
            "followup.same_day", "followup.day3", "followup.day7", "followup.intent_same_day", "followup.intent_day3",
            "order.thanks", "order.shipped", "care.usage", "care.review", "referral.invite", "repurchase.reminder",
            "activation.silent", "activation.dormant", "activation.winback", "holiday.new_year",
            "holiday.spring_festival", "holiday.lantern", "holiday.womens_day", "holiday.labor_day",
            "holiday.dragon_boat", "holiday.qixi", "holiday.teachers_day", "holiday.mid_autumn",
            "holiday.national_day", "holiday.double_ninth", "holiday.double_11", "holiday.double_12",
            "holiday.christmas", "care.solar_term", "vip.welcome", "key_account.welcome", "objection.price",
            "objection.compare", "objection.hesitate");

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void everyPlaybookScriptExistsInTheLocale(String locale) {
        assertThat(CATALOG.scriptIds(locale)).containsAll(PLAYBOOK_IDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void noRenderedScriptLeavesAVariableOrABlankName(String locale) {
        for (String id : PLAYBOOK_IDS) {
            String text = CATALOG.render(id, locale, Map.of("holiday", "SPRING_FESTIVAL", "term", "立春")).orElseThrow();

            assertThat(text).as(id).doesNotContain("{{").doesNotContain("}}").isNotBlank()
                    .contains(locale.equals("en") ? "there" : "亲");
        }
    }
}

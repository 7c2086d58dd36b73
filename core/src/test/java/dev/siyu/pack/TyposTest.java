package dev.siyu.pack;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TyposTest {
    private static final Typos TYPOS = Typos.of(List.of());

    @ParameterizedTest
    @CsvSource({"friend_added,FRIEND_ADDED", "FRIEND_ADD,FRIEND_ADDED", "ORDER_PIAD,ORDER_PAID", "SHIPED,SHIPPED",
            "Order_Paid,ORDER_PAID"})
    void anEventTypeCloseToAKnownOneIsALikelyTypo(String type, String meant) {
        assertThat(TYPOS.eventType(type)).contains(meant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FRIEND_ADDED", "ORDER_PAID", "COUPON_REDEEMED", "WEBINAR_JOINED", "X"})
    void knownAndClearlyCustomTypesAreNot(String type) {
        assertThat(TYPOS.eventType(type)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"store,STORE", "Package_Card,PACKAGE_CARD", "REFERAL,REFERRAL", "ADS,AD"})
    void aSourceCloseToAKnownOneIsALikelyTypo(String source, String meant) {
        assertThat(TYPOS.source(source)).contains(meant);
    }

    @Test
    void ruleFilesAreScannedWithFileLineAndColumn() {
        RulePack pack = RulePack.of("acme", Map.of("acme.drl", """
                package acme;
                rule "x"
                when
                    $e : Event( type == "friend_added" )
                    Profile( source == "store" )
                    Event( type == "WEBINAR_JOINED" )
                then
                end
                """));

        assertThat(TYPOS.inRuleFiles(pack)).extracting(Diagnostic::toString).containsExactly(
                "acme.drl:4:26: warning: event type 'friend_added' is not a known one; did you mean 'FRIEND_ADDED'?",
                "acme.drl:5:25: warning: source 'store' is not a known one; did you mean 'STORE'?");
    }
}

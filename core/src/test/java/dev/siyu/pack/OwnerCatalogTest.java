package dev.siyu.pack;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnerCatalogTest {

    @Test
    void laterPacksNameOwnersOverEarlierOnes() {
        RulePack base = RulePack.of("base", Map.of("shop.owners.csv", "id,name\nsales-01,小美\nsales-02,阿杰\n"));
        RulePack layer = RulePack.of("layer", Map.of("more.owners.csv", "# renamed\nid,name\nsales-02,杰哥\n"));

        OwnerCatalog catalog = OwnerCatalog.of(List.of(base, layer));

        assertThat(catalog.names()).containsExactly(Map.entry("sales-01", "小美"), Map.entry("sales-02", "杰哥"));
        assertThat(catalog.displayName("sales-03")).as("unnamed owners show as their id").isEqualTo("sales-03");
        assertThat(catalog.name("sales-03")).isEmpty();
    }

    @Test
    void aMalformedLineIsRefusedWithFileAndLine() {
        RulePack pack = RulePack.of("acme", Map.of("acme.owners.csv", "id,name\nsales-01\nsales-02,阿杰\nsales-02,又一个\n"));

        assertThatThrownBy(() -> OwnerCatalog.of(List.of(pack)))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("acme.owners.csv:2:1: expected 2 non-blank columns (id,name)")
                .hasMessageContaining("acme.owners.csv:4:1: owner 'sales-02' is already named on line 3");
    }

    @Test
    void aWrongHeaderIsRefused() {
        RulePack pack = RulePack.of("acme", Map.of("acme.owners.csv", "owner,display\nsales-01,小美\n"));

        assertThatThrownBy(() -> OwnerCatalog.of(List.of(pack))).isInstanceOf(RulePackException.class)
                .hasMessageContaining("acme.owners.csv:1:1: expected the header id,name");
    }
}

package dev.siyu.model;

import dev.siyu.json.SiyuJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tag is {@code category/group/name}: three non-blank levels, written as its string form. */
class TagTest {

    @Test
    void threeLevelsAreParsedIntoCategoryGroupAndName() {
        String text = "渠道/来源/PACKAGE_CARD";

        Tag tag = Tag.parse(text);

        assertThat(tag.category()).isEqualTo("渠道");
        assertThat(tag.group()).isEqualTo("来源");
        assertThat(tag.name()).isEqualTo("PACKAGE_CARD");
    }

    @Test
    void toStringGivesBackTheParsedText() {
        String text = "交易/首单平台/WECOM";

        Tag tag = Tag.parse(text);

        assertThat(tag.toString()).isEqualTo(text);
        assertThat(Tag.parse(tag.toString())).isEqualTo(tag);
    }

    @Test
    void twoLevelsAreRefused() {
        String text = "渠道/来源";

        assertThatThrownBy(() -> Tag.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("three levels")
                .hasMessageContaining("'渠道/来源'");
    }

    @Test
    void fourLevelsAreRefused() {
        String text = "a/b/c/d";

        assertThatThrownBy(() -> Tag.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("three levels")
                .hasMessageContaining("'a/b/c/d'");
    }

    @Test
    void singleLevelIsRefused() {
        String text = "VIP";

        assertThatThrownBy(() -> Tag.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("three levels");
    }

    @Test
    void emptyMiddleLevelIsRefused() {
        String text = "渠道//PACKAGE_CARD";

        assertThatThrownBy(() -> Tag.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tag group must be non-blank");
    }

    @Test
    void blankFirstLevelIsRefused() {
        String text = "  /来源/AD";

        assertThatThrownBy(() -> Tag.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tag category must be non-blank");
    }

    @Test
    void emptyLastLevelIsRefused() {
        String text = "渠道/来源/";

        assertThatThrownBy(() -> Tag.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tag name must be non-blank");
    }

    @Test
    void levelContainingASlashIsRefusedByTheConstructor() {
        String name = "a/b";

        assertThatThrownBy(() -> new Tag("渠道", "来源", name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contain no '/'");
    }

    @Test
    void nullTextIsRefused() {
        String text = null;

        assertThatThrownBy(() -> Tag.parse(text))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("tag");
    }

    @Test
    void groupPathIsTheFirstTwoLevels() {
        Tag tag = Tag.parse("渠道/来源/AD");

        String groupPath = tag.groupPath();

        assertThat(groupPath).isEqualTo("渠道/来源");
        assertThat(tag.inGroup("渠道/来源")).isTrue();
        assertThat(tag.inGroup("渠道/平台")).isFalse();
    }

    @Test
    void tagIsWrittenAsAPlainJsonString() {
        Tag tag = new Tag("渠道", "来源", "PACKAGE_CARD");

        String written = SiyuJson.write(tag);

        assertThat(written).isEqualTo("\"渠道/来源/PACKAGE_CARD\"");
    }

    @Test
    void tagIsReadFromAPlainJsonString() {
        String json = "\"渠道/来源/PACKAGE_CARD\"";

        Tag tag = SiyuJson.read(json, Tag.class);

        assertThat(tag).isEqualTo(new Tag("渠道", "来源", "PACKAGE_CARD"));
    }

    @Test
    void customerTagsAreWrittenAsAnArrayOfStrings() {
        Customer customer = Customer.builder("c-1").tags(List.of(Tag.parse("a/b/c"), Tag.parse("d/e/f"))).build();

        String written = SiyuJson.write(customer);

        assertThat(written).contains("\"tags\":[\"a/b/c\",\"d/e/f\"]");
    }

    @Test
    void tagsOrderByTheirText() {
        Tag first = Tag.parse("a/b/c");
        Tag second = Tag.parse("a/b/d");

        int order = first.compareTo(second);

        assertThat(order).isNegative();
    }
}

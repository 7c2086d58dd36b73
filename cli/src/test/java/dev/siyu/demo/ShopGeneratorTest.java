package dev.siyu.demo;

import dev.siyu.EvaluationRequest;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShopGeneratorTest {

    private static List<String> lines(List<EvaluationRequest> shop) {
        return shop.stream().map(SiyuJson::write).toList();
    }

    @Test
    void theSameSeedGivesTheSameShopByteForByte() {
        var one = new ShopGenerator(7, 300, LocalDate.of(2026, 3, 1), 30).generate();
        var two = new ShopGenerator(7, 300, LocalDate.of(2026, 3, 1), 30).generate();

        assertThat(lines(one)).isEqualTo(lines(two));
    }

    @Test
    void anotherSeedGivesAnotherShop() {
        var one = new ShopGenerator(7, 300, LocalDate.of(2026, 3, 1), 30).generate();
        var two = new ShopGenerator(8, 300, LocalDate.of(2026, 3, 1), 30).generate();

        assertThat(lines(one)).isNotEqualTo(lines(two));
    }

    @Test
    void theBundledSampleIsWhatTheGeneratorMakesFromItsSeed() {
        assertThat(lines(ShopData.sample())).isEqualTo(lines(ShopGenerator.sample().generate()));
    }

    @Test
    void theSampleHasTheShapeOfTheSeeds() {
        List<EvaluationRequest> shop = ShopData.sample();
        long buyers = shop.stream().filter(r -> r.events().stream().anyMatch(e -> e.type().equals("ORDER_PAID"))).count();
        long friends = shop.size();

        assertThat(friends).isEqualTo(5_000);
        assertThat((double) buyers / friends).isBetween(0.05, 0.15);
        assertThat(shop).allSatisfy(r -> assertThat(r.events()).isSortedAccordingTo(
                java.util.Comparator.comparing(Touchpoint::at)));
        assertThat(shop.stream().flatMap(r -> r.events().stream()).map(Touchpoint::at)
                .allMatch(t -> t.toLocalDate().isBefore(LocalDate.of(2026, 10, 30)))).isTrue();
    }
}

package io.stockout.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.stockout.simulation.Scenario.Product;

class ScenarioTest {

    private static final Options OPTIONS = Options.parse("--skus", "60", "--suppliers", "6");

    @Test
    void theSameSeedDrawsTheSameScenario() {
        assertThat(Scenario.generate(OPTIONS)).isEqualTo(Scenario.generate(OPTIONS));
        assertThat(Scenario.generate(Options.parse("--skus", "60", "--suppliers", "6", "--seed", "7")))
                .isNotEqualTo(Scenario.generate(OPTIONS));
    }

    @Test
    void everySupplierHasASkuAndEveryProfileASupplier() {
        Scenario scenario = Scenario.generate(OPTIONS);

        assertThat(scenario.products()).extracting(Product::supplier).containsAll(scenario.suppliers());
        assertThat(scenario.suppliers()).extracting(Scenario.Supplier::profile)
                .containsOnly(DelayProfile.values());
    }

    @Test
    void theMerchantStartsWithStockBetweenItsReorderPointAndOrderUpToLevel() {
        assertThat(Scenario.generate(OPTIONS).products()).allSatisfy(product -> {
            assertThat(product.startingStock()).isBetween(product.reorderPoint(), product.orderUpTo());
            assertThat(product.ordersPerDay()).isBetween(0.05, 6.0);
        });
    }

    @Test
    void profilesDeliverAsTheyAreDescribed() {
        assertThat(median(DelayProfile.RELIABLE)).isZero();
        assertThat(percentile(DelayProfile.RELIABLE, 0.95)).isLessThanOrEqualTo(2);
        assertThat(share(DelayProfile.RELIABLE, delay -> delay < 0)).isBetween(0.10, 0.20);

        assertThat(median(DelayProfile.OFTEN_LATE)).isBetween(3, 5);
        assertThat(share(DelayProfile.OFTEN_LATE, delay -> delay >= 2 && delay <= 6)).isBetween(0.70, 0.80);

        assertThat(percentile(DelayProfile.ERRATIC, 0.95)).isBetween(15, 21);
        assertThat(share(DelayProfile.ERRATIC, delay -> delay < 0)).isBetween(0.10, 0.20);
    }

    @Test
    void poissonDrawsHaveTheirMean() {
        SplittableRandom random = new SplittableRandom(1);
        double mean = IntStream.range(0, 100_000).map(i -> Scenario.poisson(random, 1.5)).average().orElseThrow();

        assertThat(mean).isBetween(1.48, 1.52);
    }

    @Test
    void aPurchaseOrderArrivesOnAWorkingDayAfterItIsPlacedAndNeverBringsMoreThanOrdered() {
        Scenario scenario = Scenario.generate(OPTIONS);
        DeliveryRules rules = scenario.rules();
        SplittableRandom random = new SplittableRandom(3);
        LocalDate today = LocalDate.parse("2027-01-15");
        for (int i = 0; i < 2_000; i++) {
            Product product = scenario.products().get(i % scenario.products().size());
            PurchaseOrder order = PurchaseOrder.place("PO-" + i, product, 1 + i % 20, today, rules, random);

            assertThat(order.expectedDate).isEqualTo(today.plusDays(product.supplier().leadTimeDays()));
            assertThat(order.deliveries).allSatisfy(delivery -> {
                assertThat(delivery.on()).isAfter(today);
                assertThat(rules.isWorkingDay(delivery.on())).isTrue();
            });
            assertThat(order.deliveries.stream().mapToInt(PurchaseOrder.Delivery::quantity).sum())
                    .isBetween(1, order.quantity);
            if (order.announceOn != null) {
                assertThat(order.announceOn).isAfter(today).isBefore(order.deliveries.get(0).on());
                assertThat(order.announcedDate).isAfterOrEqualTo(order.announceOn);
            }
        }
    }

    private static int[] sample(DelayProfile profile) {
        SplittableRandom random = new SplittableRandom(11);
        int[] delays = IntStream.range(0, 20_000).map(i -> profile.delay(random)).toArray();
        Arrays.sort(delays);
        return delays;
    }

    private static int median(DelayProfile profile) {
        return percentile(profile, 0.5);
    }

    private static int percentile(DelayProfile profile, double p) {
        int[] delays = sample(profile);
        return delays[(int) Math.ceil(p * delays.length) - 1];
    }

    private static double share(DelayProfile profile, java.util.function.IntPredicate test) {
        int[] delays = sample(profile);
        return (double) Arrays.stream(delays).filter(test).count() / delays.length;
    }
}

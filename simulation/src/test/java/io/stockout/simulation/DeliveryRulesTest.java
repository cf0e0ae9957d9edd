package io.stockout.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DeliveryRulesTest {

    private final DeliveryRules rules = DeliveryRules.weekdays(1, 2);

    @Test
    void handlingAndTransitCountWorkingDaysOnly() {
        // Friday 2027-01-08: handled Monday 11th, two transit days to Wednesday 13th
        assertThat(rules.deliveryDate(LocalDate.parse("2027-01-08"))).isEqualTo("2027-01-13");
        // Saturday: work starts Monday, handled Tuesday, delivered Thursday
        assertThat(rules.deliveryDate(LocalDate.parse("2027-01-09"))).isEqualTo("2027-01-14");
    }

    @Test
    void holidaysAreNotWorked() {
        // Friday 2027-01-15, Monday the 18th is a holiday: handled Tuesday, delivered Thursday
        assertThat(rules.deliveryDate(LocalDate.parse("2027-01-15"))).isEqualTo("2027-01-21");
    }

    @Test
    void noHandlingNorTransitDeliversOnTheFirstWorkingDay() {
        DeliveryRules none = DeliveryRules.weekdays(0, 0);

        assertThat(none.deliveryDate(LocalDate.parse("2027-01-06"))).isEqualTo("2027-01-06");
        assertThat(none.deliveryDate(LocalDate.parse("2027-01-16"))).isEqualTo("2027-01-19");
    }
}

package io.stockout.runtime.availability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.stockout.runtime.schema.MigratedFunctions;
import io.stockout.runtime.schema.MigratedFunctions.Function;

/**
 * The functions of the schema that run the availability check's statements once its SKUs' facts are kept run exactly
 * the statements this version builds, and plan them generically.
 */
class AvailabilityFunctionsTest {

    private static final String CHANGED = "the statement changed: add a migration to db/stockout that replaces %s";

    @Test
    void theKeptSkusAreReadByTheStatementOfThisVersion() {
        Function function = MigratedFunctions.latest("stockout_kept_skus");

        assertThat(function.query()).as(CHANGED, "stockout_kept_skus")
                .isEqualTo(MigratedFunctions.tokens(AvailabilityRepository.KNOWN_SKUS));
        assertThat(function.plansGenerically()).isTrue();
    }

    @Test
    void theNearbyStoresAreReadByTheStatementOfThisVersion() {
        Function function = MigratedFunctions.latest("stockout_nearby_stores");

        assertThat(function.query()).as(CHANGED, "stockout_nearby_stores")
                .isEqualTo(MigratedFunctions.tokens(AvailabilityRepository.STORES_OF_KNOWN_CATALOG));
        assertThat(function.plansGenerically()).isTrue();
    }
}

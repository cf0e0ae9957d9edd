package io.stockout.runtime.cart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.stockout.runtime.schema.MigratedFunctions;
import io.stockout.runtime.schema.MigratedFunctions.Function;

/**
 * The function of the schema that reads a claim's SKUs runs exactly the statement this version builds, and plans it
 * generically.
 */
class ClaimFunctionTest {

    @Test
    void theClaimedSkusAreReadByTheStatementOfThisVersion() {
        Function function = MigratedFunctions.latest("stockout_claim_skus");

        assertThat(function.query())
                .as("the statement changed: add a migration to db/stockout that replaces stockout_claim_skus")
                .isEqualTo(MigratedFunctions.tokens(CartStatements.SKUS));
        assertThat(function.plansGenerically()).isTrue();
    }
}

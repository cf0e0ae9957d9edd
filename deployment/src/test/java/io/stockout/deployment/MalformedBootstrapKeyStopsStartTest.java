package io.stockout.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A bootstrap key too short to be safe stops the application at start, with the reason. */
class MalformedBootstrapKeyStopsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .withConfigurationResource("application.properties")
            .overrideConfigKey("quarkus.stockout.admin.bootstrap-key", "sok_short")
            .assertException(failure -> {
                Throwable cause = failure;
                while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
                    cause = cause.getCause();
                }
                assertThat(cause).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("quarkus.stockout.admin.bootstrap-key");
            });

    @Test
    void theApplicationDoesNotStart() {
        // the assertion is on the start's failure above
    }
}

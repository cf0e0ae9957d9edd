package io.stockout.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** A console path that would hide the administration API stops the build, naming the setting. */
class ConsoleOnAnApiPathStopsTheBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .withConfigurationResource("application.properties")
            .overrideConfigKey("quarkus.stockout.console.path", "/stockout/catalogs/console")
            .assertException(failure -> {
                Throwable cause = failure;
                while (cause.getCause() != null && !(cause instanceof ConfigurationException)) {
                    cause = cause.getCause();
                }
                assertThat(cause).isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("quarkus.stockout.console.path");
            });

    @Test
    void theApplicationIsNotBuilt() {
        // the assertion is on the build's failure above
    }
}

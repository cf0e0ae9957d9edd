package io.stockout.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the demo application.
 */
@ConfigMapping(prefix = "stockout.demo")
public interface DemoConfig {

    /**
     * Whether the demo catalog is loaded at start when it does not exist yet.
     * <p>
     * Switch it off to start the demo against a database that already holds the catalog, or to start with an empty
     * database.
     */
    @WithDefault("true")
    boolean load();
}

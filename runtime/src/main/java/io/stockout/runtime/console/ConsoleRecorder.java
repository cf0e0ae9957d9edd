package io.stockout.runtime.console;

import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Makes the handler of the merchant console's pages when the application starts.
 */
@Recorder
public class ConsoleRecorder {

    /**
     * @param consolePath the console's path as the browser sees it, root path included, without a trailing slash
     * @param apiPath the administration API's path as the browser sees it, with a trailing slash
     */
    public Handler<RoutingContext> handler(String consolePath, String apiPath) {
        return new ConsoleHandler(consolePath, ConsoleAssets.load(apiPath));
    }
}

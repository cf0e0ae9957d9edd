package io.stockout.it;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the application of one test class a webhook deadline short enough to pass on purpose, while a test holds a row
 * lock that the webhook's work waits for; long enough that no other request of the class meets it on a busy machine.
 */
public class ShortDeadline implements QuarkusTestResourceLifecycleManager {

    static final String DEADLINE = "5s";

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.stockout.webhooks.deadline", DEADLINE);
    }

    @Override
    public void stop() {
    }
}

package io.stockout.it;

import io.quarkus.test.junit.callback.QuarkusTestAfterConstructCallback;
import io.restassured.RestAssured;

/**
 * Installs {@link SigningFilter} and {@link AdminKey} in every {@code @QuarkusTest}, so that tests of behaviour speak to the webhooks as a
 * signing storefront does.
 */
public class SignedRequests implements QuarkusTestAfterConstructCallback {

    @Override
    public void afterConstruct(Object testInstance) {
        RestAssured.replaceFiltersWith(new SigningFilter(), new AdminKey());
    }
}

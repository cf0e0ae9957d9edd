package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Problems.assertProblem;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OutOfStockPolicy;

/**
 * A Saleor instance whose key set cannot be fetched: JWS-signed webhooks are refused with 401, and the requests do not
 * each make Stockout fetch the keys again, so a stream of signed (or forged) requests cannot turn into a stream of
 * fetches.
 */
@QuarkusTest
@WithTestResource(value = JwksServer.class, scope = TestResourceScope.RESTRICTED_TO_CLASS, initArgs = @ResourceArg(name = JwksServer.STATUS, value = "503"))
class SaleorKeysUnavailableTest {

    @Test
    void failedFetchesOfTheKeysAreNotRepeatedForEveryRequest() {
        Catalog shop = Catalog.create("saleor-keys-down")
                .skus(sku("JUICE-1", OutOfStockPolicy.NONE))
                .locations(warehouse("europe"));
        String body = """
                {"issuedAt":"2026-03-03T11:00:00Z","productVariant":{"sku":"JUICE-1","stocks":[\
                {"warehouse":{"slug":"europe"},"quantity":9,"quantityAllocated":0}]},"warehouse":{"slug":"europe"}}""";
        String signature = SaleorWebhookTest.jws(SaleorWebhookTest.saleorKey(), body);

        for (int i = 0; i < 10; i++) {
            assertProblem(given().contentType("application/json")
                    .header("Saleor-Event", "PRODUCT_VARIANT_STOCK_UPDATED")
                    .header("Saleor-Signature", signature)
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .post(shop.path("webhooks/saleor"))
                    .then(), 401, "Saleor-Signature");
        }

        String requests = given().get(ConfigProvider.getConfig().getValue(JwksServer.REQUESTS_URL, String.class))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(Integer.parseInt(requests)).as("fetches of the keys").isEqualTo(1);
    }
}

package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.delivery.Deliveries;
import io.stockout.runtime.jobs.StockWatch;

/**
 * Events reach the merchant's receiver signed over the timestamp and the exact body, with their id; a receiver that
 * fails gets them again after a backoff, and after the last attempt they wait, marked failed, until sent again.
 */
@QuarkusTest
class OutboundDeliveryTest {

    private static final String SECRET = Signing.secretFor("the merchant's receiver");

    @Inject
    MutableClock clock;

    @Inject
    StockWatch watch;

    @Inject
    Deliveries deliveries;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    /** A catalog whose only unit is held by a cart once the stock watch has seen it free: one stock.out event. */
    private Catalog outOfStock(String id, MockReceiver receiver, List<String> types) {
        Catalog shop = Catalog.create(id)
                .locations(Row.warehouse("WH"))
                .skus(sku("LAMP", OutOfStockPolicy.NONE))
                .stock(Row.stock("LAMP", "WH", 1));
        subscribe(shop, "erp", Row.of("url", receiver.url(), "secret", SECRET, "eventTypes", types)).then()
                .statusCode(200);
        watch.watch(id).await().indefinitely();
        shop.cart("cart-1", 1, line("LAMP", 1));
        watch.watch(id).await().indefinitely();
        return shop;
    }

    private static io.restassured.response.Response subscribe(Catalog shop, String name, Row body) {
        return given().contentType(ContentType.JSON).body(body).put(shop.path("subscriptions/" + name));
    }

    private JsonPath deliveriesOf(Catalog shop) {
        return given().get(shop.path("subscriptions/erp/deliveries")).then().statusCode(200).extract().jsonPath();
    }

    private void send() {
        deliveries.sendDue().await().indefinitely();
    }

    @Test
    void anEventOfASubscribedTypeIsDeliveredOnceSignedWithItsId() throws Exception {
        try (MockReceiver receiver = new MockReceiver()) {
            Catalog shop = outOfStock("delivery-signed", receiver, List.of("stock.out"));
            shop.receipts(Row.receipt("R1", null, 3, null).with("sku", "LAMP").with("location", "WH"));
            watch.watch(shop.id).await().indefinitely();

            send();
            send();

            assertThat(receiver.received).hasSize(1);
            MockReceiver.Received request = receiver.received.get(0);
            long eventId = shop.outbox().getLong("events.find { it.type == 'stock.out' }.id");
            assertThat(request.header(Signing.ID)).isEqualTo(String.valueOf(eventId));
            assertThat(request.header("Stockout-Event-Type")).isEqualTo("stock.out");
            String timestamp = request.header(Signing.TIMESTAMP);
            assertThat(timestamp).isEqualTo(String.valueOf(clock.instant().getEpochSecond()));
            assertThat(request.header(Signing.SIGNATURE)).isEqualTo("v1," + Signing.signature(SECRET,
                    eventId + "." + timestamp + ".", request.body().getBytes(StandardCharsets.UTF_8)));
            JsonPath body = new JsonPath(request.body());
            assertThat(body.getLong("id")).isEqualTo(eventId);
            assertThat(body.getString("catalog")).isEqualTo("delivery-signed");
            assertThat(body.getString("payload.sku")).isEqualTo("LAMP");
            JsonPath listed = deliveriesOf(shop);
            assertThat(listed.getList("deliveries.status")).containsExactly("DELIVERED");
            assertThat(listed.getInt("deliveries[0].attempts")).isEqualTo(1);
            assertThat(listed.getLong("deliveries[0].eventId")).isEqualTo(eventId);
            assertThat(given().get(shop.path("subscriptions")).asString()).contains(receiver.url()).doesNotContain(SECRET);
        }
    }

    @Test
    void aFailedAttemptIsRetriedOnlyAfterItsBackoffWithTheSameEventId() {
        try (MockReceiver receiver = new MockReceiver()) {
            Catalog shop = outOfStock("delivery-retry", receiver, List.of());
            receiver.status.set(503);

            send();
            JsonPath failed = deliveriesOf(shop);
            assertThat(failed.getList("deliveries.status")).containsExactly("PENDING");
            assertThat(failed.getInt("deliveries[0].lastStatus")).isEqualTo(503);
            send();
            assertThat(receiver.received).as("no retry before the backoff").hasSize(1);

            receiver.status.set(200);
            clock.advance(Duration.ofSeconds(10));
            send();

            assertThat(receiver.received).hasSize(2);
            assertThat(receiver.received.get(1).header(Signing.ID)).isEqualTo(receiver.received.get(0).header(Signing.ID));
            assertThat(receiver.received.get(1).header("Stockout-Delivery-Attempt")).isEqualTo("2");
            assertThat(deliveriesOf(shop).getList("deliveries.status")).containsExactly("DELIVERED");
        }
    }

    @Test
    void afterTheLastAttemptADeliveryIsFailedUntilSentAgain() {
        try (MockReceiver receiver = new MockReceiver()) {
            Catalog shop = outOfStock("delivery-failed", receiver, List.of());
            receiver.status.set(500);
            for (int attempt = 0; attempt < 25; attempt++) {
                send();
                clock.advance(Duration.ofHours(2));
            }
            assertThat(receiver.received).as("the default number of attempts").hasSize(20);
            JsonPath failed = deliveriesOf(shop);
            assertThat(failed.getList("deliveries.status")).containsExactly("FAILED");

            receiver.status.set(200);
            given().post(shop.path("subscriptions/erp/deliveries/" + failed.getLong("deliveries[0].id") + "/retry"))
                    .then()
                    .statusCode(204);
            send();

            assertThat(deliveriesOf(shop).getList("deliveries.status")).containsExactly("DELIVERED");
            given().post(shop.path("subscriptions/erp/deliveries/" + failed.getLong("deliveries[0].id") + "/retry"))
                    .then()
                    .statusCode(409);
        }
    }

    @Test
    void aSchemeInUpperCaseIsAValidUrlAndIsDeliveredTo() {
        try (MockReceiver receiver = new MockReceiver()) {
            String shouted = "HTTP" + receiver.url().substring("http".length());
            Catalog shop = Catalog.create("delivery-upper-case")
                    .locations(Row.warehouse("WH"))
                    .skus(sku("LAMP", OutOfStockPolicy.NONE))
                    .stock(Row.stock("LAMP", "WH", 1));
            subscribe(shop, "erp", Row.of("url", shouted, "secret", SECRET)).then()
                    .statusCode(200)
                    .body("url", org.hamcrest.Matchers.equalTo(receiver.url()));
            watch.watch(shop.id).await().indefinitely();
            shop.cart("cart-1", 1, line("LAMP", 1));
            watch.watch(shop.id).await().indefinitely();

            send();

            assertThat(receiver.received).hasSize(1);
            assertThat(deliveriesOf(shop).getList("deliveries.status")).containsExactly("DELIVERED");
        }
    }

    @Test
    void badReceiversAreRefusedAndNothingIsStored() {
        Catalog shop = Catalog.create("delivery-bad");
        for (Row bad : List.of(Row.of("url", "ftp://127.0.0.1/hook", "secret", SECRET),
                Row.of("url", "not a url", "secret", SECRET),
                Row.of("url", "http://user:pw@127.0.0.1/hook", "secret", SECRET),
                Row.of("url", "http://127.0.0.1:99999/hook", "secret", SECRET),
                Row.of("url", "http://127.0.0.1:0/hook", "secret", SECRET),
                Row.of("url", "HTTP:///hook", "secret", SECRET),
                Row.of("url", "http://127.0.0.1/hook", "secret", "a-secret-that-is-not-whsec"),
                Row.of("url", "http://127.0.0.1/hook"),
                Row.of("url", "http://127.0.0.1/hook", "secret", SECRET, "eventTypes", List.of("stock.gone")))) {
            subscribe(shop, "erp", bad).then().statusCode(400).contentType(Problems.PROBLEM_JSON);
        }
        subscribe(shop, "-dash-first", Row.of("url", "http://127.0.0.1/hook", "secret", SECRET)).then().statusCode(400);
        subscribe(Catalog.existing("no-such-catalog"), "erp", Row.of("url", "http://127.0.0.1/hook", "secret", SECRET))
                .then()
                .statusCode(404);

        assertThat(given().get(shop.path("subscriptions")).then().statusCode(200).extract().jsonPath().getList(""))
                .isEmpty();
    }
}

package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockout.OfferKind;
import io.stockout.OutOfStockPolicy;

/**
 * Tolerances breach and recover on the figures, with hysteresis; a pause withholds backorder offers in availability
 * answers and carts until recovery; the promise horizon withholds each offer beyond it and lets the next kind take over;
 * every change is recorded with its figure and queued for the merchant.
 */
@QuarkusTest
class TolerancesTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-02T09:00:00Z");
    }

    private static Catalog tents(String id) {
        return Catalog.create(id)
                .locations(Row.warehouse("WH"))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(5),
                        sku("TARP", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(5));
    }

    private static void tolerances(Catalog shop, Row... tolerances) {
        given().contentType(ContentType.JSON)
                .body(List.of(tolerances))
                .put(shop.path("tolerances"))
                .then()
                .statusCode(200);
    }

    private static JsonPath check(Catalog shop) {
        return given().post(shop.path("tolerances/check")).then().statusCode(200).extract().jsonPath();
    }

    private static Row maxOpenUnits(double limit, double recoverAt, String action) {
        return Row.of("scope", "SKU", "metric", "MAX_OPEN_UNITS", "limit", limit, "recoverAt", recoverAt, "action", action);
    }

    @Test
    void aSkuPausedByItsOpenUnitsGetsNoBackorderOfferUntilItRecoversPastTheRecoveryPoint() {
        Catalog shop = tents("tolerance-pause");
        tolerances(shop, maxOpenUnits(3, 1, "PAUSE_BACKORDERS"));
        shop.order("o1", line("TENT", 2));
        assertThat(check(shop).getList("breached")).isEmpty();

        shop.order("o2", line("TENT", 2));
        JsonPath checked = check(shop);

        assertThat(checked.getString("breached[0].sku")).isEqualTo("TENT");
        assertThat(checked.getDouble("breached[0].value")).isEqualTo(4.0);
        Answer paused = shop.ask(line("TENT", 1), line("TARP", 1));
        assertThat(paused.line(0).backorder()).isNull();
        assertThat(paused.line(0).notOffered()).containsEntry("BACKORDER", "PAUSED");
        assertThat(paused.line(1).backorder()).as("another SKU of the catalog").isNotNull();
        JsonPath plan = shop.cart("cart-paused", 1, line("TENT", 1));
        assertThat(plan.getString("lines[0].unfulfilled.reason")).isEqualTo("BACKORDERS_PAUSED");
        assertThat(plan.getMap("lines[0]")).doesNotContainKey("backorder");

        // 2 units: back under the limit but above the recovery point, so still paused
        shop.orderEvent("cancel-o1", "CANCELLED", "o1", null);
        assertThat(check(shop).getList("recovered")).isEmpty();
        assertThat(shop.ask(line("TENT", 1)).line(0).notOffered()).containsEntry("BACKORDER", "PAUSED");

        shop.orderEvent("cancel-o2", "CANCELLED", "o2", null);
        JsonPath recovered = check(shop);
        assertThat(recovered.getString("recovered[0].sku")).isEqualTo("TENT");
        assertThat(recovered.getDouble("recovered[0].value")).isEqualTo(0.0);
        assertThat(shop.ask(line("TENT", 1)).line(0).backorder()).isNotNull();

        JsonPath changes = given().get(shop.path("tolerances/changes")).then().statusCode(200).extract().jsonPath();
        assertThat(changes.getList("changes.change")).containsExactly("BREACHED", "RECOVERED");
        assertThat(changes.getList("changes.value", Float.class)).containsExactly(4.0f, 0.0f);
        assertThat(changes.getList("changes.action")).containsOnly("PAUSE_BACKORDERS");
        assertThat(shop.outbox().getList("events.findAll { it.type.startsWith('tolerance.') }.type"))
                .containsExactly("tolerance.breached", "tolerance.recovered");
        assertThat(shop.outbox().getBoolean("events.find { it.type == 'tolerance.breached' }.payload.backordersPaused"))
                .isTrue();
    }

    private static JsonPath changes(Catalog shop) {
        return given().get(shop.path("tolerances/changes")).then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> toleranceEvents(Catalog shop) {
        return shop.outbox().getList("events.findAll { it.type.startsWith('tolerance.') }");
    }

    @Test
    void aBreachedAlertGivenThePauseActionPausesAtOnceAndIsRecordedAndAnnouncedAsAPause() {
        Catalog shop = tents("tolerance-alert-to-pause");
        tolerances(shop, maxOpenUnits(3, 1, "ALERT"));
        shop.order("o1", line("TENT", 4));
        assertThat(check(shop).getString("breached[0].action")).isEqualTo("ALERT");
        assertThat(shop.ask(line("TENT", 1)).line(0).backorder()).as("an alert takes nothing away").isNotNull();

        tolerances(shop, maxOpenUnits(3, 1, "PAUSE_BACKORDERS"));

        assertThat(shop.ask(line("TENT", 1)).line(0).notOffered()).containsEntry("BACKORDER", "PAUSED");
        assertThat(changes(shop).getList("changes.change")).containsExactly("BREACHED", "PAUSED");
        assertThat(changes(shop).getList("changes.action")).containsExactly("ALERT", "PAUSE_BACKORDERS");
        assertThat(changes(shop).getDouble("changes[1].value")).as("the figure the pause rests on").isEqualTo(4.0);
        List<Map<String, Object>> events = toleranceEvents(shop);
        assertThat(events).extracting(event -> event.get("type"))
                .containsExactly("tolerance.breached", "tolerance.breached");
        Map<?, ?> pause = (Map<?, ?>) events.get(1).get("payload");
        assertThat(pause.get("change")).isEqualTo("PAUSED");
        assertThat(pause.get("backordersPaused")).isEqualTo(true);
        assertThat(pause.get("sku")).isEqualTo("TENT");
        JsonPath checked = check(shop);
        assertThat(checked.getList("breached")).as("the next check finds nothing new").isEmpty();
        assertThat(checked.getList("changed")).isEmpty();
        assertThat(changes(shop).getList("changes")).hasSize(2);

        // and back to an alert: the pause ends while the tolerance stays breached
        tolerances(shop, maxOpenUnits(3, 1, "ALERT"));

        assertThat(shop.ask(line("TENT", 1)).line(0).backorder()).isNotNull();
        assertThat(changes(shop).getList("changes.change")).containsExactly("BREACHED", "PAUSED", "RESUMED");
        Map<?, ?> resume = (Map<?, ?>) toleranceEvents(shop).get(2).get("payload");
        assertThat(resume.get("change")).isEqualTo("RESUMED");
        assertThat(resume.get("backordersPaused")).isEqualTo(false);
        assertThat(given().get(shop.path("tolerances/breaches")).then().extract().jsonPath().getList("action"))
                .containsExactly("ALERT");
    }

    @Test
    void aBreachedPauseRemovedEndsAtOnceAndIsRecordedAsRemovedNeverAsRecovered() {
        Catalog shop = tents("tolerance-removed");
        tolerances(shop, maxOpenUnits(3, 1, "PAUSE_BACKORDERS"),
                Row.of("scope", "CATALOG", "metric", "MAX_OPEN_UNITS", "limit", 100, "action", "ALERT"));
        shop.order("o1", line("TENT", 4));
        check(shop);
        assertThat(shop.ask(line("TENT", 1)).line(0).notOffered()).containsEntry("BACKORDER", "PAUSED");

        // the SKU default goes, the catalog tolerance stays: the SKU's breach ends now, before any check
        tolerances(shop, Row.of("scope", "CATALOG", "metric", "MAX_OPEN_UNITS", "limit", 100, "action", "ALERT"));

        assertThat(shop.ask(line("TENT", 1)).line(0).backorder()).isNotNull();
        assertThat(given().get(shop.path("tolerances/breaches")).then().extract().jsonPath().getList("")).isEmpty();
        assertThat(changes(shop).getList("changes.change")).containsExactly("BREACHED", "REMOVED");
        assertThat(changes(shop).getDouble("changes[1].value")).isEqualTo(4.0);
        assertThat(changes(shop).getDouble("changes[1].recoverAt")).isEqualTo(1.0);
        List<Map<String, Object>> events = toleranceEvents(shop);
        assertThat(events).extracting(event -> event.get("type"))
                .containsExactly("tolerance.breached", "tolerance.removed");
        assertThat(((Map<?, ?>) events.get(1).get("payload")).get("backordersPaused")).isEqualTo(false);
        JsonPath checked = check(shop);
        assertThat(checked.getList("recovered")).as("nothing recovers later").isEmpty();
        assertThat(toleranceEvents(shop)).hasSize(2);
    }

    @Test
    void aSkuOverrideRemovedHandsItsBreachToTheDefaultWithTheDefaultsAction() {
        Catalog shop = tents("tolerance-override-removed");
        tolerances(shop, maxOpenUnits(10, 5, "ALERT"), maxOpenUnits(3, 1, "PAUSE_BACKORDERS").with("sku", "TENT"));
        shop.order("o1", line("TENT", 4));
        check(shop);

        tolerances(shop, maxOpenUnits(10, 5, "ALERT"));

        // still breached, now under the default of every SKU, which only alerts
        assertThat(changes(shop).getList("changes.change")).containsExactly("BREACHED", "RESUMED");
        assertThat(shop.ask(line("TENT", 1)).line(0).backorder()).isNotNull();
        assertThat(check(shop).getList("recovered.sku")).as("4 open units are back under the default's 5")
                .containsExactly("TENT");
    }

    @Test
    void aSkuOverrideReplacesTheDefaultOfEverySku() {
        Catalog shop = tents("tolerance-override");
        tolerances(shop, maxOpenUnits(3, 1, "PAUSE_BACKORDERS"),
                maxOpenUnits(10, 5, "PAUSE_BACKORDERS").with("sku", "TARP"));
        shop.order("o1", line("TENT", 4), line("TARP", 4));

        JsonPath checked = check(shop);

        assertThat(checked.getList("breached.sku")).containsExactly("TENT");
        Answer answer = shop.ask(line("TENT", 1), line("TARP", 1));
        assertThat(answer.line(0).backorder()).isNull();
        assertThat(answer.line(1).backorder()).isNotNull();
    }

    @Test
    void aCatalogAlertIsRecordedButTakesNoOfferAwayWhileACatalogPauseStopsEverySku() {
        Catalog shop = tents("tolerance-catalog");
        tolerances(shop, Row.of("scope", "CATALOG", "metric", "MAX_OPEN_UNITS", "limit", 3, "action", "ALERT"));
        shop.order("o1", line("TENT", 2), line("TARP", 2));

        assertThat(check(shop).getString("breached[0].scope")).isEqualTo("CATALOG");
        assertThat(shop.ask(line("TENT", 1)).line(0).backorder()).isNotNull();
        given().get(shop.path("tolerances/breaches"))
                .then()
                .statusCode(200)
                .body("[0].metric", equalTo("MAX_OPEN_UNITS"))
                .body("[0].value", equalTo(4.0f));
        given().get("/q/health/group/stockout-tolerances")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.'tolerance-catalog MAX_OPEN_UNITS'", containsString("4.0 against 3.0"));
        given().get("/q/health/ready").then().statusCode(200);

        tolerances(shop, Row.of("scope", "CATALOG", "metric", "MAX_OPEN_UNITS", "limit", 3, "action", "PAUSE_BACKORDERS"));
        check(shop);

        Answer answer = shop.ask(line("TENT", 1), line("TARP", 1));
        assertThat(answer.line(0).notOffered()).containsEntry("BACKORDER", "PAUSED");
        assertThat(answer.line(1).notOffered()).containsEntry("BACKORDER", "PAUSED");
    }

    @Test
    void growthWeekOverWeekIsMeasuredFromTheDailySnapshots() {
        Catalog shop = Catalog.create("tolerance-growth")
                .locations(Row.warehouse("WH"))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(60),
                        sku("TARP", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(60));
        tolerances(shop, Row.of("scope", "CATALOG", "metric", "MAX_GROWTH", "limit", 0.5, "action", "ALERT"));
        shop.order("o1", line("TENT", 2));
        check(shop);

        clock.set("2026-03-09T09:00:00Z");
        shop.order("o2", line("TENT", 3));
        JsonPath checked = check(shop);

        assertThat(checked.getString("breached[0].metric")).isEqualTo("MAX_GROWTH");
        assertThat(checked.getDouble("breached[0].value")).isEqualTo(1.5);
        JsonPath figures = given().get(shop.path("metrics")).then().statusCode(200).extract().jsonPath();
        assertThat(figures.getInt("growth.unitsWeekAgo")).isEqualTo(2);
        assertThat(figures.getDouble("growth.weekOverWeek")).isEqualTo(1.5);
        JsonPath history = given().get(shop.path("metrics/history")).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("days.day")).containsExactly("2026-03-02", "2026-03-09");
        assertThat(history.getList("days.openUnits", Integer.class)).containsExactly(2, 5);
        // one SKU's growth is read from its own snapshots: TARP never had anything open
        JsonPath tent = given().get(shop.path("metrics?sku=TENT")).then().statusCode(200).extract().jsonPath();
        assertThat(tent.getInt("growth.unitsWeekAgo")).isEqualTo(2);
        JsonPath tarp = given().get(shop.path("metrics?sku=TARP")).then().statusCode(200).extract().jsonPath();
        assertThat(tarp.getString("growth.trailingAverageUnits")).isNull();
        assertThat(tarp.getString("growth.weekOverWeek")).isNull();
    }

    @Test
    void theHorizonWithholdsABackorderPromisedTooFarOutAndTheNextOfferKindTakesOver() {
        Catalog shop = Catalog.create("tolerance-horizon", Row.settings()
                .offerKinds(OfferKind.BACKORDER,
                        OfferKind.SUBSTITUTE))
                .locations(Row.warehouse("WH"))
                .skus(sku("SLOW", OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE).cap(100).leadTimeDays(20),
                        sku("SLOW-EXEMPT", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(20),
                        sku("SWAP", OutOfStockPolicy.NONE))
                .stock(Row.stock("SWAP", "WH", 5))
                .substitutes(Row.link("SLOW", "SWAP", 1));
        assertThat(shop.ask(line("SLOW", 1)).line(0).backorder()).isNotNull();

        tolerances(shop, Row.of("scope", "CATALOG", "metric", "MAX_PROMISE_DAYS", "limit", 14),
                Row.of("scope", "SKU", "sku", "SLOW-EXEMPT", "metric", "MAX_PROMISE_DAYS", "limit", 90));

        Answer answer = shop.ask(line("SLOW", 1), line("SLOW-EXEMPT", 1));
        assertThat(answer.line(0).notOffered()).containsEntry("BACKORDER", "BEYOND_HORIZON");
        assertThat(answer.line(0).substituteSkus()).containsExactly("SWAP");
        assertThat(answer.line(1).notOffered())
                .as("the catalog-scope horizon holds for every SKU; a SKU-scope limit only adds its own")
                .containsEntry("BACKORDER", "BEYOND_HORIZON");
        JsonPath plan = shop.cart("cart-horizon", 1, line("SLOW", 1));
        assertThat(plan.getString("lines[0].unfulfilled.reason")).isEqualTo("BEYOND_HORIZON");
    }

    @Test
    void aSkuScopeHorizonOverrideLoosensTheDefaultOfEverySku() {
        Catalog shop = Catalog.create("tolerance-horizon-sku")
                .locations(Row.warehouse("WH"))
                .skus(sku("SLOW", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(20),
                        sku("SLOW-EXEMPT", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(20));

        tolerances(shop, Row.of("scope", "SKU", "metric", "MAX_PROMISE_DAYS", "limit", 14),
                Row.of("scope", "SKU", "sku", "SLOW-EXEMPT", "metric", "MAX_PROMISE_DAYS", "limit", 90));

        Answer answer = shop.ask(line("SLOW", 1), line("SLOW-EXEMPT", 1));
        assertThat(answer.line(0).notOffered()).containsEntry("BACKORDER", "BEYOND_HORIZON");
        assertThat(answer.line(1).backorder()).isNotNull();
    }

    @Test
    void badTolerancesAreRefusedAndChangeNothing() {
        Catalog shop = tents("tolerance-bad");
        tolerances(shop, maxOpenUnits(3, 1, "ALERT"));
        List<Map<String, Object>> before = given().get(shop.path("tolerances")).then().extract().jsonPath().getList("");

        for (Row bad : List.of(Row.of("scope", "SKU", "metric", "MAX_PAST_DUE_RATIO", "limit", 1.5),
                Row.of("scope", "CATALOG", "sku", "TENT", "metric", "MAX_OPEN_UNITS", "limit", 3),
                Row.of("scope", "SKU", "metric", "MAX_OPEN_UNITS", "limit", 3, "recoverAt", 5),
                Row.of("scope", "SKU", "metric", "MIN_PROMISE_ACCURACY", "limit", 0.9, "recoverAt", 0.8),
                Row.of("scope", "SKU", "metric", "MAX_PROMISE_DAYS", "limit", 7.5),
                Row.of("scope", "SKU", "metric", "MAX_PROMISE_DAYS", "limit", 7, "action", "ALERT"),
                Row.of("scope", "SKU", "metric", "NOT_A_METRIC", "limit", 3),
                Row.of("metric", "MAX_OPEN_UNITS", "limit", 3))) {
            given().contentType(ContentType.JSON)
                    .body(List.of(bad))
                    .put(shop.path("tolerances"))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON)
                .body(List.of(maxOpenUnits(3, 1, "ALERT"), maxOpenUnits(4, 1, "ALERT")))
                .put(shop.path("tolerances"))
                .then()
                .statusCode(400)
                .body("field", equalTo("[1].metric"));
        given().contentType(ContentType.JSON)
                .body(List.of(maxOpenUnits(3, 1, "ALERT")))
                .put("/stockout/catalogs/no-such-catalog/tolerances")
                .then()
                .statusCode(404);

        assertThat(given().get(shop.path("tolerances")).then().extract().jsonPath().getList("")).isEqualTo(before);
    }
}

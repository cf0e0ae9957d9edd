package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.link;
import static io.stockout.it.Row.product;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every SKU's out-of-stock policy is chosen by its catalog's ordered rules (or the default rules) over its life cycle,
 * supply and economics, unless the merchant pinned one; each SKU shows what chose its policy and why, segmentation
 * follows its inputs as they change, and a dry run shows what rules would change without changing anything.
 */
@QuarkusTest
class SegmentationTest {

    @Inject
    MutableClock clock;

    @Inject
    Pool pool;

    @BeforeEach
    void today() {
        clock.set("2026-03-02T09:00:00Z");
    }

    @Test
    void theDefaultRulesChooseThePoliciesOfACatalogWithoutRulesOfItsOwn() {
        Catalog shop = Catalog.create("segment-defaults")
                .locations(warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .supplierWithHistory("LATECO", "WH", 3, 3, 0, 3, 3)
                .skus(product("OLD").stage("END_OF_LIFE").supplier("ACME").leadTimeDays(7),
                        product("CUSTOM").madeToOrder().leadTimeDays(40),
                        product("TENT").stage("MATURITY").supplier("ACME").leadTimeDays(7),
                        product("TARP").stage("MATURITY").supplier("LATECO").leadTimeDays(7),
                        product("FADING").stage("DECLINE").supplier("LATECO").leadTimeDays(7),
                        product("FAR").stage("MATURITY").supplier("ACME").leadTimeDays(90),
                        product("BLANK"));

        JsonPath rules = get(shop.path("segmentation/rules"));
        assertThat(rules.getBoolean("defaults")).isTrue();
        assertThat(rules.getList("rules.name")).containsExactly("end-of-life", "made-to-order", "reliable-short-lead",
                "declining", "very-long-lead", "otherwise");

        assertThat(policyOf(shop, "OLD")).containsExactly("SUBSTITUTE", "DEFAULT_RULE", "end-of-life");
        assertThat(policyOf(shop, "CUSTOM")).containsExactly("BACKORDER", "DEFAULT_RULE", "made-to-order");
        assertThat(policyOf(shop, "TENT")).containsExactly("BACKORDER", "DEFAULT_RULE", "reliable-short-lead");
        assertThat(policyOf(shop, "TARP")).containsExactly("BACKORDER_OR_SUBSTITUTE", "DEFAULT_RULE", "otherwise");
        assertThat(policyOf(shop, "FADING")).containsExactly("SUBSTITUTE", "DEFAULT_RULE", "declining");
        assertThat(policyOf(shop, "FAR")).containsExactly("SUBSTITUTE", "DEFAULT_RULE", "very-long-lead");
        assertThat(policyOf(shop, "BLANK")).containsExactly("BACKORDER_OR_SUBSTITUTE", "DEFAULT_RULE", "otherwise");
        assertThat(get(shop.path("skus/TENT")).getString("reason")).isEqualTo(
                "Default rule 3 'reliable-short-lead': on-time share of supplier ACME 1 >= 0.9, lead time 7 days <= 14");
        assertThat(get(shop.path("skus/TARP")).getMap("inputs")).containsEntry("supplier", "LATECO")
                .containsEntry("supplierDeliveries", 5)
                .containsEntry("supplierOnTimeShare", 0.2f)
                .containsEntry("supplierKnown", true)
                .containsEntry("lifeCycleStage", "MATURITY")
                .containsEntry("leadTimeDays", 7);
    }

    @Test
    void theDecisionOffersWhatTheChosenPolicyAllows() {
        Catalog shop = Catalog.create("segment-decision")
                .locations(warehouse("WH"))
                .skus(product("OLD").stage("END_OF_LIFE").leadTimeDays(7).cap(10), product("NEW").stage("GROWTH"))
                .stock(stock("OLD", "WH", 0), stock("NEW", "WH", 5))
                .substitutes(link("OLD", "NEW", 1));

        assertThat(shop.ask(line("OLD", 1)).line(0).offerKinds()).as("end of life: substitutes only")
                .containsExactly(OfferKind.SUBSTITUTE.name());

        pin(shop, "OLD", "BACKORDER");

        assertThat(shop.ask(line("OLD", 1)).line(0).offerKinds()).as("pinned to backorder")
                .containsExactly(OfferKind.BACKORDER.name());
    }

    @Test
    void theFirstMatchingRuleDecides() {
        Catalog shop = Catalog.create("segment-order").skus(product("TENT").stage("MATURITY"));
        Row stocked = rule("stocked", Row.of("makeToOrder", false), "PICKUP_ONLY");
        Row mature = rule("mature", Row.of("stages", List.of("MATURITY")), "SUBSTITUTE");

        putRules(shop, stocked, mature);
        assertThat(policyOf(shop, "TENT")).containsExactly("PICKUP_ONLY", "RULE", "stocked");

        putRules(shop, mature, stocked);
        assertThat(policyOf(shop, "TENT")).containsExactly("SUBSTITUTE", "RULE", "mature");
        assertThat(get(shop.path("skus/TENT")).getString("reason")).isEqualTo("Rule 1 'mature': stage MATURITY");
    }

    @Test
    void eachConditionReadsItsInputFromTheSkuOrItsSupplier() {
        Catalog shop = Catalog.create("segment-conditions")
                .locations(warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .supplierWithHistory("LATECO", "WH", 3, 3, 0, 3, 3)
                .supplierWithHistory("MIDCO", "WH", 2, 2, 0, 0, 0)
                .suppliers(Row.of("code", "SLOWSHIP", "leadTimeDays", 45))
                .supplierWithHistory("SLOWSHIP", "WH", 0, 0, 0, 0, 0);
        putRules(shop, rule("eol", Row.of("stages", List.of("END_OF_LIFE")), "SUBSTITUTE"),
                rule("mto", Row.of("makeToOrder", true), "BACKORDER"),
                rule("no-supplier", Row.of("unknownSupplier", true), "PICKUP_ONLY"),
                rule("late-supplier", Row.of("onTimeShareAtMost", 0.5), "NONE"),
                rule("thin-margin", Row.of("marginAtMost", 0.1), "SUBSTITUTE"),
                rule("costly", Row.of("holdingCostAtLeast", 0.5), "BACKORDER"),
                rule("long-lead", Row.of("leadTimeDaysAtLeast", 30), "BACKORDER_OR_SUBSTITUTE"),
                rule("short-lead", Row.of("leadTimeDaysAtMost", 14), "BACKORDER"),
                rule("reliable", Row.of("onTimeShareAtLeast", 0.9), "BACKORDER"));

        shop.skus(product("EOL").stage("END_OF_LIFE").supplier("ACME"),
                product("MTO").madeToOrder().supplier("ACME"),
                product("ORPHAN").leadTimeDays(5),
                product("LATE").supplier("LATECO").leadTimeDays(5),
                product("THIN").supplier("ACME").leadTimeDays(20).margin(0.05),
                product("BULKY").supplier("ACME").leadTimeDays(20).holdingCost(0.8),
                product("FAR").supplier("SLOWSHIP"),
                product("NEAR").supplier("ACME").leadTimeDays(10),
                product("STEADY").supplier("ACME").leadTimeDays(20),
                product("MIDDLING").supplier("MIDCO").leadTimeDays(20));

        assertThat(ruleOf(shop, "EOL")).isEqualTo("eol");
        assertThat(ruleOf(shop, "MTO")).isEqualTo("mto");
        assertThat(ruleOf(shop, "ORPHAN")).isEqualTo("no-supplier");
        assertThat(ruleOf(shop, "LATE")).isEqualTo("late-supplier");
        assertThat(ruleOf(shop, "THIN")).isEqualTo("thin-margin");
        assertThat(ruleOf(shop, "BULKY")).isEqualTo("costly");
        assertThat(ruleOf(shop, "FAR")).isEqualTo("long-lead");
        assertThat(ruleOf(shop, "NEAR")).isEqualTo("short-lead");
        assertThat(ruleOf(shop, "STEADY")).isEqualTo("reliable");
        assertThat(policyOf(shop, "MIDDLING")).containsExactly("NONE", "NO_RULE", null);

        assertThat(get(shop.path("skus/LATE")).getString("reason"))
                .isEqualTo("Rule 4 'late-supplier': on-time share of supplier LATECO 0.2 <= 0.5");
        assertThat(get(shop.path("skus/FAR")).getString("reason"))
                .as("the supplier's lead time stands in for the SKU's own")
                .isEqualTo("Rule 7 'long-lead': lead time 45 days >= 30");
        assertThat(get(shop.path("skus/BULKY")).getString("reason"))
                .isEqualTo("Rule 6 'costly': holding cost 0.8 >= 0.5");
        assertThat(get(shop.path("skus/MIDDLING")).getString("reason")).isEqualTo("No rule matched (no life-cycle"
                + " stage, not made to order, lead time 20 days, supplier MIDCO on time 0.6 of 5 deliveries, no margin,"
                + " no holding cost), so nothing is offered for missing units");
    }

    @Test
    void aPinWinsOverTheRulesUntilItIsRemoved() {
        Catalog shop = Catalog.create("segment-pins")
                .skus(Row.sku("TENT", OutOfStockPolicy.PICKUP_ONLY).stage("END_OF_LIFE"), product("TARP"));

        JsonPath tent = get(shop.path("skus/TENT"));
        assertThat(tent.getString("policy")).as("a policy loaded with the SKU is a pin").isEqualTo("PICKUP_ONLY");
        assertThat(tent.getString("source")).isEqualTo("PIN");
        assertThat(tent.getString("pinned")).isEqualTo("PICKUP_ONLY");
        assertThat(tent.getString("reason")).isEqualTo("Pinned to PICKUP_ONLY by the merchant");

        shop.skus(product("TENT").stage("END_OF_LIFE"));
        assertThat(policyOf(shop, "TENT")).as("a load without a policy keeps the pin")
                .containsExactly("PICKUP_ONLY", "PIN", null);

        putRules(shop, rule("all-backorder", null, "BACKORDER"));
        assertThat(policyOf(shop, "TENT")).as("no rule overrides a pin").containsExactly("PICKUP_ONLY", "PIN", null);
        assertThat(policyOf(shop, "TARP")).containsExactly("BACKORDER", "RULE", "all-backorder");

        JsonPath unpinned = given().delete(shop.path("skus/TENT/pin")).then().statusCode(200).extract().jsonPath();
        assertThat(unpinned.getString("policy")).isEqualTo("BACKORDER");
        assertThat(unpinned.getString("pinned")).isNull();

        assertThat(pin(shop, "TARP", "NONE").getString("source")).isEqualTo("PIN");
        assertThat(policyOf(shop, "TARP")).containsExactly("NONE", "PIN", null);

        JsonPath run = given().delete(shop.path("segmentation/pins")).then().statusCode(200).extract().jsonPath();
        assertThat(run.getInt("changed")).isEqualTo(1);
        assertThat(run.getList("changes.sku")).containsExactly("TARP");
        assertThat(policyOf(shop, "TARP")).containsExactly("BACKORDER", "RULE", "all-backorder");
    }

    @Test
    void aSkuLoadSegmentsTheSkusItChanges() {
        Catalog shop = Catalog.create("segment-reload")
                .locations(warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .skus(product("TENT").stage("MATURITY").supplier("ACME").leadTimeDays(7));
        assertThat(policyOf(shop, "TENT")).containsExactly("BACKORDER", "DEFAULT_RULE", "reliable-short-lead");

        shop.skus(product("TENT").stage("END_OF_LIFE").supplier("ACME").leadTimeDays(7));

        assertThat(policyOf(shop, "TENT")).containsExactly("SUBSTITUTE", "DEFAULT_RULE", "end-of-life");
    }

    @Test
    void aSupplierLoadSegmentsItsSkusAgain() {
        Catalog shop = Catalog.create("segment-supplier-load")
                .locations(warehouse("WH"))
                .suppliers(Row.of("code", "ACME", "leadTimeDays", 7))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .skus(product("TENT").stage("MATURITY").supplier("ACME"));
        assertThat(policyOf(shop, "TENT")).containsExactly("BACKORDER", "DEFAULT_RULE", "reliable-short-lead");

        shop.suppliers(Row.of("code", "ACME", "leadTimeDays", 75));

        assertThat(policyOf(shop, "TENT")).containsExactly("SUBSTITUTE", "DEFAULT_RULE", "very-long-lead");
    }

    @Test
    void receiptsThatMoveTheSuppliersOnTimeShareFlipItsSkus() {
        Catalog shop = Catalog.create("segment-receipts")
                .locations(warehouse("WH"))
                .skus(product("TENT").stage("MATURITY").supplier("ACME").leadTimeDays(7));
        deliveries(shop, 0, 0, 0);
        assertThat(policyOf(shop, "TENT")).as("three deliveries: not enough to judge ACME")
                .containsExactly("BACKORDER_OR_SUBSTITUTE", "DEFAULT_RULE", "otherwise");

        deliveries(shop, 0);
        assertThat(policyOf(shop, "TENT")).as("four on time")
                .containsExactly("BACKORDER", "DEFAULT_RULE",
                        "reliable-short-lead");

        deliveries(shop, 3);
        assertThat(policyOf(shop, "TENT")).as("four of five on time")
                .containsExactly("BACKORDER_OR_SUBSTITUTE", "DEFAULT_RULE", "otherwise");
        assertThat(get(shop.path("skus/TENT")).getDouble("inputs.supplierOnTimeShare")).isEqualTo(0.8);
        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_segment_due WHERE catalog_id = $1", shop.id))
                .as("nothing left for the sweep")
                .isZero();
    }

    @Test
    void aDryRunShowsWhatRulesWouldChangeAndChangesNothing() {
        Catalog shop = Catalog.create("segment-dry-run")
                .skus(product("OLD").stage("END_OF_LIFE"), product("TENT").stage("MATURITY"),
                        Row.sku("PINNED", OutOfStockPolicy.NONE));
        String before = fingerprint(shop);

        JsonPath proposed = post(shop.path("segmentation/dry-run"),
                List.of(rule("mature-pickup", Row.of("stages", List.of("MATURITY")), "PICKUP_ONLY"),
                        rule("rest", null, "SUBSTITUTE")));

        assertThat(proposed.getInt("evaluated")).isEqualTo(3);
        assertThat(proposed.getInt("changed")).isEqualTo(1);
        assertThat(proposed.getList("changes", Map.class)).hasSize(1);
        assertThat(proposed.getMap("changes[0]")).containsEntry("sku", "TENT")
                .containsEntry("from", "BACKORDER_OR_SUBSTITUTE")
                .containsEntry("to", "PICKUP_ONLY")
                .containsEntry("source", "RULE")
                .containsEntry("rule", "mature-pickup");
        assertThat(fingerprint(shop)).isEqualTo(before);
        assertThat(get(shop.path("segmentation/rules")).getBoolean("defaults")).isTrue();

        JsonPath current = given().post(shop.path("segmentation/dry-run")).then().statusCode(200).extract().jsonPath();
        assertThat(current.getInt("changed")).as("by the catalog's own rules, every policy is in step").isZero();

        JsonPath limited = post(shop.path("segmentation/dry-run") + "?limit=1", List.of(rule("all", null, "NONE")));
        assertThat(limited.getInt("changed")).isEqualTo(2);
        assertThat(limited.getList("changes.sku")).containsExactly("OLD");
        assertThat(fingerprint(shop)).isEqualTo(before);
    }

    @Test
    void badRulesAreRefusedAndChangeNothing() {
        Catalog shop = Catalog.create("segment-bad-rules").skus(product("TENT").stage("MATURITY"));
        putRules(shop, rule("mature", Row.of("stages", List.of("MATURITY")), "SUBSTITUTE"));
        String before = fingerprint(shop);

        Problems.assertProblem(Problems.put(shop.path("segmentation/rules"),
                "[{\"name\":\"a\",\"when\":{\"onTimeShareAtLeast\":0.9,\"onTimeShareAtMost\":0.5},\"action\":\"NONE\"}]"),
                400, "[0].when.onTimeShareAtMost");
        Problems.assertProblem(Problems.put(shop.path("segmentation/rules"),
                "[{\"name\":\"all\",\"action\":\"NONE\"},{\"name\":\"b\",\"when\":{\"makeToOrder\":true},"
                        + "\"action\":\"BACKORDER\"}]"),
                400, "[1]");
        Problems.assertProblem(Problems.put(shop.path("segmentation/rules"),
                "[{\"name\":\"a\",\"when\":{\"stages\":[\"RETIRED\"]},\"action\":\"NONE\"}]"), 400, "[0].when.stages[0]");
        Problems.assertProblem(Problems.put(shop.path("segmentation/rules"), "[]"), 400, null);

        assertThat(fingerprint(shop)).isEqualTo(before);
        assertThat(policyOf(shop, "TENT")).containsExactly("SUBSTITUTE", "RULE", "mature");
    }

    @Test
    void rulesCanBeReplacedAndRemovedAndARunOnDemandBringsEveryPolicyInStep() {
        Catalog shop = Catalog.create("segment-run")
                .skus(product("OLD").stage("END_OF_LIFE"), product("TENT").stage("MATURITY"));

        JsonPath replaced = given().contentType(ContentType.JSON)
                .body(List.of(rule("all-pickup", null, "PICKUP_ONLY")))
                .put(shop.path("segmentation/rules"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(replaced.getBoolean("defaults")).isFalse();
        assertThat(replaced.getList("rules.name")).containsExactly("all-pickup");
        assertThat(replaced.getInt("run.evaluated")).isEqualTo(2);
        assertThat(replaced.getInt("run.changed")).isEqualTo(2);
        assertThat(get(shop.path("segmentation/rules")).getList("rules.action")).containsExactly("PICKUP_ONLY");

        // a policy changed behind Stockout's back, as a restored backup or a hand-made fix would
        pool.preparedQuery("UPDATE stockout_sku SET policy = 'NONE' WHERE catalog_id = $1 AND sku = 'TENT'")
                .execute(Tuple.of(shop.id))
                .await()
                .indefinitely();
        JsonPath run = given().post(shop.path("segmentation/run")).then().statusCode(200).extract().jsonPath();
        assertThat(run.getInt("changed")).isEqualTo(1);
        assertThat(run.getMap("changes[0]")).containsEntry("sku", "TENT")
                .containsEntry("from", "NONE")
                .containsEntry("to", "PICKUP_ONLY");
        assertThat(policyOf(shop, "TENT")).containsExactly("PICKUP_ONLY", "RULE", "all-pickup");

        JsonPath reset = given().delete(shop.path("segmentation/rules")).then().statusCode(200).extract().jsonPath();
        assertThat(reset.getBoolean("defaults")).isTrue();
        assertThat(reset.getInt("run.changed")).isEqualTo(2);
        assertThat(policyOf(shop, "OLD")).containsExactly("SUBSTITUTE", "DEFAULT_RULE", "end-of-life");
    }

    @Test
    void skusAreListedAPageAtATimeAndFilteredByPolicyAndSource() {
        Catalog shop = Catalog.create("segment-list")
                .skus(product("A").stage("END_OF_LIFE"), product("B"), product("C").stage("END_OF_LIFE"),
                        Row.sku("D", OutOfStockPolicy.SUBSTITUTE), product("E"));

        JsonPath first = get(shop.path("skus?limit=2"));
        assertThat(first.getList("skus.sku")).containsExactly("A", "B");
        JsonPath second = get(shop.path("skus?limit=2&after=" + first.getString("next")));
        assertThat(second.getList("skus.sku")).containsExactly("C", "D");
        JsonPath last = get(shop.path("skus?limit=2&after=" + second.getString("next")));
        assertThat(last.getList("skus.sku")).containsExactly("E");
        assertThat(last.getString("next")).isNull();

        assertThat(get(shop.path("skus?policy=SUBSTITUTE")).getList("skus.sku")).containsExactly("A", "C", "D");
        assertThat(get(shop.path("skus?policy=SUBSTITUTE&source=PIN")).getList("skus.sku")).containsExactly("D");
        assertThat(get(shop.path("skus?source=DEFAULT_RULE")).getList("skus.reason", String.class))
                .allSatisfy(reason -> assertThat(reason).startsWith("Default rule "));
    }

    @Test
    void aHundredThousandSkusAreSegmentedAgainInOnePass() {
        Catalog shop = Catalog.create("segment-100k");
        List<Row> skus = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            skus.add(product("SKU-%06d".formatted(i)).stage(i % 2 == 0 ? "MATURITY" : "END_OF_LIFE").leadTimeDays(i % 30));
        }
        long loading = System.nanoTime();
        given().config(io.restassured.RestAssured.config()
                .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 300_000)))
                .contentType(ContentType.JSON)
                .body(skus)
                .post(shop.path("skus"))
                .then()
                .statusCode(200);
        System.out.printf("Loaded and segmented 100000 new SKUs through HTTP in %d ms%n",
                (System.nanoTime() - loading) / 1_000_000);

        long started = System.nanoTime();
        JsonPath replaced = given().config(io.restassured.RestAssured.config()
                .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 300_000)))
                .contentType(ContentType.JSON)
                .body(List.of(rule("short", Row.of("leadTimeDaysAtMost", 9), "BACKORDER"),
                        rule("rest", null, "SUBSTITUTE")))
                .put(shop.path("segmentation/rules"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("Segmented 100000 SKUs again by new rules in %d ms (%d changed)%n", millis,
                replaced.getInt("run.changed"));
        assertThat(replaced.getInt("run.evaluated")).isEqualTo(100_000);
        // before: even SKUs (mature, unknown supplier) BACKORDER_OR_SUBSTITUTE, odd ones (end of life) SUBSTITUTE;
        // after: lead times 0..9 BACKORDER, the rest SUBSTITUTE
        assertThat(replaced.getInt("run.changed")).isEqualTo(50_000 + 16_670);
        assertThat(Database.count(pool,
                "SELECT count(*) FROM stockout_sku WHERE catalog_id = $1 AND policy = 'BACKORDER' AND policy_rule = 'short'",
                shop.id)).isEqualTo(33_340L);
    }

    // ---- helpers

    private static Row rule(String name, Row when, String action) {
        Row rule = Row.of("name", name, "action", action);
        if (when != null) {
            rule.with("when", when);
        }
        return rule;
    }

    private static void putRules(Catalog shop, Row... rules) {
        given().contentType(ContentType.JSON)
                .body(List.of(rules))
                .put(shop.path("segmentation/rules"))
                .then()
                .statusCode(200);
    }

    private static JsonPath pin(Catalog shop, String sku, String policy) {
        return given().contentType(ContentType.JSON)
                .body(Row.of("policy", policy))
                .put(shop.path("skus/" + sku + "/pin"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath get(String path) {
        return given().get(path).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200).extract().jsonPath();
    }

    /** The SKU's policy, what chose it and the rule. */
    private static List<String> policyOf(Catalog shop, String sku) {
        JsonPath view = get(shop.path("skus/" + sku));
        return java.util.Arrays.asList(view.getString("policy"), view.getString("source"), view.getString("rule"));
    }

    private static String ruleOf(Catalog shop, String sku) {
        return get(shop.path("skus/" + sku)).getString("rule");
    }

    private int delivered;

    /**
     * Delivers one unit of TENT from ACME per delay: each on its own purchase-order line, expected on a Monday from
     * January 5th on and received that many working days later.
     */
    private void deliveries(Catalog shop, int... delays) {
        List<Row> lines = new ArrayList<>();
        List<Row> receipts = new ArrayList<>();
        for (int delay : delays) {
            int n = delivered++;
            // Mondays from 2026-01-05 on: a delay of up to 4 days stays within the week
            java.time.LocalDate expected = java.time.LocalDate.parse("2026-01-05").plusWeeks(n);
            lines.add(inbound("PO-" + n, "TENT", 1, expected.toString()).supplier("ACME").location("WH"));
            receipts.add(Row.receipt("GRN-" + n, "PO-" + n, 1, expected.plusDays(delay) + "T12:00:00Z"));
        }
        shop.inbound(lines.toArray(Row[]::new));
        shop.receipts(receipts.toArray(Row[]::new));
    }

    /** Every SKU and rule row of the catalog, as a digest. */
    private String fingerprint(Catalog shop) {
        return pool.preparedQuery("""
                SELECT md5(coalesce(string_agg(r, '|' ORDER BY r), '')) FROM (
                    SELECT s::text AS r FROM stockout_sku s WHERE s.catalog_id = $1
                    UNION ALL SELECT r::text FROM stockout_segment_rule r WHERE r.catalog_id = $1) rows""")
                .execute(Tuple.of(shop.id))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
    }
}

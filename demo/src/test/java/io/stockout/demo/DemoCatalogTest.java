package io.stockout.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.stockout.StockoutLoader.Sku;
import io.stockout.runtime.segment.SegmentRule;

/**
 * The demo catalog as loaded at start, read through the administration API: the merchant's rules choose most SKUs'
 * policies and a few are pinned, and the metrics have a history of days with a pause of backorders in it.
 */
@QuarkusTest
class DemoCatalogTest {

    static final String ADMIN_KEY = "sok_demo_admin_key_for_dev_mode_only_0000";
    /** The README's out-of-stock SKU. */
    static final String README_SKU = "918223585";

    static DemoData data;

    @BeforeAll
    static void generate() {
        // the day of the load in the catalog's zone, as the loader takes it
        data = DemoData.generate(DemoSources.read(), LocalDate.now(ZoneId.of(DemoData.TIME_ZONE)), DemoData.SEED);
    }

    @Test
    void theMerchantsRulesChooseMostPoliciesAndAFewSkusArePinned() {
        List<Map<String, Object>> skus = admin().get("/stockout/catalogs/demo/skus?limit=1000")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("skus");
        Map<String, List<Map<String, Object>>> bySource = skus.stream()
                .collect(Collectors.groupingBy(sku -> (String) sku.get("source")));

        assertThat(bySource).containsOnlyKeys("RULE", "PIN");
        assertThat(bySource.get("PIN")).extracting(sku -> (String) sku.get("sku"))
                .containsExactlyInAnyOrderElementsOf(
                        data.skus().stream().filter(sku -> sku.policy() != null).map(Sku::sku).toList());
        assertThat(bySource.get("RULE")).hasSizeGreaterThan(2 * bySource.get("PIN").size());
        Set<String> deciding = bySource.get("RULE").stream().map(sku -> (String) sku.get("rule")).collect(Collectors.toSet());
        assertThat(deciding).as("every rule decides some SKU")
                .containsExactlyInAnyOrderElementsOf(data.rules().stream().map(SegmentRule::name).toList());

        JsonPath rules = admin().get("/stockout/catalogs/demo/segmentation/rules").then().statusCode(200).extract().jsonPath();
        assertThat(rules.getBoolean("defaults")).isFalse();
        assertThat(rules.getList("rules.name", String.class))
                .containsExactlyElementsOf(data.rules().stream().map(SegmentRule::name).toList());
    }

    @Test
    void theReadmeSkuGetsItsOffersFromARule() {
        JsonPath sku = admin().get("/stockout/catalogs/demo/skus/" + README_SKU).then().statusCode(200).extract().jsonPath();

        assertThat(sku.getString("policy")).isEqualTo("BACKORDER_OR_SUBSTITUTE");
        assertThat(sku.getString("source")).isEqualTo("RULE");
        assertThat(sku.getString("rule")).isEqualTo("otherwise");
        assertThat(sku.getString("pinned")).isNull();
    }

    @Test
    void theMetricsHistoryHoldsTheGeneratedDays() {
        List<String> days = admin().get("/stockout/catalogs/demo/metrics/history?days=90")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("days.day", String.class);

        assertThat(days).hasSizeGreaterThanOrEqualTo(DemoHistory.DAYS)
                .containsAll(data.history().snapshots().stream().map(day -> day.day().toString()).toList());
    }

    @Test
    void theGeneratedBreachShowsInThePauseHistoryAndNothingIsPausedNow() {
        List<Map<String, Object>> changes = admin().get("/stockout/catalogs/demo/tolerances/changes?limit=1000")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("changes");

        assertThat(changes).filteredOn(change -> "PAUSE_BACKORDERS".equals(change.get("action")))
                .extracting(change -> change.get("metric"), change -> change.get("change"))
                .startsWith(tuple("MAX_PAST_DUE_RATIO", "BREACHED"),
                        tuple("MAX_PAST_DUE_RATIO", "RECOVERED"));
        assertThat(admin().get("/stockout/catalogs/demo/tolerances").jsonPath().getList("metric", String.class))
                .contains("MAX_PAST_DUE_RATIO", "MAX_OPEN_UNITS");
        assertThat(admin().get("/stockout/catalogs/demo/tolerances/breaches").jsonPath().getList("")).isEmpty();
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_KEY);
    }
}

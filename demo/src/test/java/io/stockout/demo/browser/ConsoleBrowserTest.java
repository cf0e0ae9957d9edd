package io.stockout.demo.browser;

import static io.restassured.RestAssured.given;
import static io.stockout.demo.browser.ConsolePage.testid;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.stockout.demo.DemoHistory;

/**
 * The merchant console in a real browser, on the demo data, walked as a merchant would: sign in, switch a catalog off
 * and on, reorder its offers, pin and unpin a SKU and try rules, find backorders, read the charts and the supply, make
 * and revoke keys; a read-only key sees no control that writes; the pages work from the keyboard and on a phone.
 * What the pages did is checked through the administration API. Each test saves a screenshot under
 * {@code target/screenshots}.
 */
@QuarkusTest
class ConsoleBrowserTest {

    static final String ADMIN_KEY = "sok_demo_admin_key_for_dev_mode_only_0000";
    static final String DEMO = "demo";
    /** A SKU of the demo that no warehouse ships now, with inbound supply. */
    static final String SKU = "918223585";

    static Browser browser;

    ConsolePage ui;

    @TestHTTPResource("/stockout/console/")
    URL console;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshTab() {
        browser.resize(Browser.LAPTOP);
        ui = new ConsolePage(browser, console);
        ui.openSignedOut();
    }

    @Test
    void aMerchantSwitchesTheCatalogOffAndOnAgain() {
        ui.signIn(ADMIN_KEY);
        assertThat(ui.text("active-" + DEMO)).isEqualTo("On");

        ui.click("toggle-" + DEMO);
        ui.waitForStatus("Stockout is now off for catalog demo.");
        assertThat(catalog().getBoolean("active")).isFalse();
        assertThat(ui.text("active-" + DEMO)).isEqualTo("Off");
        browser.screenshot("console-catalog-off");

        ui.click("toggle-" + DEMO);
        ui.waitForStatus("Stockout is now on for catalog demo.");
        assertThat(catalog().getBoolean("active")).isTrue();
    }

    @Test
    void aMerchantPutsSubstitutesFirst() {
        List<String> before = catalog().getList("offerKinds");
        try {
            ui.signIn(ADMIN_KEY);
            ui.click("offer-up-SUBSTITUTE");
            ui.click("offer-up-SUBSTITUTE");
            List<String> shown = ui.driver()
                    .findElements(By.cssSelector("#offer-order li"))
                    .stream()
                    .map(item -> item.getAttribute("data-kind"))
                    .toList();
            assertThat(shown).first().isEqualTo("SUBSTITUTE");

            ui.click("save-offer-order");
            ui.waitForStatus("Catalog demo now offers: SUBSTITUTE");
            assertThat(catalog().getList("offerKinds")).first().isEqualTo("SUBSTITUTE");
            assertThat(ui.text("offers-" + DEMO)).startsWith("SUBSTITUTE");
            browser.screenshot("console-offer-order");
        } finally {
            admin().body(Map.of("offerKinds", before)).put("/stockout/catalogs/demo").then().statusCode(200);
        }
    }

    @Test
    void aMerchantPinsAndUnpinsASkuAndTriesRules() {
        String pinned = sku().getString("pinned");
        List<Object> rulesBefore = admin().get("/stockout/catalogs/demo/segmentation/rules").jsonPath().getList("rules");
        try {
            ui.signIn(ADMIN_KEY);
            ui.page("skus");
            ui.type("sku-find", SKU);
            ui.clickAndWaitForPage("sku-filter-apply");
            ui.waitFor("pin-" + SKU);

            new Select(ui.find("pin-policy-" + SKU)).selectByValue("PICKUP_ONLY");
            ui.clickAndWaitForPage("pin-" + SKU);
            ui.waitForText("reason-" + SKU, "Pinned to PICKUP_ONLY by the merchant");
            assertThat(sku().getString("policy")).isEqualTo("PICKUP_ONLY");
            assertThat(sku().getString("source")).isEqualTo("PIN");

            ui.clickAndWaitForPage("unpin-" + SKU);
            browser.waiting()
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> !ui.text("reason-" + SKU).startsWith("Pinned"));
            JsonPath unpinned = sku();
            // the demo's own rules choose again: the SKU's supplier is often late, so the shopper gets the choice
            assertThat(unpinned.getString("source")).isEqualTo("RULE");
            assertThat(unpinned.getString("rule")).isEqualTo("otherwise");
            assertThat(ui.text("reason-" + SKU)).isEqualTo(unpinned.getString("reason"));
            assertThat(ui.driver().findElements(testid("unpin-" + SKU))).isEmpty();

            // a rule that gives every SKU nothing: the unpinned SKU would change, and nothing does
            String rules = "[{\"name\": \"nothing\", \"action\": \"NONE\"}]";
            WebElement editor = ui.find("rules-json");
            editor.clear();
            editor.sendKeys(rules);
            ui.click("dry-run");
            ui.waitFor("dry-run-summary");
            assertThat(ui.text("dry-run-summary")).contains("would change");
            WebElement change = ui.driver()
                    .findElement(By.cssSelector("[data-testid='dry-run-changes'] tr[data-sku='" + SKU + "']"));
            assertThat(change.getText()).contains(unpinned.getString("policy")).contains("NONE").contains("nothing");
            assertThat(sku().getString("policy")).isEqualTo(unpinned.getString("policy"));
            JsonPath rulesAfter = admin().get("/stockout/catalogs/demo/segmentation/rules").jsonPath();
            assertThat(rulesAfter.getBoolean("defaults")).isFalse();
            assertThat(rulesAfter.getList("rules")).isEqualTo(rulesBefore);
            show("dry-run-result");
            browser.screenshot("console-skus-dry-run");
        } finally {
            if (pinned == null) {
                admin().delete("/stockout/catalogs/demo/skus/" + SKU + "/pin").then().statusCode(200);
            } else {
                admin().body(Map.of("policy", pinned))
                        .put("/stockout/catalogs/demo/skus/" + SKU + "/pin")
                        .then()
                        .statusCode(200);
            }
        }
    }

    @Test
    void aMerchantFindsBackordersByTheirFilters() {
        String order = "console-order-" + System.nanoTime();
        placeBackorder(order);
        ui.signIn(ADMIN_KEY);
        ui.page("backorders");

        new Select(ui.find("bo-status")).selectByValue("OPEN");
        ui.type("bo-sku", SKU);
        ui.type("bo-order", order);
        ui.clickAndWaitForPage("bo-apply");
        WebElement row = browser.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-order='" + order + "']")));
        assertThat(row.getAttribute("data-status")).isEqualTo("OPEN");
        assertThat(row.getText()).contains(SKU);
        browser.screenshot("console-backorders");

        ui.click("bo-show-" + row.getAttribute("data-backorder"));
        ui.waitForText("bo-detail", "order " + order);
        show("bo-detail");
        browser.screenshot("console-backorder-detail");

        new Select(ui.find("bo-status")).selectByValue("CANCELLED");
        ui.clickAndWaitForPage("bo-apply");
        ui.waitForText("bo-count", "0 backorders");
        new Select(ui.find("bo-status")).selectByValue("");
        ui.find("bo-past-due").click();
        ui.clickAndWaitForPage("bo-apply");
        ui.waitForText("bo-count", "0 backorders");
    }

    @Test
    void anotherCatalogsListStartsAtItsFirstPage() {
        // a second catalog whose only SKU sorts before every SKU of the demo
        admin().body(Map.of("name", "Second shop")).put("/stockout/catalogs/zz-second").then().statusCode(200);
        admin().body(List.of(Map.of("sku", "000-first", "name", "First of the second shop")))
                .post("/stockout/catalogs/zz-second/skus")
                .then()
                .statusCode(200);
        ui.signIn(ADMIN_KEY);
        ui.page("skus");
        ui.clickAndWaitForPage("skus-next");
        assertThat(ui.text("skus-page")).isEqualTo("Page 2");

        String before = ui.driver().findElement(By.id("page")).getAttribute("data-renders");
        new Select(ui.find("catalog-select")).selectByValue("zz-second");
        browser.waiting().until(d -> !before.equals(d.findElement(By.id("page")).getAttribute("data-renders")));

        assertThat(ui.text("skus-page")).isEqualTo("Page 1");
        assertThat(ui.driver().findElements(By.cssSelector("tr[data-sku='000-first']"))).hasSize(1);
    }

    @Test
    void aSkuThatIsNotThereLeavesTheFiltersToCorrectIt() {
        ui.signIn(ADMIN_KEY);
        ui.page("skus");
        ui.type("sku-find", "no-such-sku");
        ui.click("sku-filter-apply");
        ui.waitForText("error", "No such SKU");

        // the filters stay on the page, and on the next visit of it, so that the merchant can correct the SKU
        ui.page("catalogs");
        ui.page("skus");
        ui.waitForText("error", "No such SKU");
        ui.type("sku-find", SKU);
        ui.clickAndWaitForPage("sku-filter-apply");
        assertThat(ui.driver().findElements(By.cssSelector("tr[data-sku='" + SKU + "']"))).hasSize(1);
        assertThat(ui.find("error").isDisplayed()).isFalse();
    }

    @Test
    void theMetricsAreChartedAgainstTheirTolerances() {
        List<Map<String, Object>> before = admin().get("/stockout/catalogs/demo/tolerances").jsonPath().getList("");
        try {
            List<Map<String, Object>> tolerances = List.of(
                    Map.of("scope", "CATALOG", "metric", "MAX_OPEN_UNITS", "limit", 5000, "action", "ALERT"),
                    Map.of("scope", "CATALOG", "metric", "MAX_PAST_DUE_RATIO", "limit", 0.2, "action", "PAUSE_BACKORDERS"),
                    Map.of("scope", "CATALOG", "metric", "MAX_GROWTH", "limit", 0.5, "action", "ALERT"),
                    Map.of("scope", "CATALOG", "metric", "MIN_PROMISE_ACCURACY", "limit", 0.8, "action", "ALERT"));
            admin().body(tolerances).put("/stockout/catalogs/demo/tolerances").then().statusCode(200);
            placeBackorder("console-metrics-" + System.nanoTime());
            // a check writes today's snapshot, which the charts draw
            admin().post("/stockout/catalogs/demo/tolerances/check").then().statusCode(200);

            ui.signIn(ADMIN_KEY);
            ui.page("metrics");
            for (String chart : List.of("chart-open", "chart-growth", "chart-past-due", "chart-accuracy", "chart-take-up")) {
                ui.waitFor(chart);
                Long drawn = (Long) ((JavascriptExecutor) ui.driver()).executeScript(
                        "const c = Chart.getChart(document.getElementById(arguments[0]));"
                                + "return c ? c.data.datasets.reduce((n, d) => n + d.data.length, 0) : -1;",
                        chart);
                assertThat(drawn).as(chart).isGreaterThan(0);
            }
            assertThat(Integer.parseInt(ui.find("chart-open").findElement(By.tagName("canvas")).getAttribute("data-points")))
                    .isGreaterThan(0);
            assertThat(ui.text("chart-open-tolerance")).contains("5000");
            assertThat(ui.text("chart-past-due-tolerance")).contains("pauses backorders").contains("20.0 %");
            assertThat(ui.text("chart-take-up-tolerance")).contains("no tolerance");
            assertThat(ui.driver().findElements(testid("tolerance-changes"))).hasSize(1);
            browser.screenshot("console-metrics");
        } finally {
            admin().body(before).put("/stockout/catalogs/demo/tolerances").then().statusCode(200);
        }
    }

    @Test
    void theMetricsShowTheDemosHistoryWithItsPauseOfBackorders() {
        ui.signIn(ADMIN_KEY);
        ui.page("metrics");
        ui.waitFor("chart-open");

        // open units and open backorders on each generated day
        assertThat(Integer.parseInt(ui.find("chart-open").findElement(By.tagName("canvas")).getAttribute("data-points")))
                .isGreaterThanOrEqualTo(2 * DemoHistory.DAYS);
        assertThat(ui.text("chart-open-tolerance")).contains("alert").contains("100");
        assertThat(ui.text("chart-past-due-tolerance")).contains("pauses backorders").contains("25.0 %");
        List<String> changes = ui.driver()
                .findElements(By.cssSelector("[data-testid='tolerance-changes'] tbody tr"))
                .stream()
                .map(WebElement::getText)
                .filter(row -> row.contains("PAUSE_BACKORDERS"))
                .toList();
        // newest first: the recovery that resumed backorders, then the breach that paused them
        assertThat(changes).hasSizeGreaterThanOrEqualTo(2);
        assertThat(changes.get(changes.size() - 2)).contains("RECOVERED", "MAX_PAST_DUE_RATIO");
        assertThat(changes.get(changes.size() - 1)).contains("BREACHED", "MAX_PAST_DUE_RATIO");
        browser.screenshot("console-metrics-demo");
    }

    @Test
    void theSupplyPageListsInboundLinesAndSuppliers() {
        ui.signIn(ADMIN_KEY);
        ui.page("supply");
        ui.waitFor("inbound-table");
        assertThat(ui.driver().findElements(By.cssSelector("[data-testid='inbound-table'] tbody tr"))).isNotEmpty();
        assertThat(ui.driver().findElements(By.cssSelector("[data-testid='suppliers-table'] tbody tr"))).isNotEmpty();
        ui.waitFor("chart-suppliers");
        show("suppliers-table");
        browser.screenshot("console-supply");

        ui.type("inbound-sku", SKU);
        ui.clickAndWaitForPage("inbound-apply");
        browser.waiting()
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("[data-testid='inbound-table'] tbody tr"))
                        .stream()
                        .allMatch(row -> row.getText().contains(SKU)));
    }

    @Test
    void aReadOnlyKeySeesNoControlThatWritesAndCannotWrite() {
        String reader = makeKey("console read-only", "READ");
        ui.signIn(reader);
        assertThat(ui.text("who")).contains("READ");
        assertThat(ui.text("active-" + DEMO)).isEqualTo("On");
        assertThat(ui.find("nav-keys").isDisplayed()).isFalse();
        assertNoneOf("toggle-", "save-offer-order", "offer-up-");
        browser.screenshot("console-read-only");

        ui.page("skus");
        ui.waitFor("skus-table");
        ui.waitFor("dry-run");
        assertNoneOf("pin-", "unpin-", "save-rules", "default-rules");

        // a dry run is a read: the key may try rules, and a refusal of the API is shown as its problem says it
        WebElement editor = ui.find("rules-json");
        editor.clear();
        editor.sendKeys("[{\"name\": \"everything\", \"action\": \"SOMETIMES\"}]");
        ui.click("dry-run");
        browser.waiting().until(d -> d.findElement(testid("error")).isDisplayed());
        assertThat(ui.text("error")).startsWith("Error:").contains("(400)");
        browser.screenshot("console-problem-shown");

        // what the hidden buttons would have sent is refused by the API itself
        given().header("Authorization", "Bearer " + reader)
                .contentType(ContentType.JSON)
                .body(Map.of("active", false))
                .put("/stockout/catalogs/demo")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + reader)
                .contentType(ContentType.JSON)
                .body(Map.of("policy", "NONE"))
                .put("/stockout/catalogs/demo/skus/" + SKU + "/pin")
                .then()
                .statusCode(403);
        assertThat(catalog().getBoolean("active")).isTrue();
    }

    @Test
    void anAdministratorMakesAKeyThatIsShownOnceAndRevokesIt() {
        ui.signIn(ADMIN_KEY);
        ui.page("keys");
        ui.type("key-name", "console made");
        new Select(ui.find("key-role")).selectByValue("WRITE");
        ui.click("key-create");
        ui.waitFor("new-key-secret");
        String secret = ui.text("new-key-secret");
        assertThat(secret).startsWith("sok_");
        String id = secret.substring(4, 12);
        JsonPath own = given().header("Authorization", "Bearer " + secret).get("/stockout/api-keys/self").jsonPath();
        assertThat(own.getString("role")).isEqualTo("WRITE");
        assertThat(own.getList("catalogs")).containsExactly(DEMO);
        browser.screenshot("console-key-made");

        ui.page("catalogs");
        ui.page("keys");
        ui.waitFor("revoke-" + id);
        assertThat(ui.driver().getPageSource()).doesNotContain(secret);

        ui.click("revoke-" + id);
        ui.waitForStatus("Key " + id + " is revoked");
        given().header("Authorization", "Bearer " + secret).get("/stockout/api-keys/self").then().statusCode(401);
    }

    @Test
    void theKeyboardReachesTheControls() {
        List<String> reached = new ArrayList<>();
        // the console's script shows the sign-in form once it has run: tabbing before that would start elsewhere
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(testid("key-input")));
        tab(reached, 1);
        assertThat(ui.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("skip-link");
        tab(reached, 1);
        assertThat(ui.driver().switchTo().activeElement().getAttribute("data-testid")).isEqualTo("key-input");
        new Actions(ui.driver()).sendKeys(ADMIN_KEY).sendKeys(Keys.ENTER).perform();
        ui.waitFor("page-catalogs");

        reached.clear();
        tab(reached, 40);
        assertThat(reached).contains("catalog-select", "sign-out", "nav-catalogs", "nav-skus", "nav-backorders",
                "nav-metrics", "nav-supply", "nav-keys", "toggle-" + DEMO, "offer-BACKORDER", "offer-up-PICKUP",
                "save-offer-order");

        // a page chosen from the keyboard takes the focus to its heading
        ui.driver().findElement(testid("nav-skus")).sendKeys(Keys.ENTER);
        ui.waitFor("page-skus");
        browser.waiting().until(d -> d.switchTo().activeElement().getTagName().equals("h1"));
        browser.screenshot("console-keyboard");
    }

    @Test
    void onAPhoneThePagesFitTheScreen() {
        browser.resize(Browser.PHONE);
        ui.signIn(ADMIN_KEY);
        browser.screenshot("console-phone-catalogs");
        assertNoSidewaysScroll();
        ui.page("metrics");
        ui.waitFor("chart-open");
        browser.screenshot("console-phone-metrics");
        assertNoSidewaysScroll();
        ui.page("backorders");
        ui.waitFor("bo-table");
        browser.screenshot("console-phone-backorders");
        assertNoSidewaysScroll();
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    void tab(List<String> reached, int times) {
        for (int i = 0; i < times; i++) {
            new Actions(ui.driver()).sendKeys(Keys.TAB).perform();
            WebElement active = ui.driver().switchTo().activeElement();
            String id = active.getAttribute("data-testid");
            reached.add(id == null ? active.getTagName() : id);
        }
    }

    void assertNoneOf(String... prefixes) {
        for (String prefix : prefixes) {
            assertThat(ui.driver().findElements(By.cssSelector("[data-testid^='" + prefix + "']"))).as(prefix).isEmpty();
        }
    }

    void assertNoSidewaysScroll() {
        Long overflow = (Long) ((JavascriptExecutor) ui.driver())
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        // what sticks out, to say what to fix
        Object wide = ((JavascriptExecutor) ui.driver()).executeScript("return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                + ".slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ');");
        assertThat(overflow).as("wider than the screen: " + wide).isLessThanOrEqualTo(0L);
    }

    void show(String id) {
        ((JavascriptExecutor) ui.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", ui.find(id));
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_KEY).contentType(ContentType.JSON);
    }

    static JsonPath catalog() {
        return admin().get("/stockout/catalogs/demo").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath sku() {
        return admin().get("/stockout/catalogs/demo/skus/" + SKU).then().statusCode(200).extract().jsonPath();
    }

    static String makeKey(String name, String role) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name);
        request.put("role", role);
        request.put("catalogs", List.of(DEMO));
        return admin().body(request).post("/stockout/api-keys").then().statusCode(201).extract().path("secret");
    }

    /** A shopper's cart takes a backorder of the SKU, and the order is placed: the demo takes unsigned webhooks. */
    static void placeBackorder(String order) {
        String cart = "cart-" + order;
        given().contentType(ContentType.JSON)
                .body(Map.of("version", 1, "lines", List.of(Map.of("sku", SKU, "quantity", 1))))
                .post("/stockout/catalogs/demo/carts/" + cart)
                .then()
                .statusCode(200)
                .body("lines[0].backorder.quantity", org.hamcrest.Matchers.equalTo(1));
        given().contentType(ContentType.JSON)
                .body(Map.of("eventId", "evt-" + order, "type", "PLACED", "orderId", order, "cartId", cart))
                .post("/stockout/catalogs/demo/order-events")
                .then()
                .statusCode(200);
    }
}

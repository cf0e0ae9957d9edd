package io.stockout.demo.browser;

import static io.restassured.RestAssured.given;
import static io.stockout.demo.browser.Shop.enterZip;
import static io.stockout.demo.browser.Shop.patiently;
import static io.stockout.demo.browser.Shop.release;
import static io.stockout.demo.browser.Shop.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockout.LocationKind;
import io.stockout.StockoutLoader;
import io.stockout.demo.DemoData;
import io.stockout.demo.DemoSources;

/**
 * A shopper and a merchant walk the demo storefront in a real headless Chromium. Each test saves what the page showed
 * under {@code target/screenshots/}, and gives back whatever it changed in the shared demo catalog.
 */
@QuarkusTest
class StorefrontBrowserTest {

    static final String ADMIN_KEY = "sok_demo_admin_key_for_dev_mode_only_0000";
    /** White Plimsolls (42): no warehouse ships it now; backorder, pickup and substitutes are offered. */
    static final String OUT_OF_STOCK_SKU = "918223585";
    static final String ZIP = "72712";
    static final double PICKUP_RADIUS_KM = 50;
    static final int MAX_STORES = 5;

    static DemoData data;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void generateDemoData() {
        // stock levels do not depend on the day; only inbound dates do
        data = DemoData.generate(DemoSources.read(), LocalDate.now(), DemoData.SEED);
    }

    @Test
    void aShopperWhoEntersAZipCodeSeesTheNearestStoresFirst() {
        String cartId = null;
        try (Browser browser = Browser.open()) {
            browser.driver().get(url("/"));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/shop");
            enterZip(browser, ZIP);
            browser.driver().get(url("/shop/products/" + OUT_OF_STOCK_SKU));

            List<WebElement> stores = browser.driver().findElements(By.cssSelector("[data-testid=store]"));
            List<String> shown = stores.stream().map(store -> store.getDomAttribute("data-location")).toList();
            Map<String, Double> expected = nearestStoresWithUnits(OUT_OF_STOCK_SKU, ZIP);
            browser.screenshot("storefront-nearest-stores");

            assertThat(shown).as("the stores holding the SKU within the pickup radius, nearest first")
                    .containsExactlyElementsOf(expected.keySet());
            for (WebElement store : stores) {
                double computed = expected.get(store.getDomAttribute("data-location"));
                assertThat(Double.parseDouble(store.getDomAttribute("data-distance-km"))).isCloseTo(computed,
                        Offset.offset(0.05));
                assertThat(store.findElement(By.cssSelector("[data-testid=store-distance]")).getText())
                        .startsWith(String.format(Locale.US, "%.1f km", computed));
                assertThat(Integer.parseInt(store.getDomAttribute("data-units"))).isPositive();
                assertThat(store.findElement(By.cssSelector("[data-testid=store-ready]")).getText()).startsWith("Ready ");
                assertThat(OffsetDateTime.parse(store.getDomAttribute("data-ready-by")).toInstant())
                        .isAfter(Instant.now());
            }

            String nearest = stores.get(0).findElement(By.cssSelector("[data-testid=store-name]")).getText();
            stores.get(0).findElement(By.cssSelector("[data-testid=pickup-button]")).click();
            patiently(browser).until(ExpectedConditions.urlContains("/shop/cart"));
            cartId = browser.driver().findElement(By.cssSelector("[data-testid=cart]")).getDomAttribute("data-cart-id");
            assertThat(text(browser, "cart-line-held")).startsWith("1 held for pickup at " + nearest + " — Ready ");
            browser.screenshot("storefront-pickup-held");
        } finally {
            release(null, cartId);
        }
    }

    @Test
    void anOutOfStockProductShowsItsBackorderDateWithItsLikelihoodAndSubstitutesInStock() {
        JsonPath answer = askStockout(OUT_OF_STOCK_SKU);
        String promisedDate = answer.getString("lines[0].offers.find { it.kind == 'BACKORDER' }.promise.date");
        float confidence = answer.getFloat("lines[0].offers.find { it.kind == 'BACKORDER' }.promise.confidence");

        try (Browser browser = Browser.open()) {
            browser.driver().get(url("/shop/products/" + OUT_OF_STOCK_SKU));

            assertThat(text(browser, "product-stock")).isEqualTo("Out of stock");
            WebElement backorder = browser.driver().findElement(By.cssSelector("[data-testid=backorder]"));
            assertThat(backorder.getDomAttribute("data-date")).isEqualTo(promisedDate);
            assertThat(text(browser, "backorder-promise"))
                    .matches("Arrives by [A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2}( \\d{4})? — \\d{1,3} % likely")
                    .endsWith("— " + (int) Math.floor(confidence * 100 + 1e-6) + " % likely");
            List<WebElement> substitutes = browser.driver().findElements(By.cssSelector("[data-testid=substitute]"));
            assertThat(substitutes).isNotEmpty();
            assertThat(text(browser, "stores-hint")).contains("Enter your ZIP code");
            browser.screenshot("storefront-backorder-and-substitutes");

            String substitute = substitutes.get(0).getDomAttribute("data-sku");
            substitutes.get(0).findElement(By.cssSelector("[data-testid=substitute-link]")).click();
            patiently(browser).until(ExpectedConditions.urlContains("/shop/products/" + substitute));
            assertThat(text(browser, "product-stock")).isEqualTo("In stock");
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=add-to-cart]")).getText())
                    .isEqualTo("Add to cart");
        }
    }

    @Test
    void aShopperWhoOrdersAheadSeesTheHoldAndItsExpiryAndTheOrderBecomesABackorder() {
        String cartId = null;
        String orderId = null;
        try (Browser browser = Browser.open()) {
            browser.driver().get(url("/shop/products/" + OUT_OF_STOCK_SKU));
            WebElement add = browser.driver().findElement(By.cssSelector("[data-testid=add-to-cart]"));
            assertThat(add.getText()).isEqualTo("Order ahead");
            add.click();

            patiently(browser).until(ExpectedConditions.urlContains("/shop/cart"));
            cartId = browser.driver().findElement(By.cssSelector("[data-testid=cart]")).getDomAttribute("data-cart-id");
            Instant expiresAt = OffsetDateTime.parse(
                    browser.driver().findElement(By.cssSelector("[data-testid=hold]")).getDomAttribute("data-expires-at"))
                    .toInstant();
            Object hold = given().auth()
                    .oauth2(ADMIN_KEY)
                    .when()
                    .get("/stockout/catalogs/demo")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("holdTime");
            Duration holdTime = hold instanceof Number seconds
                    ? Duration.ofMillis((long) (seconds.doubleValue() * 1000))
                    : Duration.parse(hold.toString());
            assertThat(expiresAt).isAfter(Instant.now()).isBeforeOrEqualTo(Instant.now().plus(holdTime));
            assertThat(text(browser, "hold-expiry")).matches("\\d{1,2}:\\d{2} [AP]M [A-Z]{2,5}");
            assertThat(text(browser, "cart-line-held")).startsWith("1 ordered ahead — Arrives by ");
            assertThat(text(browser, "cart-units")).isEqualTo("1");
            browser.screenshot("storefront-cart-hold");

            browser.driver().findElement(By.cssSelector("[data-testid=place-order]")).click();
            patiently(browser).until(ExpectedConditions.urlContains("/shop/orders/"));
            orderId = text(browser, "order-id");
            WebElement line = browser.driver().findElement(By.cssSelector("[data-testid=order-backorder]"));
            String backorderId = line.getDomAttribute("data-backorder-id");
            browser.screenshot("storefront-order-placed");

            JsonPath backorders = given().auth()
                    .oauth2(ADMIN_KEY)
                    .queryParam("orderId", orderId)
                    .when()
                    .get("/stockout/catalogs/demo/backorders")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(backorders.getList("backorders.sku", String.class)).containsExactly(OUT_OF_STOCK_SKU);
            assertThat(backorders.getList("backorders.quantity", Integer.class)).containsExactly(1);
            assertThat(backorders.getList("backorders.status", String.class)).containsExactly("OPEN");
            assertThat(backorders.getList("backorders.id", Long.class)).containsExactly(Long.parseLong(backorderId));
            assertThat(text(browser, "cart-units")).isEqualTo("0");
        } finally {
            release(orderId, cartId);
        }
    }

    @Test
    void onAPhoneThePagesFitTheScreenAndWorkByKeyboard() {
        try (Browser browser = Browser.open()) {
            browser.resize(Browser.PHONE);
            browser.driver().get(url("/shop"));
            WebElement zip = browser.driver().findElement(By.id("zip"));
            assertThat(browser.driver().findElement(By.cssSelector("label[for=zip]")).getText()).isEqualTo("Your ZIP code");
            // from the page's start, the keyboard reaches the skip link, the shop's name, then the ZIP box
            browser.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB, Keys.TAB, Keys.TAB);
            assertThat(browser.driver().switchTo().activeElement()).isEqualTo(zip);
            browser.driver().switchTo().activeElement().sendKeys(ZIP, Keys.ENTER);
            patiently(browser)
                    .until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=zip-current]"),
                            "Shopping near " + ZIP));
            browser.screenshot("storefront-phone-products");

            browser.driver().get(url("/shop/products/" + OUT_OF_STOCK_SKU));
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=store]"))).isNotEmpty();
            Long overflow = (Long) browser.driver()
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
            browser.screenshot("storefront-phone-product");
            browser.driver()
                    .executeScript("arguments[0].scrollIntoView();",
                            browser.driver().findElement(By.cssSelector("[data-testid=pickup]")));
            browser.screenshot("storefront-phone-stores");
        }
    }

    @Test
    void anAddressTheShopDoesNotHaveShowsTheShopsOwnPageWithAWayBack() {
        try (Browser browser = Browser.open()) {
            browser.driver().get(url("/shop/no-such-page"));

            assertThat(text(browser, "problem-heading")).isEqualTo("Page not found");
            assertThat(browser.driver().findElement(By.cssSelector("link[rel=icon]")).getDomAttribute("href"))
                    .isEqualTo("/shop/assets/icon.svg");
            browser.screenshot("storefront-page-not-found");

            browser.driver().findElement(By.cssSelector("[data-testid=problem-back]")).click();
            patiently(browser).until(ExpectedConditions.urlToBe(url("/shop")));
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=product]"))).isNotEmpty();
        }
    }

    /** The nearest stores holding units of the SKU to sell, computed from the demo data itself, with their distances. */
    static Map<String, Double> nearestStoresWithUnits(String sku, String zip) {
        DemoSources.ZipCode shopper = DemoSources.read()
                .zipCodes()
                .stream()
                .filter(code -> code.zip().equals(zip))
                .findFirst()
                .orElseThrow();
        Map<String, StockoutLoader.Location> stores = data.locations()
                .stream()
                .filter(location -> location.kind() == LocationKind.STORE)
                .collect(Collectors.toMap(StockoutLoader.Location::code, Function.identity()));
        return data.stock()
                .stream()
                .filter(level -> level.sku().equals(sku) && stores.containsKey(level.location()))
                .filter(level -> level.onHand() - level.safetyStock() > 0)
                .map(level -> Map.entry(level.location(), kilometres(shopper.latitude(), shopper.longitude(),
                        stores.get(level.location()).latitude(), stores.get(level.location()).longitude())))
                .filter(store -> store.getValue() <= PICKUP_RADIUS_KM)
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .limit(MAX_STORES)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        LinkedHashMap::new));
    }

    /** Great-circle distance on the mean Earth radius. */
    static double kilometres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    private static JsonPath askStockout(String sku) {
        return given().contentType(ContentType.JSON)
                .body("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}")
                .when()
                .post("/stockout/catalogs/demo/availability")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}

package io.stockout.demo.browser;

import static io.restassured.RestAssured.given;
import static io.stockout.demo.browser.Shop.patiently;
import static io.stockout.demo.browser.Shop.release;
import static io.stockout.demo.browser.Shop.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What the merchant does in the console shows in the storefront, and what the shopper does in the storefront shows in
 * the console: both walked in one real headless Chromium, on the demo data. Screenshots go to
 * {@code target/screenshots/}.
 */
@QuarkusTest
class MerchantAndShopperBrowserTest {

    static final String ADMIN_KEY = "sok_demo_admin_key_for_dev_mode_only_0000";
    static final String DEMO = "demo";
    /** White Plimsolls (42): no warehouse ships it now; backorder, pickup and substitutes are offered. */
    static final String OUT_OF_STOCK_SKU = "918223585";
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.US);
    static final List<String> OFFERS = List.of("backorder", "store", "substitute", "add-to-cart");

    @TestHTTPResource("/")
    URL root;

    @TestHTTPResource("/stockout/console/")
    URL console;

    @Test
    void theMerchantSwitchesTheCatalogOffInTheConsoleAndTheStorefrontStopsOffering() {
        try (Browser browser = Browser.open()) {
            ConsolePage merchant = new ConsolePage(browser, console);
            browser.driver().get(url("/shop"));
            Shop.enterZip(browser, "72712");
            browser.driver().get(url("/shop/products/" + OUT_OF_STOCK_SKU));
            assertThat(offersShown(browser)).as("offers before the switch").containsExactlyInAnyOrderElementsOf(OFFERS);

            merchant.openSignedOut();
            merchant.signIn(ADMIN_KEY);
            merchant.click("toggle-" + DEMO);
            merchant.waitForStatus("Stockout is now off for catalog demo.");
            assertThat(merchant.text("active-" + DEMO)).isEqualTo("Off");
            browser.screenshot("cross-console-catalog-off");

            browser.driver().get(url("/shop/products/" + OUT_OF_STOCK_SKU));
            assertThat(text(browser, "product-stock")).isEqualTo("Out of stock");
            assertThat(offersShown(browser)).as("offers once the catalog is off").isEmpty();
            browser.screenshot("cross-storefront-catalog-off");
            browser.driver().get(url("/shop"));
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=product-alternatives]"))).isEmpty();

            browser.driver().get(console.toString());
            merchant.click("toggle-" + DEMO);
            merchant.waitForStatus("Stockout is now on for catalog demo.");

            browser.driver().get(url("/shop/products/" + OUT_OF_STOCK_SKU));
            assertThat(offersShown(browser)).as("offers once it is on again").containsExactlyInAnyOrderElementsOf(OFFERS);
        } finally {
            // whatever the browser did, the shared demo catalog is left on
            given().auth()
                    .oauth2(ADMIN_KEY)
                    .contentType(ContentType.JSON)
                    .body("{\"active\":true}")
                    .put("/stockout/catalogs/demo")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void aShopperOrdersAheadInTheStorefrontAndTheMerchantFindsTheBackorderInTheConsole() {
        String cartId = null;
        String orderId = null;
        try (Browser browser = Browser.open()) {
            browser.driver().get(url("/shop/products/" + OUT_OF_STOCK_SKU));
            browser.driver().findElement(By.cssSelector("[data-testid=add-to-cart]")).click();
            patiently(browser).until(ExpectedConditions.urlContains("/shop/cart"));
            cartId = browser.driver().findElement(By.cssSelector("[data-testid=cart]")).getDomAttribute("data-cart-id");
            browser.driver().findElement(By.cssSelector("[data-testid=place-order]")).click();
            patiently(browser).until(ExpectedConditions.urlContains("/shop/orders/"));
            orderId = text(browser, "order-id");
            String backorderId = browser.driver()
                    .findElement(By.cssSelector("[data-testid=order-backorder]"))
                    .getDomAttribute("data-backorder-id");
            String promised = text(browser, "order-backorder");

            ConsolePage merchant = new ConsolePage(browser, console);
            merchant.openSignedOut();
            merchant.signIn(ADMIN_KEY);
            merchant.page("backorders");
            new Select(merchant.find("bo-status")).selectByValue("OPEN");
            merchant.type("bo-order", orderId);
            merchant.clickAndWaitForPage("bo-apply");
            merchant.waitForText("bo-count", "1 backorder on this page");
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr[data-order='" + orderId + "']"));
            assertThat(rows).hasSize(1);
            WebElement row = rows.get(0);
            assertThat(row.getDomAttribute("data-backorder")).isEqualTo(backorderId);
            assertThat(row.getDomAttribute("data-sku")).isEqualTo(OUT_OF_STOCK_SKU);
            assertThat(row.getDomAttribute("data-status")).isEqualTo("OPEN");
            browser.screenshot("cross-console-lists-the-shoppers-backorder");

            merchant.click("bo-show-" + backorderId);
            merchant.waitForText("bo-detail", "order " + orderId);
            Matcher date = Pattern.compile("promised (\\d{4}-\\d{2}-\\d{2})").matcher(merchant.text("bo-detail"));
            assertThat(date.find()).as(merchant.text("bo-detail")).isTrue();
            // the shopper was told the date the merchant sees
            assertThat(promised).contains("Arrives by " + DAY.format(LocalDate.parse(date.group(1))));
            browser.screenshot("cross-console-backorder-detail");
        } finally {
            release(orderId, cartId);
        }
    }

    private static List<String> offersShown(Browser browser) {
        return OFFERS.stream()
                .filter(offer -> !browser.driver().findElements(By.cssSelector("[data-testid=" + offer + "]")).isEmpty())
                .toList();
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }
}

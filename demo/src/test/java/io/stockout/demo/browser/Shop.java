package io.stockout.demo.browser;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.UUID;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;

/** What the storefront's browser tests do on the shop's pages, and how they give back what they changed. */
final class Shop {

    private Shop() {
    }

    /** Pages wait for Stockout's answers, which take longer on a machine busy with other builds. */
    static WebDriverWait patiently(Browser browser) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(60));
    }

    static String text(Browser browser, String testId) {
        return browser.driver().findElement(By.cssSelector("[data-testid=" + testId + "]")).getText();
    }

    static void enterZip(Browser browser, String zip) {
        WebElement box = browser.driver().findElement(By.id("zip"));
        box.clear();
        box.sendKeys(zip, Keys.ENTER);
        patiently(browser)
                .until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=zip-current]"),
                        "Shopping near " + zip));
    }

    /** Cancels the order (or releases the cart never ordered), so that the catalog's backorders and holds are as before. */
    static void release(String orderId, String cartId) {
        if (orderId == null && cartId == null) {
            return;
        }
        String body = orderId != null
                ? "{\"eventId\":\"test-cancel-" + UUID.randomUUID() + "\",\"type\":\"CANCELLED\",\"orderId\":\"" + orderId
                        + "\"}"
                : "{\"eventId\":\"test-release-" + UUID.randomUUID() + "\",\"type\":\"CANCELLED\",\"orderId\":\"release-"
                        + UUID.randomUUID() + "\",\"cartId\":\"" + cartId + "\"}";
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/stockout/catalogs/demo/order-events")
                .then()
                .statusCode(200);
    }
}

package io.stockout.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The merchant console as a test drives it: its controls are found by their {@code data-testid}, and every action
 * waits until the page has answered.
 */
final class ConsolePage {

    private final Browser browser;
    private final URL address;

    ConsolePage(Browser browser, URL address) {
        this.browser = browser;
        this.address = address;
    }

    static By testid(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Opens the console afresh, signed out: the key of a test before is forgotten. */
    void openSignedOut() {
        // a page of the console's origin that does not sign in by itself
        driver().get(address.toString() + "no-such-page");
        ((JavascriptExecutor) driver()).executeScript("sessionStorage.clear()");
        driver().get(address.toString());
    }

    WebDriver driver() {
        return browser.driver();
    }

    WebElement find(String id) {
        return driver().findElement(testid(id));
    }

    WebElement waitFor(String id) {
        return browser.waiting().until(ExpectedConditions.presenceOfElementLocated(testid(id)));
    }

    String text(String id) {
        return waitFor(id).getText().trim();
    }

    void click(String id) {
        browser.waiting().until(ExpectedConditions.elementToBeClickable(testid(id))).click();
    }

    /** Clicks a control that shows the page again, and waits until it has. */
    void clickAndWaitForPage(String id) {
        String before = driver().findElement(By.id("page")).getAttribute("data-renders");
        click(id);
        browser.waiting().until(d -> !String.valueOf(before).equals(d.findElement(By.id("page")).getAttribute("data-renders")));
    }

    void type(String id, String value) {
        WebElement input = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(testid(id)));
        input.clear();
        input.sendKeys(value);
    }

    void waitForStatus(String start) {
        browser.waiting().until(d -> d.findElement(testid("status")).getText().startsWith(start));
        assertThat(find("error").isDisplayed()).as(find("error").getText()).isFalse();
    }

    void waitForText(String id, String part) {
        // the page may be shown again between finding the element and reading it: then it is found again
        browser.waiting()
                .ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElements(testid(id)).isEmpty() && d.findElement(testid(id)).getText().contains(part));
    }

    void signIn(String key) {
        try {
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(testid("key-input")));
        } catch (RuntimeException e) {
            throw new AssertionError("no sign-in form: " + ((JavascriptExecutor) driver()).executeScript(
                    "return JSON.stringify({ready: document.readyState, chart: typeof window.Chart,"
                            + " signInHidden: document.getElementById('sign-in').hidden,"
                            + " error: document.getElementById('error').textContent,"
                            + " status: document.getElementById('status').textContent,"
                            + " page: document.getElementById('page').dataset.page, url: location.href,"
                            + " key: sessionStorage.getItem('stockout.console.key') !== null,"
                            + " files: performance.getEntriesByType('resource').map(r => r.name + ' ' + r.responseStatus)})"),
                    e);
        }
        type("key-input", key);
        click("sign-in");
        waitFor("page-catalogs");
    }

    void page(String name) {
        click("nav-" + name);
        waitFor("page-" + name);
    }
}

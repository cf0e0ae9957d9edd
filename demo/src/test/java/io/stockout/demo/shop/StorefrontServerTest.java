package io.stockout.demo.shop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.stockout.demo.DemoData;
import io.stockout.demo.DemoSources;
import io.stockout.demo.shop.StockoutAnswers.Availability;
import io.stockout.demo.shop.StockoutClient.RequestLine;

/**
 * The storefront's server side, without a browser: its forms, its refusals, its headers and its webhook requests.
 */
@QuarkusTest
class StorefrontServerTest {

    static final String ADMIN_KEY = "sok_demo_admin_key_for_dev_mode_only_0000";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @TestHTTPResource("/")
    URL root;

    @Inject
    ShopSessions sessions;

    /** A shopper's session: its cookie and the token its forms carry. */
    record Shopper(String cookie, String csrf) {
    }

    static Shopper shopper() {
        Response page = given().when().get("/shop/cart").then().statusCode(200).extract().response();
        Matcher token = CSRF.matcher(page.asString());
        assertThat(token.find()).as("the page carries a CSRF token").isTrue();
        return new Shopper(page.getCookie(ShopSessions.COOKIE), token.group(1));
    }

    @Test
    void theDemoOpensOnTheStorefront() {
        given().redirects()
                .follow(false)
                .when()
                .get("/")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/shop"));
    }

    @Test
    void theProductListShowsEveryProductOfTheShopsCatalogWithItsStock() {
        String page = given().when()
                .get("/shop")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("form-action 'self'"))
                .extract()
                .asString();

        assertThat(Pattern.compile("data-testid=\"product\" ").matcher(page).results().count())
                .isEqualTo(new ShopCatalog().products().size());
        assertThat(page).contains("data-stock=\"in-stock\"", "data-stock=\"out-of-stock\"").doesNotContain("unknown\"");
    }

    @Test
    void aFormWithoutTheSessionsTokenChangesNothing() {
        Shopper shopper = shopper();

        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .contentType(ContentType.URLENC)
                .formParam("zip", "72712")
                .formParam("csrf-token", "forged")
                .when()
                .post("/shop/zip")
                .then()
                .statusCode(403);
        given().contentType(ContentType.URLENC)
                .formParam("zip", "72712")
                .formParam("csrf-token", shopper.csrf())
                .when()
                .post("/shop/zip")
                .then()
                .statusCode(403);

        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .when()
                .get("/shop")
                .then()
                .statusCode(200)
                .body(not(containsString("data-testid=\"zip-current\"")));
    }

    @Test
    void aZipCodeThatIsNotOneIsRefusedAndTheRememberedOneStays() {
        Shopper shopper = shopper();
        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .contentType(ContentType.URLENC)
                .formParam("zip", "72712")
                .formParam("csrf-token", shopper.csrf())
                .formParam("return-to", "/shop/cart")
                .redirects()
                .follow(false)
                .when()
                .post("/shop/zip")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/shop/cart"));

        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .contentType(ContentType.URLENC)
                .formParam("zip", "7271<script>")
                .formParam("csrf-token", shopper.csrf())
                .when()
                .post("/shop/zip")
                .then()
                .statusCode(400)
                .body(containsString("A ZIP code is five digits"))
                .body(not(containsString("<script>")));

        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .when()
                .get("/shop")
                .then()
                .statusCode(200)
                .body(containsString("Shopping near 72712"));
    }

    @Test
    void aFormMayOnlySendTheShopperBackIntoTheShop() {
        Shopper shopper = shopper();
        // another site, and paths that a browser resolves to outside the shop
        for (String elsewhere : List.of("//elsewhere.example/shop", "/shop/../stockout/elsewhere",
                "/shop/%2e%2e/stockout/elsewhere", "/shop/./../stockout/elsewhere")) {
            given().cookie(ShopSessions.COOKIE, shopper.cookie())
                    .contentType(ContentType.URLENC)
                    .formParam("zip", "72712")
                    .formParam("csrf-token", shopper.csrf())
                    .formParam("return-to", elsewhere)
                    .redirects()
                    .follow(false)
                    .when()
                    .post("/shop/zip")
                    .then()
                    .statusCode(303)
                    .header("Location", endsWith("/shop"))
                    .header("Location", not(containsString("elsewhere")));
        }
    }

    @Test
    void badCartInputIsRefusedAndTheCartStaysEmpty() {
        Shopper shopper = shopper();
        for (List<String> form : List.of(List.of("918223585", "0", ""), List.of("918223585", "11", ""),
                List.of("918223585", "two", ""), List.of("no-such-product", "1", ""),
                List.of("918223585", "1", "../../admin"))) {
            given().cookie(ShopSessions.COOKIE, shopper.cookie())
                    .contentType(ContentType.URLENC)
                    .formParam("sku", form.get(0))
                    .formParam("quantity", form.get(1))
                    .formParam("pickup-store", form.get(2))
                    .formParam("csrf-token", shopper.csrf())
                    .when()
                    .post("/shop/cart/lines")
                    .then()
                    .statusCode(400);
        }
        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .when()
                .get("/shop/cart")
                .then()
                .statusCode(200)
                .body(containsString("data-testid=\"cart-empty\""));
    }

    @Test
    void anEmptyCartPlacesNoOrder() {
        Shopper shopper = shopper();
        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .contentType(ContentType.URLENC)
                .formParam("csrf-token", shopper.csrf())
                .when()
                .post("/shop/cart/order")
                .then()
                .statusCode(400)
                .body(containsString("No order was placed"));
    }

    @Test
    void aFormThatCannotBeReadIsRefusedOnTheShopsPageAndChangesNothing() {
        Shopper shopper = shopper();
        // "%zz" is no escape: the form cannot be decoded at all
        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .contentType(ContentType.URLENC)
                .body("zip=%zz&csrf-token=" + shopper.csrf())
                .when()
                .post("/shop/zip")
                .then()
                .statusCode(400)
                .contentType(ContentType.HTML)
                .body(containsString("That request could not be read"))
                .body(containsString("data-testid=\"zip-form\""))
                .body(containsString("href=\"/shop\" data-testid=\"problem-back\""));
        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .contentType(ContentType.URLENC)
                .body("sku=918223585&quantity=1&pickup-store=%zz&csrf-token=" + shopper.csrf())
                .when()
                .post("/shop/cart/lines")
                .then()
                .statusCode(400)
                .contentType(ContentType.HTML)
                .body(containsString("That request could not be read"));

        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .when()
                .get("/shop/cart")
                .then()
                .statusCode(200)
                .body(containsString("data-testid=\"cart-empty\""))
                .body(not(containsString("data-testid=\"zip-current\"")));
    }

    @Test
    void theFrameworksRefusalsUnderTheShopAreTheShopsPagesAndStockoutsStayProblems() {
        shopPage(given().when().get("/shop/no-such-page"), 404);
        shopPage(given().when().get("/shop/products/918223585/more"), 404);
        shopPage(given().when().delete("/shop/cart"), 405);
        shopPage(given().when().get("/shop/zip"), 405);
        shopPage(given().contentType(ContentType.JSON).body("{\"zip\":\"72712\"}").when().post("/shop/zip"), 415);

        given().when()
                .delete("/stockout/catalogs/demo/availability")
                .then()
                .statusCode(405)
                .contentType("application/problem+json");
        given().contentType(ContentType.TEXT)
                .body("lines")
                .when()
                .post("/stockout/catalogs/demo/availability")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    /** The shop's own page for a refusal: its layout, the status's words and a way back to the products. */
    private static void shopPage(Response response, int status) {
        response.then()
                .statusCode(status)
                .contentType(ContentType.HTML)
                .body(containsString("data-testid=\"problem-heading\""))
                .body(containsString("data-testid=\"zip-form\""))
                .body(containsString("href=\"/shop\" data-testid=\"problem-back\""));
    }

    @Test
    void thePagesNameTheirIconAndTheShopServesIt() {
        Response page = given().when().get("/shop").then().statusCode(200).extract().response();
        Matcher icon = Pattern.compile("<link rel=\"icon\" href=\"(/shop/[^\"]+\\.svg)\" type=\"image/svg\\+xml\">")
                .matcher(page.asString());
        assertThat(icon.find()).as("the layout names an SVG icon served by the shop").isTrue();
        assertThat(page.header("Content-Security-Policy")).contains("img-src 'self'");

        given().when()
                .get(icon.group(1))
                .then()
                .statusCode(200)
                .contentType("image/svg+xml")
                .body(containsString("<svg"));
    }

    @Test
    void aStoreThatWasNotOfferedIsRefusedAndTheCartStaysEmpty() {
        Shopper shopper = shopper();
        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .contentType(ContentType.URLENC)
                .formParam("zip", "72712")
                .formParam("csrf-token", shopper.csrf())
                .redirects()
                .follow(false)
                .when()
                .post("/shop/zip")
                .then()
                .statusCode(303);
        String product = given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .when()
                .get("/shop/products/918223585")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> offered = Pattern.compile("data-testid=\"store\" data-location=\"([^\"]+)\"")
                .matcher(product)
                .results()
                .map(store -> store.group(1))
                .toList();
        assertThat(offered).as("stores near 72712 are offered").isNotEmpty();
        // a real store far from 72712, and a code that names no store
        String farAway = DemoSources.readStores()
                .stream()
                .filter(store -> store.state().equals("CA"))
                .map(store -> DemoData.STORE_PREFIX + store.id())
                .findFirst()
                .orElseThrow();

        for (String store : List.of(farAway, DemoData.STORE_PREFIX + "0")) {
            given().cookie(ShopSessions.COOKIE, shopper.cookie())
                    .contentType(ContentType.URLENC)
                    .formParam("sku", "918223585")
                    .formParam("quantity", "1")
                    .formParam("pickup-store", store)
                    .formParam("csrf-token", shopper.csrf())
                    .redirects()
                    .follow(false)
                    .when()
                    .post("/shop/cart/lines")
                    .then()
                    .statusCode(400)
                    .contentType(ContentType.HTML)
                    .body(containsString("not offered"));
        }

        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .when()
                .get("/shop/cart")
                .then()
                .statusCode(200)
                .body(containsString("data-testid=\"cart-empty\""))
                .body(containsString("data-testid=\"cart-units\">0<"));
    }

    @Test
    void readingPagesKeepsNoSessionOnlyAnActionStartsOne() {
        int kept = sessions.count();
        for (String path : List.of("/shop", "/shop/products/918223585", "/shop/cart", "/shop/orders/order-unknown",
                "/shop/no-such-page")) {
            given().when().get(path).then().statusCode(anyOf(is(200), is(404)));
        }
        given().contentType(ContentType.URLENC)
                .formParam("zip", "72712")
                .formParam("csrf-token", "forged")
                .when()
                .post("/shop/zip")
                .then()
                .statusCode(403);
        Shopper shopper = shopper();
        assertThat(sessions.count()).as("pages read without a session cookie keep no session").isEqualTo(kept);

        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .contentType(ContentType.URLENC)
                .formParam("zip", "72712")
                .formParam("csrf-token", shopper.csrf())
                .redirects()
                .follow(false)
                .when()
                .post("/shop/zip")
                .then()
                .statusCode(303);
        assertThat(sessions.count()).as("setting a ZIP code starts the session").isEqualTo(kept + 1);
        given().cookie(ShopSessions.COOKIE, shopper.cookie())
                .when()
                .get("/shop")
                .then()
                .statusCode(200)
                .body(containsString("Shopping near 72712"));
    }

    @Test
    void unknownProductsAndOrdersAreNotFound() {
        given().when().get("/shop/products/no-such-product").then().statusCode(404);
        given().when().get("/shop/orders/order-unknown").then().statusCode(404);
    }

    @Test
    void pagesHoldNoSecretAndNoKey() {
        for (String path : List.of("/shop", "/shop/products/918223585", "/shop/cart")) {
            given().when()
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body(not(containsString("sok_")))
                    .body(not(containsString("whsec_")))
                    .body(not(containsString("/stockout/catalogs")));
        }
    }

    @Test
    void requestsAreSignedWithTheCatalogsSecretWhenOneIsSet() {
        String catalog = "shop-signed-test";
        given().auth()
                .oauth2(ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Signed storefront test\",\"active\":true,\"country\":\"US\","
                        + "\"timeZone\":\"America/Chicago\"}")
                .when()
                .put("/stockout/catalogs/" + catalog)
                .then()
                .statusCode(200);
        String secret = given().auth()
                .oauth2(ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .put("/stockout/catalogs/" + catalog + "/webhook-secrets/stockout")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        URI stockout = URI.create(root.toString());
        List<RequestLine> lines = List.of(new RequestLine("any-sku", 1, null));

        Availability signed = new StockoutClient(catalog, Optional.of(secret), Duration.ofSeconds(30), Clock.systemUTC())
                .availability(stockout, lines, null);
        StockoutClient unsigned = new StockoutClient(catalog, Optional.empty(), Duration.ofSeconds(30), Clock.systemUTC());

        assertThat(signed.lines()).singleElement().satisfies(line -> assertThat(line.status()).isEqualTo("UNKNOWN_SKU"));
        assertThatThrownBy(() -> unsigned.availability(stockout, lines, null))
                .isInstanceOfSatisfying(StockoutException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(401);
                    assertThat(refused.problemType()).isEqualTo("invalid-signature");
                    assertThat(refused.shopperMessage()).startsWith("The shop's stock service refused this");
                });
    }

    @Test
    void storesAreAskedForOnlyWhereAStoreCouldBeOffered() {
        String list = given().when().get("/shop").then().statusCode(200).extract().asString();
        Matcher inStock = Pattern.compile("data-testid=\"product\" data-sku=\"([^\"]+)\" data-stock=\"in-stock\"")
                .matcher(list);
        assertThat(inStock.find()).as("the demo has a product in stock").isTrue();

        // a product that ships now offers no store, so the page asks for no ZIP code to find one
        given().when()
                .get("/shop/products/" + inStock.group(1))
                .then()
                .statusCode(200)
                .body(containsString("data-stock=\"in-stock\""))
                .body(not(containsString("data-testid=\"pickup\"")));
        given().when()
                .get("/shop/products/918223585")
                .then()
                .statusCode(200)
                .body(containsString("data-testid=\"stores-hint\""));

        // with Stockout off for the catalog, nothing is offered: no stores either
        switchCatalog(false);
        try {
            given().when()
                    .get("/shop/products/918223585")
                    .then()
                    .statusCode(200)
                    .body(containsString("data-stock=\"out-of-stock\""))
                    .body(not(containsString("data-testid=\"backorder\"")))
                    .body(not(containsString("data-testid=\"pickup\"")));
        } finally {
            switchCatalog(true);
        }

        // with pickup not among the catalog's offers, the backorder stays and no ZIP code is asked for
        List<String> offerKinds = given().auth()
                .oauth2(ADMIN_KEY)
                .get("/stockout/catalogs/demo")
                .then()
                .statusCode(200)
                .extract()
                .path("offerKinds");
        setOfferKinds(List.of("BACKORDER", "SUBSTITUTE"));
        try {
            given().when()
                    .get("/shop/products/918223585")
                    .then()
                    .statusCode(200)
                    .body(containsString("data-testid=\"backorder\""))
                    .body(not(containsString("data-testid=\"pickup\"")))
                    .body(not(containsString("data-testid=\"stores-hint\"")));
        } finally {
            setOfferKinds(offerKinds);
        }
    }

    private static void setOfferKinds(List<String> kinds) {
        given().auth()
                .oauth2(ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body(Map.of("offerKinds", kinds))
                .put("/stockout/catalogs/demo")
                .then()
                .statusCode(200);
    }

    @Test
    void aCartWhoseHoldEndedSaysSoAndAnOrderOfItGetsNothing() throws InterruptedException {
        String holdTime = given().auth()
                .oauth2(ADMIN_KEY)
                .when()
                .get("/stockout/catalogs/demo")
                .then()
                .statusCode(200)
                .extract()
                .path("holdTime")
                .toString();
        setHoldTime("PT1S");
        try {
            Shopper shopper = shopper();
            given().cookie(ShopSessions.COOKIE, shopper.cookie())
                    .contentType(ContentType.URLENC)
                    .formParam("sku", "918223585")
                    .formParam("quantity", "1")
                    .formParam("csrf-token", shopper.csrf())
                    .redirects()
                    .follow(false)
                    .when()
                    .post("/shop/cart/lines")
                    .then()
                    .statusCode(303);

            // the hold lasts a second: the cart page says so once it has ended, and offers no order of nothing
            String cart = "";
            for (int tries = 0; tries < 100 && !cart.contains("data-testid=\"hold-lapsed\""); tries++) {
                Thread.sleep(200);
                cart = given().cookie(ShopSessions.COOKIE, shopper.cookie()).when().get("/shop/cart").asString();
            }
            assertThat(cart).contains("data-testid=\"hold-lapsed\"", "no longer kept for you")
                    .doesNotContain("data-testid=\"hold\"", "data-testid=\"place-order\"");

            // an order sent anyway (a page loaded before the hold ended) is not thanked for as if it got something
            String placed = given().cookie(ShopSessions.COOKIE, shopper.cookie())
                    .contentType(ContentType.URLENC)
                    .formParam("csrf-token", shopper.csrf())
                    .redirects()
                    .follow(false)
                    .when()
                    .post("/shop/cart/order")
                    .then()
                    .statusCode(303)
                    .extract()
                    .header("Location");
            String order = given().cookie(ShopSessions.COOKIE, shopper.cookie())
                    .when()
                    .get(URI.create(placed).getPath())
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(order).contains("Nothing could be ordered", "data-testid=\"order-lost\"")
                    .doesNotContain("Thank you", "data-testid=\"order-backorder\"");
        } finally {
            setHoldTime(holdTime);
        }
    }

    private static void setHoldTime(String holdTime) {
        given().auth()
                .oauth2(ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body("{\"holdTime\": \"" + holdTime + "\"}")
                .when()
                .put("/stockout/catalogs/demo")
                .then()
                .statusCode(200);
    }

    private static void switchCatalog(boolean active) {
        given().auth()
                .oauth2(ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body("{\"active\": " + active + "}")
                .when()
                .put("/stockout/catalogs/demo")
                .then()
                .statusCode(200);
    }

    @Test
    void aStockServiceThatCannotBeReachedIsSaidSo() {
        StockoutClient client = new StockoutClient("demo", Optional.empty(), Duration.ofSeconds(2), Clock.systemUTC());

        // port 9 (discard) is not served here: the connection is refused
        assertThatThrownBy(() -> client.availability(URI.create("http://127.0.0.1:9"), List.of(new RequestLine("x", 1,
                null)), null))
                .isInstanceOfSatisfying(StockoutException.class, refused -> {
                    assertThat(refused.status()).isZero();
                    assertThat(refused.shopperMessage()).contains("cannot be reached");
                });
    }
}

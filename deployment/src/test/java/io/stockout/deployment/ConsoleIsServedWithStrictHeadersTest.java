package io.stockout.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The merchant console is served under {@code /stockout/console/} by default, from the extension's jar, Chart.js
 * included, each answer with a strict content security policy and no sniffing, referrer or framing; files are
 * revalidated by their entity tag. Nothing else of the console's folder, and no {@code /webjars} path, is served.
 */
class ConsoleIsServedWithStrictHeadersTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .withConfigurationResource("application.properties");

    @Test
    void theConsolePathLeadsToItsFolder() {
        given().redirects()
                .follow(false)
                .get("/stockout/console")
                .then()
                .statusCode(302)
                .header("Location", "/stockout/console/");
    }

    @Test
    void thePageCarriesAStrictPolicyAndNamesTheApi() {
        Response page = given().get("/stockout/console/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertSecured(page);
        assertThat(page.asString()).contains("<meta name=\"stockout-api\" content=\"/stockout/\">")
                .contains("src=\"console.js\"")
                .doesNotContain("<script>")
                .doesNotContain("style=");
    }

    @Test
    void scriptsStylesAndChartsAreServedWithTheSameHeaders() {
        for (String file : new String[]{"console.js", "api.js", "view.js", "pages.js", "charts.js"}) {
            Response script = given().get("/stockout/console/" + file);
            assertThat(script.statusCode()).as(file).isEqualTo(200);
            assertThat(script.contentType()).as(file).startsWith("text/javascript");
            assertSecured(script);
        }
        Response styles = given().get("/stockout/console/console.css");
        assertThat(styles.contentType()).startsWith("text/css");
        assertSecured(styles);

        Response chart = given().get("/stockout/console/chartjs-chart.umd.js");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.asString()).startsWith("/*!\n * Chart.js v4.").contains("window.Chart");
        assertSecured(chart);
    }

    @Test
    void anUnchangedFileIsNotSentAgain() {
        String etag = given().get("/stockout/console/pages.js").then().statusCode(200).extract().header("ETag");
        assertThat(etag).isNotBlank();

        Response again = given().header("If-None-Match", etag).get("/stockout/console/pages.js");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.asString()).isEmpty();
        assertThat(again.header("Content-Security-Policy")).isNotBlank();
    }

    @Test
    void onlyTheConsolesFilesAreServed() {
        given().get("/stockout/console/missing.js").then().statusCode(404);
        given().get("/stockout/console/chartjs-LICENSE.md").then().statusCode(404);
        given().get("/stockout/console/sub/index.html").then().statusCode(404);
        given().get("/webjars/chart.js/4.4.9/dist/chart.umd.js").then().statusCode(404);
        given().get("/META-INF/stockout-console/index.html").then().statusCode(404);
    }

    @Test
    void theConsoleOnlyAnswersReads() {
        Response post = given().contentType("application/x-www-form-urlencoded").body("a=b").post("/stockout/console/");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    }

    static void assertSecured(Response response) {
        String policy = response.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'")
                .contains("script-src 'self'")
                .contains("style-src 'self'")
                .contains("connect-src 'self'")
                .contains("frame-ancestors 'none'")
                .contains("base-uri 'none'")
                .contains("form-action 'self'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
    }
}

package io.stockout.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Sends the request that the README shows, taken from the README itself, to the demo loaded at start.
 */
@QuarkusTest
class ReadmeRequestTest {

    private static final Pattern CURL_BODY = Pattern.compile("/stockout/catalogs/demo/availability.*?-d '([^']+)'",
            Pattern.DOTALL);

    static String readmeRequest;

    @BeforeAll
    static void readReadme() throws IOException {
        Matcher curl = CURL_BODY.matcher(Files.readString(Path.of("README.md")));
        assertThat(curl.find()).as("the README shows a curl to the availability webhook").isTrue();
        readmeRequest = curl.group(1);
    }

    @Test
    void theReadmeRequestIsOfferedABackorderAPickupAndASubstitute() {
        JsonPath answer = ask();

        List<String> kinds = answer.getList("lines.offers.flatten().kind", String.class);
        assertThat(kinds).contains("BACKORDER", "PICKUP", "SUBSTITUTE");
        assertThat(answer.getList("lines.status", String.class)).contains("OUT_OF_STOCK");
        assertThat(answer.getBoolean("shopper.located")).isTrue();
    }

    @Test
    void closedStoresAreNeverOffered() throws IOException {
        JsonPath answer = ask();

        List<String> offeredStores = answer.getList("lines.offers.flatten().findAll { it.kind == 'PICKUP' }.location",
                String.class);
        List<String> pickupStores = answer.getList("pickupStores.location", String.class);
        assertThat(offeredStores).isNotEmpty().allSatisfy(code -> assertThat(code).startsWith(DemoData.STORE_PREFIX));
        assertThat(offeredStores).doesNotContainAnyElementsOf(DemoDataTest.closedStoreCodes());
        assertThat(pickupStores).isNotEmpty().doesNotContainAnyElementsOf(DemoDataTest.closedStoreCodes());
    }

    private static JsonPath ask() {
        return given().contentType(ContentType.JSON)
                .body(readmeRequest)
                .when()
                .post("/stockout/catalogs/demo/availability")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}

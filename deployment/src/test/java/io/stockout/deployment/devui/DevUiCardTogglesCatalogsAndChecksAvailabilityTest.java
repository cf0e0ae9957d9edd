package io.stockout.deployment.devui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.specification.RequestSpecification;

/**
 * In dev mode, Stockout's Dev UI card links to the console at its configured path, lists the catalogs, checks
 * availability with the answer the webhook gives (refusals included), and switches a catalog off the way the
 * administration API does: audited as the Dev UI, and seen at once by the API and by the webhook.
 * <p>
 * One scenario in one test: each dev-mode application costs a full start.
 */
public class DevUiCardTogglesCatalogsAndChecksAvailabilityTest extends DevUIJsonRPCTest {

    private static final String ADMIN = "Bearer sok_deployment_tests_bootstrap_key_0123456789";
    private static final int PORT = freePort();
    private static final String URL = "http://127.0.0.1:" + PORT;
    private static final String PROBLEMS = "https://stockout.io/problems/";

    @RegisterExtension
    static final QuarkusDevModeTest app = new QuarkusDevModeTest()
            .withApplicationRoot(root -> root.addAsResource(new StringAsset("""
                    quarkus.http.host=127.0.0.1
                    quarkus.http.port=%d
                    quarkus.devservices.enabled=false
                    quarkus.log.category."io.zonky".level=WARN
                    quarkus.stockout.admin.bootstrap-key=sok_deployment_tests_bootstrap_key_0123456789
                    quarkus.stockout.webhooks.unsigned-catalogs=devui
                    quarkus.stockout.webhooks.deadline=30s
                    quarkus.stockout.console.path=/shop-console
                    """.formatted(PORT)), "application.properties"));

    private final ObjectMapper mapper = new ObjectMapper();

    public DevUiCardTogglesCatalogsAndChecksAvailabilityTest() {
        super("quarkus-stockout", URL);
    }

    @Test
    void theCardTogglesACatalogAsTheApiDoesAndChecksAvailabilityAsTheWebhookDoes() throws Exception {
        catalog("devui");
        admin().body("{\"active\":false}").put("/stockout/catalogs/devui-listed-off").then().statusCode(200);
        String request = "{\"lines\":[{\"sku\":\"SHOE-42\",\"quantity\":3}]}";

        // the card links to the console where it is configured, and to no OpenAPI document: this application has none
        String links = given().baseUri(URL)
                .get("/q/dev-ui/quarkus-stockout-data.js")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(links).contains("export const consoleUrl = \"/shop-console\";").doesNotContain("openApiUrl");

        // the catalogs, with their toggles
        JsonNode catalogs = executeJsonRPCMethod("catalogs");
        assertThat(find(catalogs, "devui").path("active").asBoolean()).isTrue();
        assertThat(find(catalogs, "devui").path("offerKinds").toString()).isEqualTo("[\"SUBSTITUTE\"]");
        assertThat(find(catalogs, "devui-listed-off").path("active").asBoolean()).isFalse();

        // the availability form gets the webhook's answer
        JsonNode answer = executeJsonRPCMethod("availability", Map.of("catalog", "devui", "request", request));
        assertThat(answer.path("status").asInt()).isEqualTo(200);
        JsonNode line = answer.path("body").path("lines").path(0);
        assertThat(line.path("status").asText()).isEqualTo("PARTIAL");
        assertThat(line.path("shipNow").asInt()).isEqualTo(1);
        assertThat(line.path("offers").path(1).path("kind").asText()).isEqualTo("SUBSTITUTE");
        assertThat(line.path("offers").path(1).path("sku").asText()).isEqualTo("SHOE-43");
        assertThat(withoutTime(answer.path("body"))).isEqualTo(withoutTime(webhook("devui", request)));

        // and its refusals
        JsonNode invalid = executeJsonRPCMethod("availability",
                Map.of("catalog", "devui", "request", "{\"lines\":[{\"sku\":\"SHOE-42\",\"quantity\":0}]}"));
        assertThat(invalid.path("status").asInt()).isEqualTo(400);
        assertThat(invalid.path("body").path("type").asText()).isEqualTo(PROBLEMS + "invalid-request");
        assertThat(invalid.path("body").path("field").asText()).isEqualTo("lines[0].quantity");
        JsonNode malformed = executeJsonRPCMethod("availability", Map.of("catalog", "devui", "request", "{\"lines\":"));
        assertThat(malformed.path("status").asInt()).isEqualTo(400);
        assertThat(malformed.path("body").path("type").asText()).isEqualTo(PROBLEMS + "malformed-body");

        // a toggle switches the catalog off for the API, the audit trail and the webhook
        JsonNode toggled = executeJsonRPCMethod("toggle", Map.of("catalog", "devui", "active", false));
        assertThat(toggled.path("status").asInt()).isEqualTo(200);
        assertThat(toggled.path("body").path("active").asBoolean()).isFalse();
        admin().get("/stockout/catalogs/devui").then().statusCode(200).body("active", equalTo(false));
        JsonNode audit = mapper.readTree(admin().get("/stockout/catalogs/devui/audit?entity=catalog")
                .then()
                .statusCode(200)
                .extract()
                .asString()).path("entries");
        JsonNode last = audit.path(audit.size() - 1);
        assertThat(last.path("actor").asText()).isEqualTo("dev-ui");
        assertThat(last.path("before").path("active").asBoolean()).isTrue();
        assertThat(last.path("after").path("active").asBoolean()).isFalse();
        JsonNode off = webhook("devui", request);
        assertThat(off.path("active").asBoolean()).isFalse();
        assertThat(off.path("lines").path(0).path("offers").size()).isEqualTo(1);
        assertThat(off.path("lines").path(0).path("offers").path(0).path("kind").asText()).isEqualTo("SHIP_NOW");

        // an unknown catalog is refused, not created
        JsonNode unknown = executeJsonRPCMethod("toggle", Map.of("catalog", "devui-nowhere", "active", true));
        assertThat(unknown.path("status").asInt()).isEqualTo(404);
        assertThat(unknown.path("body").path("type").asText()).isEqualTo(PROBLEMS + "unknown-catalog");
        admin().get("/stockout/catalogs/devui-nowhere").then().statusCode(404);
    }

    /** A catalog offering substitutes, where one unit of SHOE-42 ships now and SHOE-43 stands in for the rest. */
    private static void catalog(String catalog) {
        String path = "/stockout/catalogs/" + catalog;
        admin().body("{\"offerKinds\":[\"SUBSTITUTE\"]}").put(path).then().statusCode(200);
        admin().body("[{\"sku\":\"SHOE-42\",\"price\":50,\"policy\":\"SUBSTITUTE\"},{\"sku\":\"SHOE-43\",\"price\":50}]")
                .post(path + "/skus")
                .then()
                .statusCode(200);
        admin().body("[{\"code\":\"W1\",\"kind\":\"WAREHOUSE\"}]").post(path + "/locations").then().statusCode(200);
        admin().body("[{\"sku\":\"SHOE-42\",\"location\":\"W1\",\"onHand\":1},"
                + "{\"sku\":\"SHOE-43\",\"location\":\"W1\",\"onHand\":9}]").post(path + "/stock").then().statusCode(200);
        admin().body("[{\"sku\":\"SHOE-42\",\"substitute\":\"SHOE-43\"}]")
                .post(path + "/substitutes")
                .then()
                .statusCode(200);
    }

    private JsonNode webhook(String catalog, String request) throws IOException {
        return mapper.readTree(given().baseUri(URL)
                .contentType("application/json")
                .body(request)
                .post("/stockout/catalogs/" + catalog + "/availability")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static RequestSpecification admin() {
        return given().baseUri(URL).header("Authorization", ADMIN).contentType("application/json");
    }

    private static JsonNode find(JsonNode catalogs, String id) {
        for (JsonNode catalog : catalogs) {
            if (catalog.path("id").asText().equals(id)) {
                return catalog;
            }
        }
        throw new AssertionError("No catalog " + id + " in " + catalogs);
    }

    private static JsonNode withoutTime(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("checkedAt");
        return copy;
    }

    /**
     * A free port on the loopback interface, kept in a system property: JUnit and Quarkus each load this class, and both
     * must see the same port.
     */
    private static int freePort() {
        String kept = System.getProperty("stockout.devui-test.port");
        if (kept != null) {
            return Integer.parseInt(kept);
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.setProperty("stockout.devui-test.port", Integer.toString(socket.getLocalPort()));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

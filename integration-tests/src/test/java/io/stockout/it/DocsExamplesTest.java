package io.stockout.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The documentation's examples are real: every JSON example parses, the getting-started commands run as written, and
 * the flow requests the pages show are accepted, in order, by a running Stockout (signed and keyed by the tests'
 * filters, as a storefront and an operator would).
 */
@QuarkusTest
class DocsExamplesTest {

    private static final Path PAGES = Path.of("..", "docs", "modules", "ROOT", "pages");
    /** A source block's header and its body, up to the closing delimiter. */
    private static final Pattern BLOCK = Pattern.compile("^\\[source(#[\\w-]+)?,(\\w+)\\]\\n-{4}\\n(.*?)\\n-{4}$",
            Pattern.MULTILINE | Pattern.DOTALL);
    /** One curl command of a shell block, its continuation lines included. */
    private static final Pattern CURL = Pattern.compile("^curl (?:[^\\n]*\\\\\\n)*[^\\n]*$", Pattern.MULTILINE);
    private static final Pattern METHOD = Pattern.compile("-X (\\w+)");
    private static final Pattern URL = Pattern.compile("localhost:8080(/\\S+)");
    private static final Pattern BODY = Pattern.compile("-d '([^']*)'");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyJsonExampleIsJson() throws IOException {
        List<Block> json = blocks().stream().filter(block -> block.language().equals("json")).toList();

        assertThat(json).hasSizeGreaterThan(20);
        for (Block block : json) {
            String text = unabridged(block.text());
            assertThat(parses(text)).as("the JSON example of %s: %s", block.page(), block.text()).isTrue();
        }
    }

    @Test
    void theGettingStartedCommandsAndTheFlowRequestsRunAsWritten() throws IOException {
        List<String> curls = curls(Files.readString(PAGES.resolve("getting-started.adoc")));
        assertThat(curls).hasSize(5);
        for (String curl : curls) {
            Response response = run(curl);
            assertThat(response.statusCode()).as("%s answered %s", curl, response.asString()).isEqualTo(200);
            if (curl.contains("stockout/catalogs/shop -H")) {
                // the storefront's webhooks are signed with the catalog's secret; the tests' filter signs them
                given().contentType(ContentType.JSON)
                        .body("{\"secret\":\"" + Signing.secretFor("shop") + "\"}")
                        .put("/stockout/catalogs/shop/webhook-secrets/stockout")
                        .then()
                        .statusCode(200);
            }
        }
        JsonPath asked = run(curls.get(curls.size() - 1)).jsonPath();
        assertThat(asked.getString("lines[0].sku")).isEqualTo("tee-m");
        assertThat(asked.getInt("lines[0].requested")).isEqualTo(2);

        List<Block> requests = blocks().stream().filter(block -> block.id().startsWith("request-")).toList();
        assertThat(requests).extracting(Block::id)
                .contains("request-availability", "request-cart-c-1", "request-order-event", "request-cart-c-2");
        for (Block request : requests) {
            Response response = given().contentType(ContentType.JSON)
                    .body(request.text())
                    .post("/stockout/catalogs/shop/" + endpoint(request.id()));
            assertThat(response.statusCode()).as("the request %s of %s answered %s", request.id(), request.page(),
                    response.asString()).isEqualTo(200);
        }
    }

    /** Where a request block goes, from its id: {@code request-availability...}, {@code request-cart-<cart id>}... */
    private static String endpoint(String id) {
        if (id.startsWith("request-availability")) {
            return "availability";
        }
        if (id.startsWith("request-cart-")) {
            return "carts/" + id.substring("request-cart-".length());
        }
        if (id.equals("request-order-event")) {
            return "order-events";
        }
        throw new AssertionError("A request block of unknown endpoint: " + id);
    }

    /** Runs a curl command of the docs; the key and the signature are the tests' own. */
    private static Response run(String curl) {
        Matcher method = METHOD.matcher(curl);
        Matcher url = URL.matcher(curl);
        Matcher body = BODY.matcher(curl);
        assertThat(url.find()).as("a URL in %s", curl).isTrue();
        var request = given().contentType(ContentType.JSON);
        if (body.find()) {
            request.body(body.group(1));
        }
        return request.request(method.find() ? method.group(1) : "GET", url.group(1));
    }

    private static List<String> curls(String page) {
        List<String> curls = new ArrayList<>();
        for (Block block : blocks(page, "getting-started.adoc")) {
            if (block.language().equals("shell")) {
                Matcher curl = CURL.matcher(block.text());
                while (curl.find()) {
                    curls.add(curl.group());
                }
            }
        }
        return curls;
    }

    /**
     * An answer shown abridged, with {@code ...} for what is left out, as the JSON it abridges; a fragment that starts
     * with a field name, as an object of that field.
     */
    private static String unabridged(String text) {
        String whole = text.replaceAll(",\\s*(\\.\\.\\.|…)", "").replaceAll("(\\.\\.\\.|…)", "");
        return whole.stripLeading().startsWith("\"") ? "{" + whole + "}" : whole;
    }

    private static boolean parses(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Block> blocks() throws IOException {
        List<Block> all = new ArrayList<>();
        try (Stream<Path> pages = Files.list(PAGES)) {
            for (Path page : pages.filter(path -> path.toString().endsWith(".adoc")).sorted().toList()) {
                all.addAll(blocks(Files.readString(page), page.getFileName().toString()));
            }
        }
        return all;
    }

    private static List<Block> blocks(String text, String page) {
        List<Block> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String id = block.group(1) == null ? "" : block.group(1).substring(1);
            blocks.add(new Block(page, id, block.group(2), block.group(3)));
        }
        return blocks;
    }

    private record Block(String page, String id, String language, String text) {
    }
}

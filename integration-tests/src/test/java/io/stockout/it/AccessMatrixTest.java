package io.stockout.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockout.OutOfStockPolicy;

/**
 * Who may call what: every administration endpoint, called with keys of each role for one catalog, for all catalogs,
 * with no key, a revoked key and a webhook secret, on the key's own catalog and on another. A request that is refused
 * changes nothing; one that is allowed is not refused for access (it may still be refused for its content).
 */
@QuarkusTest
class AccessMatrixTest {

    private static final String OWN = "access-own";
    private static final String OTHER = "access-other";
    private static final String NDJSON = "application/x-ndjson";

    /** An endpoint, the role it needs, a valid request for a catalog, and the media type asked for ({@code null}: any). */
    record Endpoint(String method, String path, Role needs, Function<String, Object> body, String accept) {

        Endpoint(String method, String path, Role needs, Function<String, Object> body) {
            this(method, path, needs, body, null);
        }

        String on(String catalog) {
            return path.replace("{catalog}", catalog);
        }
    }

    enum Role {
        READ, WRITE, ADMIN,
        /** the WRITE role on all catalogs: for data shared by all catalogs */
        SHARED_WRITE,
        /** the READ role on all catalogs */
        SHARED_READ,
        /** the READ role on at least one catalog: the endpoint shows what of it the key reaches */
        SOME_READ
    }

    /** A caller: its key (null for none) and what it may do. */
    record Caller(String name, String key, String role, boolean allCatalogs) {

        boolean may(Endpoint endpoint, String catalog) {
            if (role == null) {
                return false;
            }
            int has = List.of("READ", "WRITE", "ADMIN").indexOf(role);
            return switch (endpoint.needs()) {
                case READ -> has >= 0 && (allCatalogs || catalog.equals(OWN));
                case WRITE -> has >= 1 && (allCatalogs || catalog.equals(OWN));
                case ADMIN -> has >= 2 && (allCatalogs || catalog.equals(OWN));
                case SHARED_WRITE -> has >= 1 && allCatalogs;
                case SHARED_READ -> has >= 0 && allCatalogs;
                case SOME_READ -> has >= 0;
            };
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("PUT", "/stockout/catalogs/{catalog}", Role.ADMIN, c -> Row.of("name", "renamed " + c)),
            new Endpoint("GET", "/stockout/catalogs/{catalog}", Role.READ, null),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/skus", Role.WRITE,
                    c -> List.of(Row.sku("NEW-" + c, OutOfStockPolicy.BACKORDER))),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/locations", Role.WRITE,
                    c -> List.of(Row.warehouse("WH-NEW"))),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/stock", Role.WRITE,
                    c -> List.of(Row.stock("TENT", "WH", 99))),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/inbound", Role.WRITE,
                    c -> List.of(Row.inbound("PO-NEW", "TENT", 5, "2027-03-01"))),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/suppliers", Role.WRITE,
                    c -> List.of(Row.of("code", "SUP-NEW", "leadTimeDays", 9))),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/substitutes", Role.WRITE,
                    c -> List.of(Row.link("TENT", "TARP", 1))),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/receipts", Role.WRITE,
                    c -> List.of(Row.of("receiptId", "R-" + System.nanoTime(), "sku", "TENT", "location", "WH",
                            "quantity", 1))),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/promises/review", Role.WRITE, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/suppliers", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/inbound", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/backorders", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/backorders/1", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/outbox", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/metrics", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/metrics/skus", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/metrics/history", Role.READ, null),
            new Endpoint("PUT", "/stockout/catalogs/{catalog}/tolerances", Role.ADMIN,
                    c -> List.of(Row.of("scope", "CATALOG", "metric", "MAX_OPEN_UNITS", "limit", 50, "recoverAt", 10,
                            "action", "ALERT"))),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/tolerances", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/tolerances/breaches", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/tolerances/changes", Role.READ, null),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/tolerances/check", Role.WRITE, null),
            new Endpoint("PUT", "/stockout/catalogs/{catalog}/subscriptions/erp", Role.ADMIN,
                    c -> Row.of("url", "http://127.0.0.1:9/events",
                            "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/subscriptions", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/subscriptions/erp/deliveries", Role.READ, null),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/subscriptions/erp/deliveries/1/retry", Role.WRITE, null),
            new Endpoint("DELETE", "/stockout/catalogs/{catalog}/subscriptions/erp", Role.ADMIN, null),
            new Endpoint("PUT", "/stockout/catalogs/{catalog}/webhook-secrets/shopify", Role.ADMIN,
                    c -> Row.of("secret", "shpss_" + "a".repeat(32))),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/webhook-secrets", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/audit", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/skus", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/skus/TENT", Role.READ, null),
            new Endpoint("PUT", "/stockout/catalogs/{catalog}/skus/TARP/pin", Role.WRITE, c -> Row.of("policy", "PICKUP_ONLY")),
            new Endpoint("DELETE", "/stockout/catalogs/{catalog}/skus/TENT/pin", Role.WRITE, null),
            new Endpoint("DELETE", "/stockout/catalogs/{catalog}/segmentation/pins", Role.ADMIN, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/segmentation/rules", Role.READ, null),
            new Endpoint("PUT", "/stockout/catalogs/{catalog}/segmentation/rules", Role.ADMIN,
                    c -> List.of(Row.of("name", "everything", "action", "SUBSTITUTE"))),
            new Endpoint("DELETE", "/stockout/catalogs/{catalog}/segmentation/rules", Role.ADMIN, null),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/segmentation/run", Role.WRITE, null),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/segmentation/dry-run", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs", Role.SOME_READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/locations", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/locations", Role.READ, null, NDJSON),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/locations/WH", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/substitutes", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/stock", Role.READ, null),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/stock", Role.READ, null, NDJSON),
            new Endpoint("GET", "/stockout/catalogs/{catalog}/skus", Role.READ, null, NDJSON),
            new Endpoint("POST", "/stockout/catalogs/{catalog}/skus", Role.WRITE,
                    c -> ("{\"sku\":\"LINE-" + c + "\",\"policy\":\"NONE\"}\n").getBytes(StandardCharsets.UTF_8), NDJSON),
            new Endpoint("POST", "/stockout/postal-codes", Role.SHARED_WRITE,
                    c -> List.of(Row.postalCode("US", "99950", 55.3, -131.6))),
            new Endpoint("GET", "/stockout/audit", Role.SHARED_READ, null),
            new Endpoint("GET", "/stockout/api-keys/self", Role.SOME_READ, null));

    static final List<Caller> CALLERS = new ArrayList<>();

    @BeforeEach
    void setUp() {
        if (!CALLERS.isEmpty()) {
            return;
        }
        for (String id : List.of(OWN, OTHER)) {
            Catalog.create(id)
                    .skus(Row.sku("TENT", OutOfStockPolicy.BACKORDER), Row.sku("TARP", OutOfStockPolicy.NONE))
                    .locations(Row.warehouse("WH"))
                    .stock(Row.stock("TENT", "WH", 3));
        }
        for (String role : List.of("READ", "WRITE", "ADMIN")) {
            CALLERS.add(new Caller(role + " on " + OWN, key(role + "-own", role, List.of(OWN)), role, false));
            CALLERS.add(new Caller(role + " on all", key(role + "-all", role, null), role, true));
        }
        String revoked = key("revoked", "ADMIN", List.of(OWN, OTHER));
        given().delete("/stockout/api-keys/" + revoked.substring(4, 12)).then().statusCode(200);
        CALLERS.add(new Caller("a revoked key", revoked, null, false));
        CALLERS.add(new Caller("no key", null, null, false));
        CALLERS.add(new Caller("the webhook secret as a key", Signing.secretFor(OWN), null, false));
        CALLERS.add(new Caller("a made-up key", "sok_" + "x".repeat(40), null, false));
    }

    /** Makes a key with the bootstrap key and answers its secret. */
    static String key(String name, String role, List<String> catalogs) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name);
        request.put("role", role);
        if (catalogs != null) {
            request.put("catalogs", catalogs);
        }
        JsonPath created = given().contentType(ContentType.JSON)
                .body(request)
                .post("/stockout/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return created.getString("secret");
    }

    static Response call(Caller caller, Endpoint endpoint, String catalog) {
        var request = given().header(AdminKey.ANONYMOUS, "yes").contentType(ContentType.JSON);
        if (endpoint.accept() != null && endpoint.method().equals("GET")) {
            request.accept(endpoint.accept());
        } else if (endpoint.accept() != null) {
            request.contentType(endpoint.accept());
        }
        if (caller.key() != null) {
            request.header("Authorization", "Bearer " + caller.key());
        }
        if (endpoint.body() != null) {
            Object body = endpoint.body().apply(catalog);
            if (body instanceof byte[] bytes) {
                request.body(bytes);
            } else {
                request.body(body);
            }
        }
        return request.request(endpoint.method(), endpoint.on(catalog));
    }

    /** What an administrator can read of a catalog: if a refused request changed anything, this changes. */
    static String state(String catalog) {
        StringBuilder state = new StringBuilder();
        for (String path : List.of("", "/suppliers", "/inbound", "/tolerances", "/subscriptions", "/webhook-secrets",
                "/skus", "/segmentation/rules", "/locations", "/stock", "/substitutes")) {
            state.append(given().get("/stockout/catalogs/" + catalog + path).then().statusCode(200).extract().asString());
        }
        JsonPath audit = given().queryParam("limit", 1000)
                .get("/stockout/catalogs/" + catalog + "/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        state.append(audit.getList("entries.id"));
        state.append(given().queryParam("sku", "TENT").get("/stockout/catalogs/" + catalog + "/inbound").asString());
        return state.toString();
    }

    @Test
    void everyCallerReachesExactlyWhatItsKeyAllowsAndARefusalChangesNothing() {
        List<String> wrong = new ArrayList<>();
        int allowed = 0;
        int refused = 0;
        for (Caller caller : CALLERS) {
            for (String catalog : List.of(OWN, OTHER)) {
                String before = state(catalog);
                boolean refusedAny = false;
                for (Endpoint endpoint : ENDPOINTS) {
                    Response response = call(caller, endpoint, catalog);
                    int status = response.statusCode();
                    String what = caller.name() + " " + endpoint.method() + " " + endpoint.on(catalog) + " -> " + status;
                    if (caller.may(endpoint, catalog)) {
                        allowed++;
                        if (status == 401 || status == 403) {
                            wrong.add(what + " (should be allowed) " + response.asString());
                        }
                    } else {
                        refused++;
                        refusedAny = true;
                        int expected = caller.role() == null ? 401 : 403;
                        if (status != expected) {
                            wrong.add(what + " (should be " + expected + ") " + response.asString());
                        } else if (!response.contentType().startsWith("application/problem+json")) {
                            wrong.add(what + " is not problem+json: " + response.contentType());
                        }
                    }
                }
                if (refusedAny && !caller.may(ENDPOINTS.get(0), catalog) && !caller.may(ENDPOINTS.get(2), catalog)) {
                    // every write on this catalog was refused: it must be exactly as it was
                    assertThat(state(catalog)).as(caller.name() + " on " + catalog).isEqualTo(before);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(allowed).isGreaterThan(100);
        assertThat(refused).isGreaterThan(300);
    }

    @Test
    void aMissingKeyIsA401WithABearerChallenge() {
        Response response = given().header(AdminKey.ANONYMOUS, "yes").get("/stockout/catalogs/" + OWN);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.jsonPath().getString("type")).endsWith("/unauthenticated");
    }

    @Test
    void anAdministrationKeyDoesNotSignWebhooks() {
        String admin = key("admin-not-webhook", "ADMIN", List.of(OWN));
        given().header(SigningFilter.UNSIGNED, "yes")
                .header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON)
                .body(Row.of("lines", List.of(Row.line("TENT", 1))))
                .post("/stockout/catalogs/" + OWN + "/availability")
                .then()
                .statusCode(401);
    }

    @Test
    void everyAdministrationEndpointIsInTheMatrix() {
        // the endpoints the application serves under /stockout, from its OpenAPI document, apart from the webhooks
        JsonPath openapi = given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        TreeSet<String> served = new TreeSet<>();
        paths.forEach((path, methods) -> methods.keySet().forEach(method -> {
            if (!path.matches("/stockout/catalogs/\\{catalog}/(availability|carts/.*|order-events|webhooks/.*)")
                    && path.startsWith("/stockout/")
                    && (!path.startsWith("/stockout/api-keys") || path.equals("/stockout/api-keys/self"))) {
                served.add(method.toUpperCase() + " " + path.replaceAll("\\{(?!catalog})[^}]+}", "{}"));
            }
        }));
        TreeSet<String> tested = new TreeSet<>();
        for (Endpoint endpoint : ENDPOINTS) {
            tested.add(endpoint.method() + " " + endpoint.path()
                    .replace("/backorders/1", "/backorders/{}")
                    .replace("/subscriptions/erp", "/subscriptions/{}")
                    .replace("/deliveries/1/", "/deliveries/{}/")
                    .replace("/webhook-secrets/shopify", "/webhook-secrets/{}")
                    .replace("/locations/WH", "/locations/{}")
                    .replaceAll("/skus/[A-Z]+", "/skus/{}"));
        }
        assertThat(tested).containsExactlyInAnyOrderElementsOf(served);
    }
}

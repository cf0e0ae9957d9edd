package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.link;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.store;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockout.OutOfStockPolicy;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The administration lists: catalogs, locations, substitutes, stock and suppliers in pages that walk every row once,
 * with their filters; bulk loads sent as NDJSON, one row a line, which load exactly as the same rows in a JSON array,
 * all or nothing; and exports of SKUs, locations and stock as NDJSON that load again unchanged.
 */
@QuarkusTest
class AdministrationListsTest {

    private static final String NDJSON = "application/x-ndjson";

    @Inject
    MutableClock clock;

    @Inject
    Pool pool;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void at() {
        clock.set("2026-03-03T12:00:00Z");
    }

    @Test
    void pagesWalkEveryRowExactlyOnceInKeyOrder() {
        Catalog shop = Catalog.create("lists-paging");
        List<Row> skus = new ArrayList<>();
        List<Row> locations = new ArrayList<>();
        List<Row> levels = new ArrayList<>();
        List<Row> links = new ArrayList<>();
        List<Row> suppliers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            skus.add(sku("SKU-" + i, OutOfStockPolicy.NONE));
            suppliers.add(Row.of("code", "SUP-" + i, "leadTimeDays", i));
        }
        for (int i = 0; i < 23; i++) {
            locations.add(i % 2 == 0 ? warehouse("LOC-" + i) : store("LOC-" + i, 48.8, 2.3));
        }
        for (int s = 0; s < 9; s++) {
            for (int l = 0; l < 23; l += 3) {
                levels.add(stock("SKU-" + s, "LOC-" + l, s + l));
            }
            for (int t = 0; t < 9; t++) {
                if (t != s && (s + t) % 3 == 0) {
                    links.add(link("SKU-" + s, "SKU-" + t, 1 + t));
                }
            }
        }
        shop.skus(skus.toArray(Row[]::new))
                .locations(locations.toArray(Row[]::new))
                .stock(levels.toArray(Row[]::new))
                .substitutes(links.toArray(Row[]::new))
                .suppliers(suppliers.toArray(Row[]::new));

        List<Map<String, Object>> walked = walk(shop.path("locations"), "locations", 4);
        assertThat(walked).extracting(row -> row.get("code"))
                .containsExactlyElementsOf(locations.stream().map(row -> row.get("code")).sorted().toList());

        walked = walk(shop.path("stock"), "stock", 7);
        assertThat(walked).extracting(row -> row.get("sku") + "@" + row.get("location"))
                .containsExactlyElementsOf(levels.stream()
                        .map(row -> row.get("sku") + "@" + row.get("location"))
                        .sorted()
                        .toList());
        assertThat(walked).extracting(row -> row.get("onHand"))
                .containsExactlyElementsOf(levels.stream()
                        .sorted((a, b) -> (a.get("sku") + "@" + a.get("location"))
                                .compareTo(b.get("sku") + "@" + b.get("location")))
                        .map(row -> row.get("onHand"))
                        .toList());

        walked = walk(shop.path("substitutes"), "substitutes", 5);
        assertThat(walked).extracting(row -> row.get("sku") + ">" + row.get("substitute"))
                .containsExactlyElementsOf(
                        links.stream().map(row -> row.get("sku") + ">" + row.get("substitute")).sorted().toList());

        walked = walk(shop.path("suppliers"), "suppliers", 2);
        assertThat(walked).extracting(row -> row.get("code"))
                .containsExactlyElementsOf(suppliers.stream().map(row -> row.get("code")).sorted().toList());

        // a page exactly as long as the rows left still hands a cursor; the page after it is empty and ends the walk
        JsonPath last = given().queryParam("after", "LOC-8")
                .queryParam("limit", 1)
                .get(shop.path("locations"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(last.getList("locations.code")).containsExactly("LOC-9");
        assertThat(given().queryParam("after", "LOC-9").get(shop.path("locations")).jsonPath().getList("locations"))
                .isEmpty();
    }

    @Test
    void catalogsArePagedInIdOrder() {
        for (String id : List.of("lists-cat-a", "lists-cat-b", "lists-cat-c", "lists-cat-d", "lists-cat-e")) {
            Catalog.create(id);
        }

        List<Map<String, Object>> walked = walk("/stockout/catalogs", "catalogs", 2);

        List<Object> ids = walked.stream().map(row -> row.get("id")).toList();
        assertThat(ids).doesNotHaveDuplicates()
                .containsSubsequence("lists-cat-a", "lists-cat-b", "lists-cat-c", "lists-cat-d", "lists-cat-e");
        assertThat(ids).isSortedAccordingTo((a, b) -> ((String) a).compareTo((String) b));
        Map<String, Object> first = walked.stream()
                .filter(row -> row.get("id").equals("lists-cat-a"))
                .findFirst()
                .orElseThrow();
        assertThat(first).containsEntry("active", true).containsEntry("holdTime", "PT15M");
    }

    @Test
    void filtersNarrowEachList() {
        Catalog shop = Catalog.create("lists-filters")
                .skus(sku("TENT", OutOfStockPolicy.NONE), sku("TARP", OutOfStockPolicy.NONE),
                        sku("POLE", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"), store("S1", 48.8, 2.3), store("S2", 48.9, 2.4),
                        store("S3", 48.7, 2.2).with("pickup", false), warehouse("WH2").with("pickup", true)
                                .with("latitude", 48.0)
                                .with("longitude", 2.0))
                .stock(stock("TENT", "WH", 1), stock("TENT", "S1", 2), stock("TARP", "S1", 3), stock("POLE", "S2", 4))
                .substitutes(link("TENT", "TARP", 1), link("TENT", "POLE", 2), link("TARP", "TENT", 1));

        assertThat(list(shop.path("locations?kind=STORE"), "locations.code")).containsExactly("S1", "S2", "S3");
        assertThat(list(shop.path("locations?pickup=true"), "locations.code")).containsExactly("S1", "S2", "WH2");
        assertThat(list(shop.path("locations?kind=WAREHOUSE&pickup=false"), "locations.code")).containsExactly("WH");
        assertThat(list(shop.path("substitutes?sku=TENT"), "substitutes.substitute")).containsExactly("POLE", "TARP");
        assertThat(list(shop.path("stock?sku=TENT"), "stock.location")).containsExactly("S1", "WH");
        assertThat(list(shop.path("stock?location=S1"), "stock.sku")).containsExactly("TARP", "TENT");
        assertThat(list(shop.path("stock?sku=TARP&location=S1"), "stock.onHand")).containsExactly(3);
        assertThat(list(shop.path("stock?sku=GHOST"), "stock")).isEmpty();

        JsonPath store = given().get(shop.path("locations/S1")).then().statusCode(200).extract().jsonPath();
        assertThat(store.getString("kind")).isEqualTo("STORE");
        assertThat(store.getBoolean("pickup")).isTrue();
        assertThat(store.getBoolean("ships")).isFalse();
        assertThat(store.getString("timeZone")).isEqualTo("UTC");
        assertThat(store.getString("pickupLeadTime")).isEqualTo("PT0S");
    }

    @Test
    void badParametersAreProblemsAndUnknownThingsAre404() {
        Catalog shop = Catalog.create("lists-bad").locations(warehouse("WH"));

        Problems.assertProblem(given().get(shop.path("locations?limit=0")).then(), 400, "limit");
        Problems.assertProblem(given().get(shop.path("locations?limit=1001")).then(), 400, "limit");
        Problems.assertProblem(given().get(shop.path("locations?kind=SHOP")).then(), 400, "kind");
        Problems.assertProblem(given().get(shop.path("locations?pickup=yes")).then(), 400, "pickup");
        Problems.assertProblem(given().get(shop.path("stock?after=not-a-cursor")).then(), 400, "after");
        Problems.assertProblem(given().get(shop.path("substitutes?after=VEVOVA")).then(), 400, "after");
        Problems.assertProblem(given().get(shop.path("suppliers?limit=x")).then(), 400, "limit");
        Problems.assertProblem(given().get("/stockout/catalogs?limit=-1").then(), 400, "limit");
        Problems.assertProblem(given().get(shop.path("locations/GHOST")).then(), 404, "code")
                .body("type", equalTo("https://stockout.io/problems/unknown-location"));
        for (String list : List.of("locations", "locations/WH", "stock", "substitutes", "suppliers", "audit",
                "webhook-secrets", "subscriptions/erp/deliveries")) {
            Problems.assertProblem(given().get("/stockout/catalogs/lists-nowhere/" + list).then(), 404, "catalog");
        }
        for (String list : List.of("skus", "locations", "stock")) {
            Problems.assertProblem(given().accept(NDJSON).get("/stockout/catalogs/lists-nowhere/" + list).then(), 404,
                    "catalog");
        }
        Problems.assertProblem(given().accept(NDJSON).get(shop.path("locations?kind=SHOP")).then(), 400, "kind");
    }

    @Test
    void withoutAskingForNdjsonAListIsAJsonPage() {
        Catalog shop = Catalog.create("lists-negotiation").skus(sku("TENT", OutOfStockPolicy.NONE));

        for (String accept : List.of("*/*", "application/json", "application/json, */*;q=0.5")) {
            given().accept(accept)
                    .get(shop.path("skus"))
                    .then()
                    .statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("skus[0].sku", equalTo("TENT"));
        }
        Response plain = given().get(shop.path("skus"));
        assertThat(plain.contentType()).startsWith("application/json");
    }

    @Test
    void ndjsonLoadsExactlyAsAJsonArray() {
        Catalog byArray = Catalog.create("lists-array");
        Catalog byLines = Catalog.create("lists-lines");
        Map<String, List<Row>> loads = new java.util.LinkedHashMap<>();
        loads.put("suppliers", List.of(Row.of("code", "ACME", "name", "Acme", "leadTimeDays", 9)));
        loads.put("skus", List.of(sku("TENT", OutOfStockPolicy.BACKORDER).cap(5).supplier("ACME"),
                Row.product("TARP").stage("DECLINE").margin(0.3).with("price", 12.5).with("category", "shelter"),
                Row.product("POLE").madeToOrder()));
        loads.put("locations", List.of(warehouse("WH").with("postalCode", "75001"),
                store("S1", 48.85, 2.35).pickupLeadTime("PT2H")
                        .openingHours(Catalog.hours("monday", "08:00-20:00", "sunday", "closed"))
                        .timeZone("Europe/Paris")));
        loads.put("stock", List.of(stock("TENT", "WH", 4).with("safetyStock", 1).with("asOf", "2026-03-02T08:00:00Z"),
                stock("TARP", "S1", 2)));
        loads.put("inbound", List.of(inbound("PO-1", "TENT", 10, "2026-03-20").location("WH"),
                inbound("PO-2", "TARP", 3, "2026-03-25")));
        loads.put("substitutes", List.of(link("TENT", "TARP", 1), link("TARP", "POLE", 2)));
        loads.put("receipts", List.of(Row.receipt("R-1", "PO-1", 4, "2026-03-03T09:00:00Z")));

        for (Map.Entry<String, List<Row>> load : loads.entrySet()) {
            String arrayAnswer = given().contentType(ContentType.JSON)
                    .body(load.getValue())
                    .post(byArray.path(load.getKey()))
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            String linesAnswer = given().contentType(NDJSON)
                    .body(ndjson(load.getValue()).getBytes(StandardCharsets.UTF_8))
                    .post(byLines.path(load.getKey()))
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(linesAnswer).as(load.getKey()).isEqualTo(arrayAnswer.replace("lists-array", "lists-lines"));
        }
        given().contentType(NDJSON)
                .body(ndjson(List.of(Row.postalCode("FR", "75099", 48.86, 2.34))).getBytes(StandardCharsets.UTF_8))
                .post("/stockout/postal-codes")
                .then()
                .statusCode(200)
                .body("upserted", equalTo(1));
        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_postal_code WHERE postal_code = $1", "75099"))
                .isEqualTo(1);

        for (String list : List.of("skus", "locations", "stock", "substitutes", "suppliers", "inbound")) {
            assertThat(given().get(byLines.path(list)).asString()).as(list)
                    .isEqualTo(given().get(byArray.path(list)).asString());
        }
        assertThat(Database.rowsOf(pool, byLines.id)).isEqualTo(Database.rowsOf(pool, byArray.id))
                .containsExactly(3L, 2L, 2L, 2L, 2L);
    }

    @Test
    void aBadLineIsNamedByItsIndexAndNothingOfTheLoadIsApplied() {
        Catalog shop = Catalog.create("lists-bad-line").locations(warehouse("WH"));
        List<Row> skus = IntStream.range(0, 60).mapToObj(i -> sku("SKU-" + i, OutOfStockPolicy.NONE)).toList();
        String lines = ndjson(skus);

        // line 42 has a negative backorder cap: its row index is 41, as in a JSON array
        String negative = lines.replace("{\"sku\":\"SKU-41\",", "{\"sku\":\"SKU-41\",\"backorderCap\":-1,");
        Problems.assertProblem(postLines(shop.path("skus"), negative), 400, "[41].backorderCap");
        // line 42 has a SKU of the wrong type
        String wrongType = lines.replace("\"sku\":\"SKU-41\"", "\"sku\":41");
        Problems.assertProblem(postLines(shop.path("skus"), wrongType), 400, "[41].sku");
        // line 42 is not JSON at all
        String broken = lines.replace("{\"sku\":\"SKU-41\",", "{\"sku\":\"SKU-41\",,");
        Problems.assertProblem(postLines(shop.path("skus"), broken), 400, "[41]");
        // line 42 is an object spread over two lines: neither half is a row
        String spread = lines.replace("{\"sku\":\"SKU-41\",", "{\"sku\":\"SKU-41\",\n");
        Problems.assertProblem(postLines(shop.path("skus"), spread), 400, "[41]");
        // an empty line in the middle
        String empty = lines.replace("{\"sku\":\"SKU-41\",", "\n{\"sku\":\"SKU-41\",");
        Problems.assertProblem(postLines(shop.path("skus"), empty), 400, "[41]");
        // a JSON array is not a line of NDJSON
        Problems.assertProblem(postLines(shop.path("skus"), "[" + ndjson(skus.subList(0, 2)).replace("\n", ",") + "]"),
                400, "[0]");
        // a stock line naming a SKU that is not loaded: the whole load is refused by the database, nothing stays
        Problems.assertProblem(postLines(shop.path("stock"), ndjson(List.of(stock("SKU-1", "WH", 1)))), 422, "sku");

        assertThat(Database.rowsOf(pool, shop.id)).containsExactly(0L, 1L, 0L, 0L, 0L);
        assertThat(list(shop.path("skus"), "skus")).isEmpty();

        // the same lines without the fault load, CRLF line ends and a last line end included
        given().contentType(NDJSON)
                .body(lines.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))
                .post(shop.path("skus"))
                .then()
                .statusCode(200)
                .body("upserted", equalTo(60));
    }

    @Test
    void ndjsonKeepsTheRowLimitCountingLinesBeforeReadingThem() {
        Catalog shop = Catalog.create("lists-limit").skus(sku("TENT", OutOfStockPolicy.NONE)).locations(warehouse("WH"));
        List<Row> receipts = IntStream.range(0, 1001)
                .mapToObj(i -> Row.of("receiptId", "R-" + i, "sku", "TENT", "location", "WH", "quantity", 1))
                .toList();

        Problems.assertProblem(postLines(shop.path("receipts"), ndjson(receipts)), 400, null);

        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_receipt WHERE catalog_id = $1", shop.id)).isZero();
        given().contentType(NDJSON)
                .body(ndjson(receipts.subList(0, 1000)).getBytes(StandardCharsets.UTF_8))
                .post(shop.path("receipts"))
                .then()
                .statusCode(200);
    }

    @Test
    void anExportHasOneLinePerRowAndLoadsAgainUnchanged() throws JsonProcessingException {
        Catalog shop = Catalog.create("lists-export");
        List<Row> skus = new ArrayList<>();
        for (int i = 0; i < 2345; i++) {
            Row row = i % 3 == 0
                    ? sku(String.format("SKU-%05d", i), OutOfStockPolicy.BACKORDER).cap(i)
                    : Row.product(String.format("SKU-%05d", i))
                            .stage("MATURITY")
                            .margin(0.25)
                            .with("price", 9.99)
                            .with("brand", "Brand é " + i % 7);
            skus.add(row);
        }
        shop.skus(skus.toArray(Row[]::new))
                .locations(warehouse("WH"), store("S1", 48.85, 2.35).pickupLeadTime("PT2H30M")
                        .openingHours(Catalog.hours("monday", "08:00-12:00,13:00-20:00", "sunday", "closed"))
                        .timeZone("Europe/Paris")
                        .with("address", "1 rue de Rivoli"))
                .stock(skus.stream()
                        .limit(1500)
                        .map(row -> stock((String) row.get("sku"), "WH", 7).with("safetyStock", 1)
                                .with("asOf", "2026-03-02T08:00:00Z"))
                        .toArray(Row[]::new))
                .inbound(inbound("PO-1", "SKU-00001", 5, "2026-03-10").location("WH"));
        // units received after the level was counted are part of on hand, and of no export line
        shop.receipts(Row.receipt("R-1", "PO-1", 5, "2026-03-03T10:00:00Z"));
        String stockBefore = given().queryParam("sku", "SKU-00001").get(shop.path("stock")).asString();
        assertThat(stockBefore).contains("\"onHand\":12", "\"receivedSinceCount\":5");

        Map<String, Integer> counts = Map.of("skus", 2345, "locations", 2, "stock", 1500);
        Map<String, String> exports = new java.util.HashMap<>();
        for (Map.Entry<String, Integer> list : counts.entrySet()) {
            Response export = given().accept(NDJSON).get(shop.path(list.getKey()));
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.contentType()).startsWith(NDJSON);
            String body = export.asString();
            List<String> lines = body.lines().toList();
            assertThat(lines).as(list.getKey()).hasSize(list.getValue()).doesNotHaveDuplicates();
            for (String line : lines) {
                assertThat(json.readTree(line).isObject()).as(line).isTrue();
            }
            exports.put(list.getKey(), body);
        }
        assertThat(exports.get("stock").lines().filter(line -> line.contains("\"sku\":\"SKU-00001\"")))
                .singleElement()
                .asString()
                .contains("\"onHand\":7", "\"asOf\":\"2026-03-02T08:00:00Z\"");
        assertThat(exports.get("skus").lines().findFirst().orElseThrow())
                .isEqualTo("{\"sku\":\"SKU-00000\",\"name\":\"SKU-00000\",\"policy\":\"BACKORDER\",\"backorderCap\":0,"
                        + "\"backorderUnlimited\":false,\"forcedOutOfStock\":false,\"makeToOrder\":false}");

        // loaded again into the same catalog: nothing changes, not even in the audit trail
        long audited = Database.count(pool, "SELECT count(*) FROM stockout_audit WHERE catalog_id = $1", shop.id);
        String skuPolicies = given().queryParam("limit", 1000).get(shop.path("skus")).asString();
        for (String list : List.of("skus", "locations", "stock")) {
            given().contentType(NDJSON)
                    .body(exports.get(list).getBytes(StandardCharsets.UTF_8))
                    .post(shop.path(list))
                    .then()
                    .statusCode(200)
                    .body("upserted", equalTo(counts.get(list)));
        }
        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_audit WHERE catalog_id = $1", shop.id))
                .isEqualTo(audited);
        assertThat(given().queryParam("sku", "SKU-00001").get(shop.path("stock")).asString()).isEqualTo(stockBefore);
        assertThat(given().queryParam("limit", 1000).get(shop.path("skus")).asString()).isEqualTo(skuPolicies);
        for (String list : counts.keySet()) {
            assertThat(given().accept(NDJSON).get(shop.path(list)).asString()).as(list).isEqualTo(exports.get(list));
        }

        // loaded into another catalog, the export is the same
        Catalog copy = Catalog.create("lists-export-copy");
        for (String list : List.of("skus", "locations", "stock")) {
            postLines(copy.path(list), exports.get(list)).statusCode(200);
        }
        assertThat(given().accept(NDJSON).get(copy.path("skus")).asString()).isEqualTo(exports.get("skus"));
        assertThat(given().accept(NDJSON).get(copy.path("locations")).asString()).isEqualTo(exports.get("locations"));
        assertThat(given().accept(NDJSON).get(copy.path("stock")).asString()).isEqualTo(exports.get("stock"));
    }

    @Test
    void anExportTakesTheListsFilters() {
        Catalog shop = Catalog.create("lists-export-filters")
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER), Row.product("TARP"))
                .locations(warehouse("WH"), store("S1", 48.85, 2.35))
                .stock(stock("TENT", "WH", 1), stock("TENT", "S1", 2), stock("TARP", "S1", 3));

        assertThat(lines(shop.path("skus?source=PIN"))).singleElement().asString().contains("\"sku\":\"TENT\"");
        assertThat(lines(shop.path("locations?kind=STORE"))).singleElement().asString().contains("\"code\":\"S1\"");
        assertThat(lines(shop.path("stock?location=S1"))).hasSize(2);
        assertThat(lines(shop.path("stock?sku=TENT&location=S1"))).singleElement().asString().contains("\"onHand\":2");
        assertThat(lines(shop.path("stock?sku=GHOST"))).isEmpty();
    }

    @Test
    void aReadKeyForOneCatalogListsOnlyThatCatalogAndNoneOfAnothers() {
        Catalog mine = Catalog.create("lists-key-mine").locations(warehouse("WH"));
        Catalog theirs = Catalog.create("lists-key-theirs").locations(warehouse("WH"));
        String key = AccessMatrixTest.key("lists reader", "READ", List.of(mine.id));

        JsonPath catalogs = given().header("Authorization", "Bearer " + key)
                .get("/stockout/catalogs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(catalogs.getList("catalogs.id")).containsExactly(mine.id);
        assertThat(catalogs.getString("next")).isNull();

        for (String list : List.of("locations", "locations/WH", "stock", "substitutes", "suppliers", "skus")) {
            given().header("Authorization", "Bearer " + key).get(mine.path(list)).then().statusCode(200);
            Problems.assertProblem(given().header("Authorization", "Bearer " + key).get(theirs.path(list)).then(), 403);
        }
        for (String list : List.of("locations", "stock", "skus")) {
            given().header("Authorization", "Bearer " + key).accept(NDJSON).get(mine.path(list)).then().statusCode(200);
            Problems.assertProblem(
                    given().header("Authorization", "Bearer " + key).accept(NDJSON).get(theirs.path(list)).then(), 403);
        }
        // a key without a role on any catalog's data reaches no list
        Problems.assertProblem(given().header(AdminKey.ANONYMOUS, "yes").get("/stockout/catalogs").then(), 401);
    }

    /** Follows {@code next} from the first page to the last, with pages of the size given. */
    private static List<Map<String, Object>> walk(String path, String field, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", limit);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList(field);
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            rows.addAll(items);
            after = page.getString("next");
            pages++;
        } while (after != null && pages < 10_000);
        return rows;
    }

    private static List<Object> list(String path, String field) {
        return given().urlEncodingEnabled(false).get(path).then().statusCode(200).extract().jsonPath().getList(field);
    }

    private static List<String> lines(String path) {
        return given().urlEncodingEnabled(false)
                .accept(NDJSON)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .toList();
    }

    private static io.restassured.response.ValidatableResponse postLines(String path, String lines) {
        return given().contentType(NDJSON).body(lines.getBytes(StandardCharsets.UTF_8)).post(path).then();
    }

    private String ndjson(List<Row> rows) {
        return rows.stream().map(row -> {
            try {
                return json.writeValueAsString(row);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.joining("\n", "", "\n"));
    }
}

package io.stockout.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockout.OutOfStockPolicy;
import io.stockout.StockoutLoader;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * API keys (made, shown once, stored hashed, bounded by their maker's reach, revoked at once) and the audit trail of
 * administrative changes (who, when, before and after).
 */
@QuarkusTest
class AdministrationTest {

    @Inject
    Pool pool;

    @Inject
    StockoutLoader loader;

    static JsonPath makeKey(String as, String name, String role, List<String> catalogs, int status) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name);
        request.put("role", role);
        if (catalogs != null) {
            request.put("catalogs", catalogs);
        }
        var call = given().contentType(ContentType.JSON).body(request);
        if (as != null) {
            call.header("Authorization", "Bearer " + as);
        }
        return call.post("/stockout/api-keys").then().statusCode(status).extract().jsonPath();
    }

    static Response as(String key) {
        return given().header("Authorization", "Bearer " + key)
                .get("/stockout/catalogs/admin-keys")
                .then()
                .extract()
                .response();
    }

    private List<io.vertx.mutiny.sqlclient.Row> rows(String sql, Object... parameters) {
        List<io.vertx.mutiny.sqlclient.Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        Catalog.create("admin-keys");
        JsonPath created = makeKey(null, "erp-sync", "WRITE", List.of("admin-keys"), 201);
        String secret = created.getString("secret");
        String id = created.getString("key.id");
        assertThat(secret).startsWith("sok_" + id + "_").hasSizeGreaterThan(40);
        assertThat(created.getString("key.role")).isEqualTo("WRITE");
        assertThat(created.getList("key.catalogs")).containsExactly("admin-keys");
        assertThat(created.getString("key.createdBy")).isEqualTo("bootstrap-key");

        String listed = given().get("/stockout/api-keys").then().statusCode(200).extract().asString();
        assertThat(listed).contains(id).doesNotContain(secret).doesNotContain(secret.substring(13));

        List<io.vertx.mutiny.sqlclient.Row> stored = rows(
                "SELECT secret_hash, row_to_json(k)::text AS whole FROM stockout_api_key k WHERE id = $1",
                id);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getBuffer("secret_hash").getBytes()).isEqualTo(sha256(secret));
        assertThat(stored.get(0).getString("whole")).doesNotContain(secret.substring(13));
        assertThat(rows("SELECT 1 FROM stockout_audit WHERE after::text LIKE $1 OR before::text LIKE $1",
                "%" + secret.substring(13) + "%")).isEmpty();

        assertThat(as(secret).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedKeyIsRefusedFromTheNextRequestOn() {
        Catalog.create("admin-keys");
        JsonPath created = makeKey(null, "temporary", "READ", List.of("admin-keys"), 201);
        String secret = created.getString("secret");
        assertThat(as(secret).statusCode()).isEqualTo(200);

        JsonPath revoked = given().delete("/stockout/api-keys/" + created.getString("key.id"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(revoked.getString("revokedAt")).isNotNull();
        Response refused = as(secret);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // revoking again answers the key as it is
        given().delete("/stockout/api-keys/" + created.getString("key.id")).then().statusCode(200);
        given().delete("/stockout/api-keys/nosuchkey").then().statusCode(404);
    }

    @Test
    void aCatalogAdministratorManagesKeysOfItsOwnCatalogsOnly() {
        Catalog.create("admin-keys");
        Catalog.create("admin-keys-other");
        String admin = makeKey(null, "shop admin", "ADMIN", List.of("admin-keys"), 201).getString("secret");
        String other = makeKey(null, "other admin", "ADMIN", List.of("admin-keys-other"), 201).getString("key.id");

        JsonPath made = makeKey(admin, "shop reader", "READ", List.of("admin-keys"), 201);
        assertThat(made.getString("key.createdBy")).contains("shop admin");
        makeKey(admin, "spans two", "READ", List.of("admin-keys", "admin-keys-other"), 403);
        makeKey(admin, "everything", "READ", null, 403);

        List<String> visible = given().header("Authorization", "Bearer " + admin)
                .get("/stockout/api-keys")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id");
        assertThat(visible).contains(made.getString("key.id")).doesNotContain(other);
        given().header("Authorization", "Bearer " + admin).delete("/stockout/api-keys/" + other).then().statusCode(404);
        assertThat(rows("SELECT revoked_at FROM stockout_api_key WHERE id = $1", other).get(0)
                .getValue("revoked_at")).isNull();

        String writer = makeKey(null, "writer", "WRITE", List.of("admin-keys"), 201).getString("secret");
        makeKey(writer, "from a writer", "READ", List.of("admin-keys"), 403);
        given().header("Authorization", "Bearer " + writer).get("/stockout/api-keys").then().statusCode(403);
    }

    @Test
    void aBadKeyRequestIsA400AndMakesNoKey() {
        long before = rows("SELECT count(*) AS n FROM stockout_api_key").get(0).getLong("n");
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"role\":\"OWNER\"}")
                .post("/stockout/api-keys")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"role\":\"READ\"}")
                .post("/stockout/api-keys")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"role\":\"READ\",\"catalogs\":[\"bad id!\"]}")
                .post("/stockout/api-keys")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON).body("not json").post("/stockout/api-keys").then().statusCode(400);
        assertThat(rows("SELECT count(*) AS n FROM stockout_api_key").get(0).getLong("n")).isEqualTo(before);
    }

    @Test
    void everyAdministrativeChangeIsRecordedWithWhoWhenBeforeAndAfter() {
        Catalog shop = Catalog.create("admin-audit");
        JsonPath key = makeKey(null, "merchant ops", "ADMIN", List.of("admin-audit"), 201);
        String ops = key.getString("secret");
        String actor = "api-key:" + key.getString("key.id") + " (merchant ops)";
        long after = last("admin-audit");
        OffsetDateTime started = OffsetDateTime.now().minusSeconds(5);

        given().header("Authorization", "Bearer " + ops)
                .contentType(ContentType.JSON)
                .body(Row.of("active", false, "pickupRadiusKm", 12.5))
                .put("/stockout/catalogs/admin-audit")
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + ops)
                .contentType(ContentType.JSON)
                .body(List.of(Row.sku("AUDITED", OutOfStockPolicy.BACKORDER)))
                .post(shop.path("skus"))
                .then()
                .statusCode(200);
        // the same row again changes nothing and records nothing
        given().header("Authorization", "Bearer " + ops)
                .contentType(ContentType.JSON)
                .body(List.of(Row.sku("AUDITED", OutOfStockPolicy.BACKORDER)))
                .post(shop.path("skus"))
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + ops)
                .contentType(ContentType.JSON)
                .body(Row.of("url", "http://127.0.0.1:9/events", "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .put(shop.path("subscriptions/erp"))
                .then()
                .statusCode(200);

        JsonPath trail = given().queryParam("after", after)
                .get(shop.path("audit"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(trail.getList("entries.entity")).containsExactly("catalog", "sku", "subscription");
        assertThat(trail.getList("entries.actor")).containsOnly(actor);
        assertThat(trail.getList("entries.operation")).containsExactly("UPDATE", "CREATE", "CREATE");
        assertThat(trail.getBoolean("entries[0].before.active")).isTrue();
        assertThat(trail.getBoolean("entries[0].after.active")).isFalse();
        assertThat(trail.getDouble("entries[0].after.pickup_radius_km")).isEqualTo(12.5);
        assertThat(trail.getString("entries[1].entityKey")).isEqualTo("AUDITED");
        assertThat(trail.getString("entries[1].after.policy")).isEqualTo("BACKORDER");
        assertThat(trail.getMap("entries[1]")).doesNotContainKey("before");
        assertThat(trail.getString("entries[2].after.secret")).isEqualTo("(hidden)");
        assertThat(OffsetDateTime.parse(trail.getString("entries[0].at"))).isAfter(started)
                .isBefore(OffsetDateTime.now().plusSeconds(5));
        assertThat(trail.getLong("entries[1].changeId")).isNotEqualTo(trail.getLong("entries[0].changeId"));

        // one entity's history, a page at a time
        JsonPath page = given().queryParam("entity", "sku")
                .queryParam("key", "AUDITED")
                .queryParam("limit", 1)
                .get(shop.path("audit"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(page.getList("entries.entityKey")).containsExactly("AUDITED");
        assertThat(page.getString("next")).isNotNull();
        given().queryParam("entity", "nonsense").get(shop.path("audit")).then().statusCode(400);
    }

    @Test
    void theTrailReadsNewestFirstAPageAtATime() {
        Catalog shop = Catalog.create("admin-audit-newest");
        for (String sku : List.of("FIRST", "SECOND", "THIRD")) {
            given().contentType(ContentType.JSON)
                    .body(List.of(Row.sku(sku, OutOfStockPolicy.BACKORDER)))
                    .post(shop.path("skus"))
                    .then()
                    .statusCode(200);
        }
        JsonPath first = given().queryParam("entity", "sku")
                .queryParam("order", "newest")
                .queryParam("limit", 2)
                .get(shop.path("audit"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getList("entries.entityKey")).containsExactly("THIRD", "SECOND");
        JsonPath second = given().queryParam("entity", "sku")
                .queryParam("order", "newest")
                .queryParam("limit", 2)
                .queryParam("after", first.getString("next"))
                .get(shop.path("audit"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(second.getList("entries.entityKey")).containsExactly("FIRST");
        assertThat(second.getString("next")).isNull();
        JsonPath oldest = given().queryParam("entity", "sku").get(shop.path("audit")).then().extract().jsonPath();
        assertThat(oldest.getList("entries.entityKey")).containsExactly("FIRST", "SECOND", "THIRD");
        given().queryParam("order", "latest").get(shop.path("audit")).then().statusCode(400);
        given().queryParam("order", "newest").get("/stockout/audit").then().statusCode(200);
    }

    @Test
    void aRefusedChangeRecordsNothingAndTheApplicationsOwnChangesAreItsOwn() {
        Catalog shop = Catalog.create("admin-audit-2");
        String reader = makeKey(null, "reader", "READ", List.of("admin-audit-2"), 201).getString("secret");
        long after = last("admin-audit-2");
        given().header("Authorization", "Bearer " + reader)
                .contentType(ContentType.JSON)
                .body(List.of(Row.sku("REFUSED", OutOfStockPolicy.BACKORDER)))
                .post(shop.path("skus"))
                .then()
                .statusCode(403);
        assertThat(last("admin-audit-2")).isEqualTo(after);

        loader.putSkus("admin-audit-2", List.of(new StockoutLoader.Sku("IN-PROCESS", null, null, null, null, null,
                OutOfStockPolicy.SUBSTITUTE, null, null, null, null, null))).await().indefinitely();
        JsonPath trail = given().queryParam("after", after)
                .get(shop.path("audit"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(trail.getList("entries.entityKey")).containsExactly("IN-PROCESS");
        assertThat(trail.getList("entries.actor")).containsExactly("application");
    }

    @Test
    void keysAreRecordedInTheTrailOfAllCatalogsOnly() {
        Catalog.create("admin-audit-3");
        long after = last("admin-audit-3");
        String id = makeKey(null, "reach", "READ", List.of("admin-audit-3"), 201).getString("key.id");
        given().delete("/stockout/api-keys/" + id).then().statusCode(200);
        JsonPath trail = given().queryParam("after", after)
                .queryParam("entity", "api-key")
                .get("/stockout/catalogs/admin-audit-3/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(trail.getList("entries")).as("a catalog's readers do not learn of keys").isEmpty();
        JsonPath all = given().queryParam("entity", "api-key")
                .queryParam("key", id)
                .get("/stockout/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(all.getList("entries.operation")).containsExactly("CREATE", "UPDATE");
        assertThat(all.getMap("entries[0].after")).doesNotContainKey("secret_hash");
        assertThat(all.getString("entries[1].after.revoked_at")).isNotNull();
    }

    @Test
    void aSecretIsNeverRecordedNorAnythingComputedFromIt() throws Exception {
        Catalog shop = Catalog.create("admin-audit-4");
        long after = last("admin-audit-4");
        given().contentType(ContentType.JSON)
                .body(Row.of("secret", "saleorpassword123"))
                .put(shop.path("webhook-secrets/saleor"))
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Row.of("secret", "saleorpassword456", "previousValidFor", "PT0S"))
                .put(shop.path("webhook-secrets/saleor"))
                .then()
                .statusCode(200);
        String trail = given().queryParam("after", after)
                .queryParam("entity", "webhook-secret")
                .get(shop.path("audit"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(trail).contains("(hidden, changed)")
                .doesNotContain("saleorpassword")
                .doesNotContain(hex(sha256("saleorpassword123")).substring(0, 12))
                .doesNotContain(hex(sha256("saleorpassword456")).substring(0, 12));
    }

    @Test
    void anEmptyListOfCatalogsIsNotAKeyForAllCatalogs() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"none\",\"role\":\"READ\",\"catalogs\":[]}")
                .post("/stockout/api-keys")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aRotationIsRecordedFromTheSecretItReplaced() {
        Catalog shop = Catalog.create("admin-audit-rotation");
        given().contentType(ContentType.JSON).body("{}").put(shop.path("webhook-secrets/stockout")).then().statusCode(200);
        String replaced = given().contentType(ContentType.JSON)
                .body(Row.of("previousValidFor", "PT1H"))
                .put(shop.path("webhook-secrets/stockout"))
                .then()
                .statusCode(200)
                .extract()
                .path("createdAt");
        long after = last("admin-audit-rotation");

        // the first secret is still valid beside the one it was replaced by: this rotation ends both
        given().contentType(ContentType.JSON)
                .body(Row.of("previousValidFor", "PT0S"))
                .put(shop.path("webhook-secrets/stockout"))
                .then()
                .statusCode(200);

        JsonPath trail = given().queryParam("after", after)
                .queryParam("entity", "webhook-secret")
                .get(shop.path("audit"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(trail.getList("entries")).hasSize(1);
        assertThat(trail.getBoolean("entries[0].before.current")).isTrue();
        assertThat(OffsetDateTime.parse(trail.getString("entries[0].before.created_at")).toInstant())
                .isEqualTo(OffsetDateTime.parse(replaced).toInstant());
        assertThat(trail.getBoolean("entries[0].after.current")).isTrue();
        assertThat(trail.getString("entries[0].after.secret")).isEqualTo("(hidden, changed)");
    }

    @Test
    void aNullListOfCatalogsIsNotAKeyForAllCatalogs() {
        long keys = rows("SELECT count(*) AS n FROM stockout_api_key").get(0).getLong("n");

        given().contentType(ContentType.JSON)
                .body("{\"name\":\"unset\",\"role\":\"ADMIN\",\"catalogs\":null}")
                .post("/stockout/api-keys")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", org.hamcrest.Matchers.equalTo("catalogs"));
        assertThat(rows("SELECT count(*) AS n FROM stockout_api_key").get(0).getLong("n")).isEqualTo(keys);
    }

    @Test
    void theOpenApiDocumentSaysWhatMakingAKeyAndRetryingADeliveryAnswer() {
        JsonPath openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();

        Map<String, Object> made = openapi.getMap("paths.'/stockout/api-keys'.post.responses");
        assertThat(made).containsKey("201").doesNotContainKey("200");
        assertThat(
                openapi.getString("paths.'/stockout/api-keys'.post.responses.'201'.content.'application/json'.schema.'$ref'"))
                .endsWith("/CreatedKey");
        assertThat(openapi.getMap(
                "paths.'/stockout/catalogs/{catalog}/subscriptions/{name}/deliveries/{id}/retry'.post.responses"))
                .containsKey("204")
                .doesNotContainKey("201");
    }

    private static long last(String catalog) {
        List<Long> ids = given().queryParam("limit", 1000)
                .get("/stockout/catalogs/" + catalog + "/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("entries.id", Long.class);
        return ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

package io.stockout.runtime.supply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.StockoutLoader;
import io.stockout.StockoutLoader.Receipt;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.access.Allowed;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Supply: receipts of arriving units, the suppliers with their delivery history, the purchase-order lines, and the
 * review of promises that time has passed.
 */
@Tag(name = "Supply")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout")
@Produces(MediaType.APPLICATION_JSON)
public class SupplyResource {

    private static final String SUPPLIERS = """
            SELECT c.promise_percentile, sup.code, sup.name, sup.lead_time_days, sup.receipts, sup.delay_allowance_days,
                   sup.confidence, sup.redated_receipts, sup.redated_allowance_days, sup.redated_confidence,
                   (SELECT count(*) FILTER (WHERE r.delay_days <= 0) FROM stockout_receipt r
                     WHERE r.catalog_id = sup.catalog_id AND r.supplier = sup.code AND r.delay_days IS NOT NULL)::int
                       AS on_time
              FROM stockout_catalog c
              LEFT JOIN LATERAL (SELECT * FROM stockout_supplier s WHERE s.catalog_id = c.id AND s.code > $2
                                  ORDER BY s.code LIMIT $3) sup ON true
             WHERE c.id = $1
             ORDER BY sup.code""";
    private static final String INBOUND = """
            SELECT ib.reference, ib.sku, ib.quantity, ib.received, ib.expected_date, ib.first_expected_date,
                   ib.supplier, ib.location_code, ib.status,
                   EXISTS (SELECT 1 FROM stockout_catalog WHERE id = $1) AS known
              FROM (SELECT 1) one
              LEFT JOIN stockout_inbound ib ON ib.catalog_id = $1 AND ($2::text IS NULL OR ib.sku = $2)
                   AND ($3::text IS NULL OR ib.status = $3) AND ib.reference > $4
             ORDER BY ib.reference LIMIT $5""";

    private final ReceiptService receipts;
    private final Repromising repromising;
    private final Pool pool;
    private final RequestBodies bodies;
    private final StockoutRuntimeConfig config;

    public SupplyResource(ReceiptService receipts, Repromising repromising, Pool pool, RequestBodies bodies,
            StockoutRuntimeConfig config) {
        this.receipts = receipts;
        this.repromising = repromising;
        this.pool = pool;
        this.bodies = bodies;
        this.config = config;
    }

    @POST
    @Path("/catalogs/{catalog}/receipts")
    @Allowed(AccessRole.WRITE)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = StockoutLoader.Receipt.class)),
            @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.Receipt.class))})
    public Uni<ReceiptService.Applied> receive(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        active();
        return receipts.apply(catalog,
                bodies.readRows(body, headers.getMediaType(), Receipt.class, ReceiptService.MAX_RECEIPTS));
    }

    @POST
    @Path("/catalogs/{catalog}/promises/review")
    @Allowed(AccessRole.WRITE)
    public Uni<Repromising.Result> review(@PathParam("catalog") String catalog) {
        active();
        Checks.catalogId(catalog);
        return repromising.review(catalog);
    }

    /**
     * A supplier with its delivery history.
     *
     * @param receipts deliveries measured against their purchase-order line's first expected date
     * @param onTimeShare the share of those that arrived on or before that date
     * @param delayAllowanceDays days promises add to its expected dates, at the catalog's percentile
     * @param confidence the estimated probability a delivery arrives within the allowance
     * @param redatedReceipts deliveries of lines it gave a new date, measured against that last date
     * @param redatedDelayAllowanceDays days promises add to the new dates it gives, once those have a history; null
     *        until then (the first dates' allowance applies)
     * @param redatedConfidence the estimated probability a re-dated delivery arrives within that allowance
     */
    public record SupplierView(String code, String name, Integer leadTimeDays, int receipts, Double onTimeShare,
            Integer delayAllowanceDays, Double confidence, double percentile, int redatedReceipts,
            Integer redatedDelayAllowanceDays, Double redatedConfidence) {
    }

    /** One page of suppliers in code order, and the cursor of the next when there may be one. */
    public record SupplierPage(List<SupplierView> suppliers, String next) {
    }

    /** The catalog's suppliers in code order: pass the last code seen as {@code after}. */
    @GET
    @Path("/catalogs/{catalog}/suppliers")
    @Allowed(AccessRole.READ)
    public Uni<SupplierPage> suppliers(@PathParam("catalog") String catalog, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        active();
        Checks.catalogId(catalog);
        int size = (int) Checks.query("limit", limit, 100, 1, 1000);
        String from = Checks.optional("after", after, 256);
        return pool.preparedQuery(SUPPLIERS)
                .execute(Tuple.of(catalog, from == null ? "" : from, size))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw StockoutProblem.unknownCatalog(catalog);
                    }
                    List<SupplierView> views = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getString("code") != null) {
                            int count = row.getInteger("receipts");
                            views.add(new SupplierView(row.getString("code"), row.getString("name"),
                                    row.getInteger("lead_time_days"), count,
                                    count == 0 ? null : (double) row.getInteger("on_time") / count,
                                    row.getInteger("delay_allowance_days"), row.getDouble("confidence"),
                                    row.getDouble("promise_percentile"), row.getInteger("redated_receipts"),
                                    row.getInteger("redated_allowance_days"), row.getDouble("redated_confidence")));
                        }
                    }
                    return new SupplierPage(views, views.size() == size ? views.get(views.size() - 1).code() : null);
                });
    }

    /** A purchase-order line as it stands. */
    public record InboundView(String reference, String sku, int quantity, int received, LocalDate expectedDate,
            LocalDate firstExpectedDate, String supplier, String location, String status) {
    }

    /** One page of purchase-order lines, and the cursor of the next when there may be one. */
    public record InboundPage(List<InboundView> lines, String next) {
    }

    @GET
    @Path("/catalogs/{catalog}/inbound")
    @Allowed(AccessRole.READ)
    public Uni<InboundPage> inbound(@PathParam("catalog") String catalog, @QueryParam("sku") String sku,
            @QueryParam("status") String status, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        active();
        Checks.catalogId(catalog);
        Checks.optional("sku", sku, 256);
        if (status != null && !List.of("OPEN", "RECEIVED", "CLOSED", "CANCELLED").contains(status)) {
            throw StockoutProblem.invalid("status", "must be one of OPEN, RECEIVED, CLOSED, CANCELLED");
        }
        int size = (int) Checks.query("limit", limit, 100, 1, 1000);
        String from = Checks.optional("after", after, 256);
        return pool.preparedQuery(INBOUND)
                .execute(Tuple.of(catalog, sku, status, from == null ? "" : from, size))
                .map(rows -> {
                    List<InboundView> lines = new ArrayList<>();
                    for (Row row : rows) {
                        if (!row.getBoolean("known")) {
                            throw StockoutProblem.unknownCatalog(catalog);
                        }
                        if (row.getString("reference") != null) {
                            lines.add(new InboundView(row.getString("reference"), row.getString("sku"),
                                    row.getInteger("quantity"), row.getInteger("received"),
                                    row.getLocalDate("expected_date"), row.getLocalDate("first_expected_date"),
                                    row.getString("supplier"), row.getString("location_code"), row.getString("status")));
                        }
                    }
                    String next = lines.size() == size ? lines.get(lines.size() - 1).reference() : null;
                    return new InboundPage(lines, next);
                });
    }

    private void active() {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
    }
}

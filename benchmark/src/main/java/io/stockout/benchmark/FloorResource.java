package io.stockout.benchmark;

import java.math.BigDecimal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The floor the workloads are measured against: one SKU row read by its primary key through the reactive pool Stockout
 * uses, answered as JSON. Nothing in a request costs less than this; only the benchmark application has it.
 */
@Path("/floor/{catalog}/{sku}")
public class FloorResource {

    private static final String READ = "SELECT sku, name, price FROM stockout_sku WHERE catalog_id = $1 AND sku = $2";

    private final Pool pool;

    public FloorResource(Pool pool) {
        this.pool = pool;
    }

    /** One SKU as stored. */
    public record Sku(String sku, String name, BigDecimal price) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> read(@PathParam("catalog") String catalog, @PathParam("sku") String sku) {
        return pool.preparedQuery(READ)
                .execute(Tuple.of(catalog, sku))
                .map(rows -> {
                    RowIterator<Row> found = rows.iterator();
                    if (!found.hasNext()) {
                        return Response.status(Response.Status.NOT_FOUND).build();
                    }
                    Row row = found.next();
                    return Response.ok(new Sku(row.getString("sku"), row.getString("name"), row.getBigDecimal("price")))
                            .build();
                });
    }
}

package io.stockout.runtime.problem;

/**
 * A request that Stockout refuses, with what the client needs to fix it. Rendered as RFC 9457 problem+json.
 */
public class StockoutProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final String field;

    public StockoutProblem(int status, String type, String title, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.field = field;
    }

    /** The request breaks a rule of the API; {@code field} names the part at fault, as a JSON path. */
    public static StockoutProblem invalid(String field, String detail) {
        return new StockoutProblem(400, "invalid-request", "The request is not valid", detail, field);
    }

    /** The body is not JSON, or not JSON of the expected shape. */
    public static StockoutProblem malformed(String field, String detail) {
        return new StockoutProblem(400, "malformed-body", "The request body cannot be read", detail, field);
    }

    public static StockoutProblem unknownCatalog(String catalog) {
        return new StockoutProblem(404, "unknown-catalog", "No such catalog",
                "Catalog '" + catalog + "' does not exist; create it with PUT /stockout/catalogs/" + catalog, "catalog");
    }

    /** The request refers to something that must exist first (a SKU, a location). */
    public static StockoutProblem unknownReference(String field, String detail) {
        return new StockoutProblem(422, "unknown-reference", "The request refers to something that does not exist",
                detail, field);
    }

    public static StockoutProblem inactive() {
        return new StockoutProblem(503, "inactive", "Stockout is switched off",
                "quarkus.stockout.active is false on this instance", null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}

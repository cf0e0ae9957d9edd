package io.stockout.runtime.devui;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.stockout.OfferKind;
import io.stockout.StockoutLoader;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.audit.Actor;
import io.stockout.runtime.availability.AvailabilityRequest;
import io.stockout.runtime.availability.AvailabilityService;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.loading.LoadingService;
import io.stockout.runtime.problem.Problem;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * What Stockout's Dev UI card asks in dev mode: the catalogs with their toggles, and availability checks.
 * <p>
 * It goes through the services the administration API and the availability webhook use, so a toggle is checked,
 * audited (as {@value #ACTOR}) and dropped from the settings every instance keeps, like a {@code PUT} of the catalog;
 * and an availability check answers what the webhook would, signature aside. The Dev UI serves only local callers.
 * <p>
 * The methods block a worker thread: the Dev UI calls them from one, and the catalog operations need a Vert.x context
 * of their own, which {@link VertxContextSupport} gives them.
 */
public class StockoutJsonRpcService {

    /** How the audit trail names changes made from the Dev UI. */
    public static final String ACTOR = "dev-ui";
    private static final int PAGE = 100;

    private final LoadingService loader;
    private final AvailabilityService availability;
    private final RequestBodies bodies;
    private final ObjectMapper mapper;
    private final StockoutRuntimeConfig config;

    public StockoutJsonRpcService(LoadingService loader, AvailabilityService availability, RequestBodies bodies,
            ObjectMapper mapper, StockoutRuntimeConfig config) {
        this.loader = loader;
        this.availability = availability;
        this.bodies = bodies;
        this.mapper = mapper;
        this.config = config;
    }

    /** Every catalog, in id order. */
    @Blocking
    public List<CatalogToggle> catalogs() throws Throwable {
        List<CatalogToggle> all = new ArrayList<>();
        String after = "";
        while (true) {
            String from = after;
            List<StockoutLoader.CatalogView> page = await(() -> loader.catalogs(null, from, PAGE));
            page.stream().map(CatalogToggle::of).forEach(all::add);
            if (page.size() < PAGE) {
                return all;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /**
     * Switches Stockout on or off for an existing catalog, as {@code PUT /stockout/catalogs/{catalog}} would, and
     * answers with the HTTP status and body that would: the catalog as the card lists it, or the problem that refuses
     * the change (an unknown catalog is not created).
     */
    @Blocking
    public Answer toggle(String catalog, boolean active) throws Throwable {
        try {
            if (!config.active()) {
                throw StockoutProblem.inactive();
            }
            StockoutLoader.CatalogView changed = await(() -> loader.getCatalog(catalog)
                    .onItem()
                    .ifNull()
                    .failWith(() -> StockoutProblem.unknownCatalog(catalog))
                    .flatMap(found -> {
                        Actor.serving(ACTOR);
                        return loader.putCatalog(catalog, new StockoutLoader.Catalog(null, active, null, null, null,
                                null, null, null, null));
                    }));
            return new Answer(200, plain(CatalogToggle.of(changed)));
        } catch (StockoutProblem problem) {
            return refused(problem);
        }
    }

    /**
     * Checks availability as the catalog's webhook would and answers with the HTTP status and body the webhook would
     * give: the answer, or the problem that refuses the request.
     *
     * @param request the webhook's JSON body
     */
    @Blocking
    public Answer availability(String catalog, String request) throws Throwable {
        try {
            if (!config.active()) {
                throw StockoutProblem.inactive();
            }
            byte[] body = request == null ? new byte[0] : request.getBytes(StandardCharsets.UTF_8);
            AvailabilityRequest read = bodies.read(body, AvailabilityRequest.class);
            Object answer = await(() -> availability.check(catalog, read));
            return new Answer(200, plain(answer));
        } catch (StockoutProblem problem) {
            return refused(problem);
        }
    }

    private Answer refused(StockoutProblem problem) {
        return new Answer(problem.status(), plain(new Problem(Problem.type(problem.type()), problem.title(),
                problem.status(), problem.getMessage(), problem.field())));
    }

    /**
     * The value as the application's JSON would render it, in maps, lists and scalars: the Dev UI writes its answers
     * with a JSON mapper of its own, which knows neither Stockout's types nor the application's settings.
     */
    private Object plain(Object value) {
        return mapper.convertValue(value, Object.class);
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }

    /** A catalog as the card lists it. */
    public record CatalogToggle(String id, String name, boolean active, boolean forcedOutOfStock,
            List<OfferKind> offerKinds) {

        static CatalogToggle of(StockoutLoader.CatalogView view) {
            return new CatalogToggle(view.id(), view.name(), view.active(), view.forcedOutOfStock(), view.offerKinds());
        }
    }

    /** What the HTTP API would answer: its status and its JSON body (a problem when the status is not 200). */
    public record Answer(int status, Object body) {
    }
}

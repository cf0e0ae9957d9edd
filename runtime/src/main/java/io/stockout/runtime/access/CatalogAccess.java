package io.stockout.runtime.access;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.vertx.ext.web.RoutingContext;

/**
 * The access check of the administration endpoints: each is marked with the role it needs ({@link Allowed}), on the
 * catalog in its path or on every catalog; the caller's identity comes from Quarkus security (see
 * {@link ApiKeyMechanism}). A refusal is problem+json (401 without a valid key, 403 with a key that does not reach),
 * and comes before the request body is read. The application's own endpoints are not touched.
 */
public class CatalogAccess {

    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest requests;
    private final Map<Method, Optional<Allowed>> marks = new ConcurrentHashMap<>();

    public CatalogAccess(CurrentIdentityAssociation identities, CurrentVertxRequest requests) {
        this.identities = identities;
        this.requests = requests;
    }

    @ServerRequestFilter
    public Uni<Void> check(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource == null || !resource.getResourceClass().getName().startsWith("io.stockout.")) {
            return null;
        }
        Allowed allowed = marks.computeIfAbsent(method(resource), CatalogAccess::mark).orElse(null);
        if (allowed == null) {
            return null;
        }
        String catalog = request.getUriInfo().getPathParameters().getFirst("catalog");
        return identities.getDeferredIdentity()
                .invoke(identity -> check(grant(identity, keysUnavailable()), allowed, catalog))
                .replaceWithVoid();
    }

    private static Method method(SimpleResourceInfo resource) {
        try {
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Allowed> mark(Method method) {
        return Optional.ofNullable(method.getAnnotation(Allowed.class));
    }

    static void check(Grant grant, Allowed allowed, String catalog) {
        AccessRole needed = allowed.value();
        switch (allowed.scope()) {
            case CATALOG -> {
                if (!grant.allows(catalog, needed)) {
                    throw AccessProblems.forbidden(grant.allows(catalog, AccessRole.READ)
                            ? "this needs the " + needed + " role on catalog '" + catalog + "'; the key has "
                                    + grant.role()
                            : "the key does not reach catalog '" + catalog + "'");
                }
            }
            case ALL_CATALOGS -> {
                if (!grant.allowsEverywhere(needed)) {
                    throw AccessProblems.forbidden("this spans all catalogs: it needs a key with the " + needed
                            + " role on all catalogs");
                }
            }
            case SOME_CATALOG -> {
                if (!grant.role().includes(needed)) {
                    throw AccessProblems.forbidden("this needs the " + needed + " role; the key has " + grant.role());
                }
            }
        }
    }

    /** Whether this request's key could not be looked up (the database holding the keys did not answer). */
    private boolean keysUnavailable() {
        RoutingContext routing = requests.getCurrent();
        return routing != null && Boolean.TRUE.equals(routing.get(ApiKeyMechanism.KEYS_UNAVAILABLE));
    }

    /** The caller's grant; a caller without one is refused as unauthenticated. */
    public static Grant grant(SecurityIdentity identity) {
        return grant(identity, false);
    }

    /**
     * The caller's grant. A caller without one is refused: as unauthenticated, or, where its key could not be looked
     * up, as a caller to come back shortly (503), since the key may well be valid.
     */
    static Grant grant(SecurityIdentity identity, boolean keysUnavailable) {
        Grant grant = identity.isAnonymous() ? null : identity.getAttribute(Grant.ATTRIBUTE);
        if (grant == null) {
            throw keysUnavailable ? AccessProblems.keysUnavailable() : AccessProblems.unauthenticated();
        }
        return grant;
    }
}

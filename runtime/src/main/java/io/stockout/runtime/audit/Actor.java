package io.stockout.runtime.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.stockout.runtime.access.Grant;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who is making a change, as the audit trail records it: the API key of an administration request, the application's
 * own user when the application calls Stockout's beans while serving a request, or the application itself.
 * <p>
 * The audit rows are written by triggers; a transaction tells them its actor with {@link #name}.
 */
public final class Actor {

    /** Changes made by the application outside any request (at start, from its own scheduled work). */
    public static final String APPLICATION = "application";
    private static final String LOCAL = "io.stockout.actor";

    private Actor() {
    }

    /**
     * The caller of the request being served: the key the access check admitted (kept on the request's Vert.x context,
     * so that it is known in any step of the request's work), else the request's identity.
     */
    public static String current() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            Object actor = context.getLocal(LOCAL);
            if (actor instanceof String name) {
                return name;
            }
        }
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return APPLICATION;
        }
        try (InstanceHandle<CurrentIdentityAssociation> association = container
                .instance(CurrentIdentityAssociation.class)) {
            if (!association.isAvailable()) {
                return APPLICATION;
            }
            SecurityIdentity identity = association.get().getIdentity();
            if (identity == null || identity.isAnonymous()) {
                return APPLICATION;
            }
            Grant grant = identity.getAttribute(Grant.ATTRIBUTE);
            return grant != null ? grant.actor() : "user:" + identity.getPrincipal().getName();
        } catch (RuntimeException e) {
            // an identity that is not resolved yet (lazy authentication) is not waited for here
            return APPLICATION;
        }
    }

    /** Keeps the caller of the request being served for {@link #current()}. */
    public static void serving(String actor) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(LOCAL, actor);
        }
    }

    /** Names the actor of the transaction {@code connection} is in, for the audit triggers. */
    public static Uni<Void> name(SqlConnection connection, String actor) {
        return connection.preparedQuery("SELECT set_config('stockout.actor', $1, true)")
                .execute(Tuple.of(actor))
                .replaceWithVoid();
    }
}

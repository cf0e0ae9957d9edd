package io.stockout.runtime.access;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns a Stockout API key into the caller's identity: its principal names the key, its roles are the key's role, and
 * its {@link Grant} says on which catalogs the role holds.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);

    private final ApiKeys keys;

    public ApiKeyIdentityProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        return keys.grantFor(request.key())
                .map(grant -> {
                    if (grant == null) {
                        throw new AuthenticationFailedException("unknown or revoked Stockout API key");
                    }
                    return (SecurityIdentity) QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(grant.actor()))
                            .addRole("stockout-" + grant.role().name().toLowerCase())
                            .addAttribute(Grant.ATTRIBUTE, grant)
                            .build();
                })
                .onFailure(failure -> !(failure instanceof AuthenticationFailedException))
                .invoke(failure -> {
                    LOG.warnf("Stockout API keys could not be looked up: %s", failure.toString());
                    // the caller stays anonymous; the access check tells it the keys could not be checked
                    RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
                    if (routing != null) {
                        routing.put(ApiKeyMechanism.KEYS_UNAVAILABLE, Boolean.TRUE);
                    }
                });
    }
}

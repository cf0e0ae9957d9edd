package io.stockout.runtime.access;

import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a Stockout API key from {@code Authorization: Bearer sok_...} on Stockout's administration endpoints. Other
 * bearer tokens and other paths are left to the application's own mechanisms, and an unknown or revoked key leaves the
 * caller anonymous: the administration endpoints then answer 401 as problem+json.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";
    /** Set on a request whose key could not be looked up: the access check answers 503 rather than 401. */
    static final String KEYS_UNAVAILABLE = "io.stockout.keys-unavailable";

    private final String administration;
    private final Pattern webhooks;

    public ApiKeyMechanism() {
        Config config = ConfigProvider.getConfig();
        String root = config.getOptionalValue("quarkus.http.root-path", String.class).orElse("/");
        String rest = config.getOptionalValue("quarkus.rest.path", String.class).orElse("/");
        String base = ("/" + root + "/" + rest + "/").replaceAll("/+", "/");
        this.administration = base + "stockout/";
        this.webhooks = Pattern.compile(Pattern.quote(administration)
                + "catalogs/[^/]+/(availability|carts/.*|order-events|webhooks/.*)");
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        // a Stockout key is an identity on Stockout's administration endpoints only: never on the application's own
        // endpoints, and webhooks, which are signed, do not even look it up
        String path = context.normalizedPath();
        if (!path.startsWith(administration) || webhooks.matcher(path).matches()) {
            return Uni.createFrom().nullItem();
        }
        String key = key(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager
                .authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key), context))
                .onFailure(AuthenticationFailedException.class)
                .recoverWithNull()
                .onFailure()
                .recoverWithItem(failure -> {
                    // the caller stays anonymous; the access check tells it the keys could not be checked
                    context.put(KEYS_UNAVAILABLE, Boolean.TRUE);
                    return null;
                });
    }

    static String key(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return ApiKeys.looksLikeKey(token) ? token : null;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // Stockout's endpoints send their own challenge with their problem+json; the application's keep theirs
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public int getPriority() {
        // before the application's bearer mechanisms, which would refuse a token that is not theirs
        return DEFAULT_PRIORITY + 100;
    }
}

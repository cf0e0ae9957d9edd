package io.stockout.runtime.access;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A Stockout API key presented as a bearer token. */
final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}

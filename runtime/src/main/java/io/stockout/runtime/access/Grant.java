package io.stockout.runtime.access;

import java.util.Set;

import io.stockout.AccessRole;

/**
 * What the caller's key allows: a role on some catalogs, or on all of them. Carried by the caller's
 * {@code SecurityIdentity} as the attribute {@link #ATTRIBUTE}.
 *
 * @param keyId the stored key's id; {@code bootstrap} for the key from configuration
 * @param name the name given to the key when it was made
 * @param catalogs the catalogs the key reaches; {@code null} for all catalogs, including those made later
 */
public record Grant(String keyId, String name, AccessRole role, Set<String> catalogs) {

    public static final String ATTRIBUTE = "io.stockout.grant";
    static final String BOOTSTRAP = "bootstrap";

    public boolean allows(String catalog, AccessRole needed) {
        return role.includes(needed) && (catalogs == null || catalogs.contains(catalog));
    }

    /** Whether the key reaches every catalog with at least this role: needed for what is shared by all catalogs. */
    public boolean allowsEverywhere(AccessRole needed) {
        return role.includes(needed) && catalogs == null;
    }

    /** How the audit trail names the caller. */
    public String actor() {
        return BOOTSTRAP.equals(keyId) ? "bootstrap-key" : "api-key:" + keyId + " (" + name + ")";
    }
}

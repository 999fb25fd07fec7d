package dev.gssproxy4j.mech;

import java.util.List;

/**
 * What {@code gss_store_cred_into} (RFC 5588, MIT cred store extension) stored.
 *
 * @param elementsStored mechanisms whose elements were stored
 * @param usageStored    the usage that was stored
 */
public record StoreResult(List<Oid> elementsStored, CredUsage usageStored) {

    public StoreResult {
        elementsStored = List.copyOf(elementsStored);
    }
}

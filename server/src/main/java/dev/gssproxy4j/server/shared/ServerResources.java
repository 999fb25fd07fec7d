package dev.gssproxy4j.server.shared;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.server.cache.AcceptorNames;
import dev.gssproxy4j.server.cache.CredCache;
import dev.gssproxy4j.server.cache.KeytabMirrors;
import dev.gssproxy4j.server.cache.LiveContexts;
import dev.gssproxy4j.server.config.UserDirectory;
import dev.gssproxy4j.server.fair.GssCalls;
import dev.gssproxy4j.server.seal.HandleSealer;
import java.time.Clock;

/**
 * What every call shares and a reload does not replace: the mechanism library, the permits requests run under
 * ({@link GssCalls}), the handle sealer with its keyring, the user directory,
 * the clock, the cache of acceptor credentials opened from handles with the in-memory copies of their keytabs,
 * the described target names of accepted contexts, and the complete contexts the per-message procedures use.
 */
public record ServerResources(Gss gss, HandleSealer sealer, UserDirectory users,
                              Clock clock, CredCache credCache, KeytabMirrors keytabMirrors, GssCalls gssCalls,
                              AcceptorNames acceptorNames, LiveContexts liveContexts) {

    /** GSS calls at once when not configured: upstream's default {@code worker threads}. */
    public static final int DEFAULT_GSS_PERMITS = 5;
    /** Calls of one uid that may wait for a GSS permit when not configured. */
    public static final int DEFAULT_GSS_QUEUE = 1024;

    /**
     * Resources with the caches at their default sizes and at most {@link #DEFAULT_GSS_PERMITS} requests at once.
     */
    public ServerResources(Gss gss, HandleSealer sealer, UserDirectory users, Clock clock) {
        this(gss, sealer, users, clock, new CredCache(CredCache.DEFAULT_CAPACITY),
                new KeytabMirrors(gss, clock, KeytabMirrors.DEFAULT_CAPACITY),
                new GssCalls(DEFAULT_GSS_PERMITS, DEFAULT_GSS_QUEUE),
                new AcceptorNames(AcceptorNames.DEFAULT_CAPACITY), new LiveContexts(LiveContexts.DEFAULT_CAPACITY));
    }
}

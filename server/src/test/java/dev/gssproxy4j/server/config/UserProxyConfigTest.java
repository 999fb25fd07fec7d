package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.CredUsage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** User mode's built-in configuration, as upstream's {@code userproxy_config}. */
class UserProxyConfigTest {

    private static final Path SOCKET = Path.of("/run/user/1000/gssproxy/default.sock");

    private final GssProxyConfig config = UserProxyConfig.of(1000, SOCKET,
            Path.of("/run/user/1000/gssproxy/gssproxy4j.keyring"), 2, false);

    @Test
    void oneServiceForTheOwnUidWithTheUsersDefaultsAndCcacheSync() {
        ServiceConfig service = config.services().getFirst();
        assertEquals(1, config.services().size());
        assertEquals("user-proxy", service.name());
        assertEquals(1000, service.euid().getAsInt());
        assertEquals(java.util.Set.of(Mech.KRB5), service.mechs());
        assertEquals(List.of(), service.credStore(), "no cred_store: MIT's defaults of the user's environment");
        assertEquals(CredUsage.BOTH, service.credUsage());
        assertTrue(service.allowClientCcacheSync());
        assertEquals(ConfigOption.FILTER_FLAGS.defaultFlags(), service.filterFlags());
        assertEquals(ConfigOption.MIN_LIFETIME.defaultInteger(), service.minLifetime());
        assertEquals(List.of(SOCKET), config.sockets());
        assertEquals(2, config.workerThreads());
        assertEquals(2, config.debugLevel());
        assertEquals(Optional.empty(), config.runAsUser());
    }

    @Test
    void onlyTheOwnUidMatches() {
        ServiceMatcher matcher = new ServiceMatcher(config);
        assertEquals("user-proxy", matcher.find(Caller.of(1000, 1000, 42, null, null, SOCKET)).orElseThrow().name());
        assertEquals(Optional.empty(), matcher.find(Caller.of(0, 0, 42, null, null, SOCKET)), "not even root");
        assertEquals(Optional.empty(), matcher.find(Caller.of(65534, 65534, 42, null, null, SOCKET)));
    }
}

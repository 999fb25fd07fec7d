package dev.gssproxy4j.server;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssExecutor;
import dev.gssproxy4j.server.config.UserDirectory;
import dev.gssproxy4j.server.seal.HandleSealer;
import java.time.Clock;

/**
 * What every call shares and a reload does not replace: the mechanism library, the bounded pool of platform
 * threads that runs GSS calls which may block (so virtual threads never pin a carrier in native code), the
 * handle sealer with its keyring, the user directory and the clock.
 */
public record ServerResources(Gss gss, GssExecutor executor, HandleSealer sealer, UserDirectory users,
                              Clock clock) {}

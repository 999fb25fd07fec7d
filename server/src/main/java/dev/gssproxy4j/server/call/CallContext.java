package dev.gssproxy4j.server.call;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.creds.CredentialPolicy;
import dev.gssproxy4j.server.shared.ServerResources;

/**
 * One call as its handler sees it, built by the dispatcher once the caller has matched a service: who called, the
 * service, the configuration snapshot the call started with (a reload does not change it under a running call), the
 * daemon's shared resources, and the call's authority over credentials ({@link #credentials()}), like nfs4j's
 * per-call {@code PseudoFs}. The dispatcher closes the call when its handler has returned (or thrown). One call, one
 * thread.
 */
public final class CallContext implements AutoCloseable {

    private final Caller caller;
    private final ServiceConfig service;
    private final GssProxyConfig config;
    private final long connectionId;
    private final ServerResources resources;
    private final CallCtx clientEnvironment;
    private CredentialPolicy credentials;
    private boolean closed;

    /** A call that honours no client environment. */
    public CallContext(Caller caller, ServiceConfig service, GssProxyConfig config, long connectionId,
                       ServerResources resources) {
        this(caller, service, config, connectionId, resources, CallCtx.EMPTY);
    }

    /**
     * @param clientEnvironment the {@code call_ctx} whose {@code gssproxy4j.env.*} options the call honours: the
     *                          request's own for the procedures that read them (docs/PROTOCOL.md), else
     *                          {@link CallCtx#EMPTY}
     */
    public CallContext(Caller caller, ServiceConfig service, GssProxyConfig config, long connectionId,
                       ServerResources resources, CallCtx clientEnvironment) {
        this.caller = caller;
        this.service = service;
        this.config = config;
        this.connectionId = connectionId;
        this.resources = resources;
        this.clientEnvironment = clientEnvironment;
    }

    public Caller caller() {
        return caller;
    }

    public ServiceConfig service() {
        return service;
    }

    public GssProxyConfig config() {
        return config;
    }

    public long connectionId() {
        return connectionId;
    }

    public ServerResources resources() {
        return resources;
    }

    /**
     * What this call may do with credentials: the caller's and service's {@link CredentialPolicy}, with the client
     * environment this call honours. Opened on the first ask, so a procedure that never asks pays nothing (no
     * environment is parsed, no file read); later asks get the same policy.
     *
     * @throws dev.gssproxy4j.mech.GssException GSS_S_FAILURE for a client environment the service does not allow
     */
    public CredentialPolicy credentials() {
        if (closed) {
            throw new IllegalStateException("the call has ended");
        }
        if (credentials == null) {
            credentials = CredentialPolicy.open(resources, caller, service, connectionId, clientEnvironment);
        }
        return credentials;
    }

    /** For logs: {@code service 'http', uid 48 (program /usr/sbin/httpd)}. */
    public String describe() {
        return caller.describeFor(service);
    }

    /** Ends the call: closes its credential policy if one was opened (its private ccaches and keytab snapshots). */
    @Override
    public void close() {
        closed = true;
        if (credentials != null) {
            credentials.close();
            credentials = null;
        }
    }
}

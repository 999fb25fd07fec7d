package dev.gssproxy4j.bench;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.client.GssProxyException;
import dev.gssproxy4j.client.GssStatusText;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import java.nio.file.Path;

/**
 * Accepting through a GSS-Proxy socket the way MIT's interposer plugin does for a web server: one connection per
 * client, ACQUIRE_CRED for the acceptor once ({@code shared/wire/accept/02}), then per operation
 * ACCEPT_SEC_CONTEXT with that credential handle ({@code accept/04}), {@code gss_import_sec_context} of the
 * returned context in this process and one {@code gss_unwrap}.
 *
 * @param name    for reports
 * @param socket  the daemon's socket
 * @param service the acceptor name, e.g. {@code HTTP@localhost}
 */
public record ProxyPath(String name, Path socket, String service) implements AcceptPath {

    @Override
    public Worker open() {
        GssProxyClient client = GssProxyClient.connect(socket);
        try {
            ResAcquireCred acquired = client.acquireCred(Args.acquireAcceptorCred(service));
            if (!acquired.status().isComplete() || acquired.outputCredHandle().isEmpty()) {
                throw new IllegalStateException("ACQUIRE_CRED for " + service + " on " + socket + " failed: "
                        + GssStatusText.describe(acquired.status()) + "; check the daemon's service section"
                        + " (cred_store keytab, euid) and its log");
            }
            return new ProxyWorker(client, acquired.outputCredHandle().get());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private record ProxyWorker(GssProxyClient client, GssxCred cred) implements Worker {

        @Override
        public long run(Token token) {
            ResAcceptSecContext result;
            long start = System.nanoTime();
            try {
                result = client.acceptSecContext(Args.accept(cred, token.apReq()));
            } catch (GssProxyException e) {
                throw new OperationFailed("ACCEPT_SEC_CONTEXT: " + e.reason() + ": " + e.getMessage(),
                        e.reason().closesConnection(), e);
            }
            long elapsed = System.nanoTime() - start;
            if (!result.status().isComplete()) {
                throw new OperationFailed("ACCEPT_SEC_CONTEXT: " + GssStatusText.describe(result.status()), false,
                        null);
            }
            GssxCtx context = result.contextHandle().orElseThrow(() -> new OperationFailed(
                    "ACCEPT_SEC_CONTEXT completed without a context handle", false, null));
            try (SecContext local = Gss.get().importContext(context.exportedContextToken().toByteArray())) {
                Checks.unwrapMatches(local, token);
            } catch (GssException e) {
                throw new OperationFailed("import/unwrap of the returned context: " + e.getMessage(), false, e);
            }
            return elapsed;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}

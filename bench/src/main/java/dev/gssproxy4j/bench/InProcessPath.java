package dev.gssproxy4j.bench;

import dev.gssproxy4j.mech.AcceptResult;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SecContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The no-proxy floor: what the same operation costs when the application holds the keytab itself. Per client:
 * {@code gss_acquire_cred_from(keytab)} for the acceptor once; per operation {@code gss_accept_sec_context}
 * (timed) and one {@code gss_unwrap}. No socket, no XDR, no export/import of the context. The replay cache is
 * the one {@code KRB5RCACHEDIR} of this process names, as for the daemons.
 *
 * @param keytab  the service keytab
 * @param service the acceptor name, e.g. {@code HTTP@localhost}
 */
public record InProcessPath(Path keytab, String service) implements AcceptPath {

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public Worker open() {
        Gss gss = Gss.get();
        try (GssName name = gss.importName(service, Oid.NT_HOSTBASED_SERVICE)) {
            return new LocalWorker(gss.acquireCred(name, Gss.LIFETIME_DEFAULT, List.of(Oid.KRB5), CredUsage.ACCEPT,
                    Map.of("keytab", "FILE:" + keytab)));
        }
    }

    private record LocalWorker(GssCred cred) implements Worker {

        @Override
        public long run(Token token) {
            long start = System.nanoTime();
            AcceptResult result;
            try {
                result = Gss.get().acceptSecContext(null, cred, token.apReq(), null);
            } catch (GssException e) {
                throw new OperationFailed("gss_accept_sec_context: " + e.getMessage(), false, e);
            }
            long elapsed = System.nanoTime() - start;
            try (SecContext context = result.context()) {
                if (result.continueNeeded()) {
                    throw new OperationFailed("gss_accept_sec_context wants another leg", false, null);
                }
                Checks.unwrapMatches(context, token);
            } catch (GssException e) {
                throw new OperationFailed("gss_unwrap: " + e.getMessage(), false, e);
            } finally {
                closeQuietly(result.srcName());
                closeQuietly(result.delegatedCred());
            }
            return elapsed;
        }

        @Override
        public void close() {
            cred.close();
        }

        private static void closeQuietly(AutoCloseable handle) {
            if (handle == null) {
                return;
            }
            try {
                handle.close();
            } catch (Exception e) {
                throw new OperationFailed("releasing a handle failed: " + e, false, e);
            }
        }
    }
}

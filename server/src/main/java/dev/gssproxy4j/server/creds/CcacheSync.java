package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrSizeException;
import dev.gssproxy4j.xdr.XdrWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Client ccache sync (upstream {@code gp_check_sync_creds}/{@code gp_export_sync_creds}): when the service has
 * {@code allow_client_ccache_sync}, the request carries {@code sync_modified_creds=default} and the service's cred
 * store has no {@code ccache} of its own, a credential that gained tickets during the call (a new service ticket
 * in its MEMORY ccache) is sent back re-sealed as option {@code sync_creds} = XDR({@code gssx_cred}), so the
 * client stores it.
 *
 * <p>Upstream counts the tickets before and after (via {@code krb5_cc_*}, which the mechanism module does not
 * offer); this compares a SHA-256 digest of {@code gss_export_cred} before and after, which changes exactly when
 * the ccache contents (tickets) or other credential state change.
 */
public final class CcacheSync {

    /** Upstream's GPKRB_MAX_CRED_SIZE: the largest {@code sync_creds} value. */
    public static final int MAX_VALUE_BYTES = 512 * 1024;

    private final CredentialPolicy policy;
    private final OpenedCred cred;
    private final byte[] before;

    private CcacheSync(CredentialPolicy policy, OpenedCred cred, byte[] before) {
        this.policy = policy;
        this.cred = cred;
        this.before = before;
    }

    /** A baseline for {@code cred} if sync applies to this call and request, else empty. */
    public static Optional<CcacheSync> begin(CredentialPolicy policy, OpenedCred cred,
                                             List<GssxOption> requestOptions) throws InterruptedException {
        ServiceConfig service = policy.service();
        boolean requested = Options.valueText(requestOptions, Options.SYNC_MODIFIED_CREDS)
                .filter("default"::equals).isPresent();
        if (!service.allowClientCcacheSync() || !requested || service.credStoreValue("ccache").isPresent()) {
            return Optional.empty();
        }
        return digest(policy, cred).map(d -> new CcacheSync(policy, cred, d));
    }

    /** The {@code sync_creds} option if the credential changed since {@link #begin}; failures are only logged. */
    public Optional<GssxOption> finish() throws InterruptedException {
        Optional<byte[]> after = digest(policy, cred);
        if (after.isEmpty() || MessageDigest.isEqual(before, after.get())) {
            return Optional.empty();
        }
        try {
            GssxCred sealed = policy.seal(cred.cred(), cred.targetUid());
            XdrWriter writer = new XdrWriter(4096, MAX_VALUE_BYTES);
            sealed.encode(writer);
            return Optional.of(GssxOption.of(Options.SYNC_CREDS, Opaque.of(writer.toByteArray())));
        } catch (GssException | XdrSizeException e) {
            DaemonLog.debug(1, policy.connectionId(), "Failed to export sync creds: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<byte[]> digest(CredentialPolicy policy, OpenedCred cred) throws InterruptedException {
        try {
            byte[] exported = policy.gss().exportCred(cred.cred());
            try {
                return Optional.of(MessageDigest.getInstance("SHA-256").digest(exported));
            } finally {
                Arrays.fill(exported, (byte) 0);
            }
        } catch (GssException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }
}

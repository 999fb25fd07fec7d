package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.CredInfo;
import dev.gssproxy4j.mech.CredMechInfo;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.CredElement;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.server.convert.CredUsages;
import dev.gssproxy4j.server.convert.Names;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleKind;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.xdr.Opaque;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code gssx_cred} handles as upstream's {@code gp_export_gssx_cred} builds them: the credential's name, one
 * element per mechanism ({@code gss_inquire_cred_by_mech}: MN, usage, seconds left to initiate and to accept;
 * elements that fail to inquire are skipped), {@code needs_release} false, and as {@code cred_handle_reference}
 * the {@code gss_export_cred} token, here sealed with {@link HandleSealer} (AES-256-GCM bound to the credential store ({@link StoreScope}), uid and
 * target uid) instead of upstream's krb5 encryption with a keytab key.
 */
final class CredHandles {

    /** Expiry of a handle whose credential never expires (GSS_C_INDEFINITE, e.g. a keytab acceptor). */
    static final Duration INDEFINITE_EXPIRY = Duration.ofDays(3650);

    private CredHandles() {}

    /**
     * May block (exports the credential, which may read a ccache). {@code scrub} rewrites the exported token before
     * it is sealed (it names no file that ends with the call: {@link CallerKeytabs#scrub}); it may return its input.
     */
    static GssxCred seal(Gss gss, HandleSealer sealer, GssCred cred, Binding binding, Instant now,
                         UnaryOperator<byte[]> scrub) {
        try (CredInfo info = gss.inquireCred(cred)) {
            GssxName name = info.name() == null ? GssxName.EMPTY : Names.describe(info.name());
            List<GssxOption> options = binding.targetUid() == Binding.NO_TARGET ? List.of()
                    : List.of(CredOptions.targetUidOption(binding.targetUid()));
            List<CredElement> elements = new ArrayList<>();
            for (Oid mech : info.mechs()) {
                try (CredMechInfo element = gss.inquireCredByMech(cred, mech)) {
                    GssxName mn = element.name() == null ? GssxName.EMPTY : Names.describe(element.name());
                    elements.add(new CredElement(mn, Names.oidBytes(mech), CredUsages.toWire(element.usage()),
                            element.initiatorLifetime(), element.acceptorLifetime(), options));
                } catch (GssException e) {
                    // upstream skips an element that fails to inquire ("skip any offender")
                }
            }
            byte[] raw = gss.exportCred(cred);
            byte[] exported = scrub.apply(raw);
            if (exported != raw) {
                Arrays.fill(raw, (byte) 0);
            }
            try {
                byte[] sealed = sealer.seal(HandleKind.CREDENTIAL, binding, expiry(now, info.lifetime()), exported);
                return new GssxCred(name, elements, Opaque.of(sealed), false);
            } finally {
                Arrays.fill(exported, (byte) 0);
            }
        }
    }

    /**
     * When a handle for a credential with {@code lifetime} seconds left stops opening: then, or in ten years for
     * GSS_C_INDEFINITE. An expired handle opens as "expired", which callers treat as no credential and re-acquire.
     */
    static Instant expiry(Instant now, long lifetime) {
        Duration left = lifetime == Gss.INDEFINITE ? INDEFINITE_EXPIRY : Duration.ofSeconds(Math.max(lifetime, 1));
        return now.plus(left);
    }
}

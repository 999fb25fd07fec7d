package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.protocol.CredElement;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalInt;

/**
 * Client options carried in a credential handle's elements, applied to the imported credential as upstream's
 * {@code gp_set_cred_options} does: {@code krb5_set_allowed_enctype_values} (int32 enctypes in host byte order,
 * {@code gss_krb5_set_allowable_enctypes}) and {@code krb5_set_no_ci_flags} ({@code GSS_KRB5_CRED_NO_CI_FLAGS_X}).
 * Failures are logged and ignored, as upstream ignores them. Also the target-uid hint this daemon adds to handles
 * a trusted service acquired for another uid (see {@link #TARGET_UID}).
 */
final class CredOptions {

    /**
     * Element option naming the uid a trusted service acquired the credential for (decimal text). The uid is
     * authenticated as part of the handle's binding, so the hint only tells {@code open} which binding to try; a
     * wrong hint makes the handle fail to open.
     */
    static final String TARGET_UID = "gssproxy4j_target_uid";

    private CredOptions() {}

    static void apply(Gss gss, GssxCred handle, GssCred cred, long cid) {
        int[] enctypes = null;
        boolean noCiFlags = false;
        for (CredElement element : handle.elements()) {
            for (GssxOption option : element.options()) {
                if (enctypes == null && option.nameIs(Options.KRB5_SET_ALLOWED_ENCTYPE_VALUES)) {
                    enctypes = enctypes(option.value());
                } else if (option.nameIs(Options.KRB5_SET_NO_CI_FLAGS)) {
                    noCiFlags = true;
                }
            }
        }
        try {
            if (enctypes != null && enctypes.length > 0) {
                gss.setAllowableEnctypes(cred, enctypes);
            }
            if (noCiFlags) {
                gss.setNoCiFlags(cred);
            }
        } catch (GssException e) {
            DaemonLog.debug(1, cid, "Failed to apply credential options: " + e.status());
        }
    }

    /** Whether {@link #apply} would change a credential imported from {@code handle}. */
    static boolean changeCred(GssxCred handle) {
        for (CredElement element : handle.elements()) {
            for (GssxOption option : element.options()) {
                if (option.nameIs(Options.KRB5_SET_ALLOWED_ENCTYPE_VALUES)
                        || option.nameIs(Options.KRB5_SET_NO_CI_FLAGS)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The uid of a {@link #TARGET_UID} option, if the handle carries a well-formed one. */
    static OptionalInt targetUid(GssxCred handle) {
        for (CredElement element : handle.elements()) {
            for (GssxOption option : element.options()) {
                if (option.nameIs(TARGET_UID)) {
                    String text = option.valueText();
                    if (!text.isEmpty() && text.length() <= 10 && text.chars().allMatch(Character::isDigit)) {
                        long uid = Long.parseLong(text);
                        return uid <= 0xffff_fffeL ? OptionalInt.of((int) uid) : OptionalInt.empty();
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    static GssxOption targetUidOption(int uid) {
        return GssxOption.of(TARGET_UID, Integer.toUnsignedString(uid));
    }

    /** Whole int32s in host order; a trailing partial value is ignored, as upstream's division drops it. */
    private static int[] enctypes(Opaque value) {
        ByteBuffer buffer = ByteBuffer.wrap(value.toByteArray()).order(ByteOrder.nativeOrder());
        int[] types = new int[value.length() / Integer.BYTES];
        for (int i = 0; i < types.length; i++) {
            types[i] = buffer.getInt();
        }
        return types;
    }
}

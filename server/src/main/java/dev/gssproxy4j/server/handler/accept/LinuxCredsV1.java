package dev.gssproxy4j.server.handler.accept;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.posix.PasswdEntry;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.mech.posix.PosixException;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.server.error.GssErrors;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The {@code linux_creds_v1} reply option (upstream {@code gp_export_creds_linux}): the local account of the
 * initiator as host-endian u32s {@code uid, gid, N, gid[N]}, found with {@code gss_localname} (krb5
 * {@code auth_to_local}), {@code getpwnam} and {@code getgrouplist} (which includes the primary group). A principal
 * without a local account gets {@code -1, -1, 0}, because the kernel fails the context when the option is missing.
 * Upstream answers that only when the lookup says "no such user"; here any {@code gss_localname} failure (e.g. a
 * principal of a foreign realm without an {@code auth_to_local} rule) counts as unmapped as well.
 */
public final class LinuxCredsV1 {

    /** NGROUPS_MAX of Linux: the kernel refuses longer lists. */
    public static final int MAX_GROUPS = 65536;

    private LinuxCredsV1() {}

    /** May block (NSS lookups), under the request's permit. */
    public static GssxOption option(Gss gss, GssName initiator, Oid mech) {
        return GssxOption.of(Options.LINUX_CREDS_V1, Opaque.of(encode(lookup(gss, initiator, mech))));
    }

    /** uid, gid, groups; empty for an unmapped principal. */
    static Optional<int[]> lookup(Gss gss, GssName initiator, Oid mech) {
        String localName;
        try {
            localName = gss.localname(initiator, mech);
        } catch (GssException e) {
            return Optional.empty();
        }
        Optional<PasswdEntry> user;
        int[] groups;
        try {
            user = Posix.getpwnam(localName);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            groups = Posix.getgrouplist(user.get().name(), user.get().gid());
        } catch (PosixException e) {
            // upstream: a lookup error other than "no such user" fails the call with the errno as minor
            throw GssErrors.ofSystemErrno(MajorStatus.GSS_S_FAILURE, e.errno(), null,
                    "cannot look up the local account of the initiator: " + e.getMessage());
        }
        int count = Math.min(groups.length, MAX_GROUPS);
        int[] ids = new int[2 + count];
        ids[0] = user.get().uid();
        ids[1] = user.get().gid();
        System.arraycopy(groups, 0, ids, 2, count);
        return Optional.of(ids);
    }

    /** {@code uid, gid, N, gids} in host order; {@code -1, -1, 0} when unmapped. */
    static byte[] encode(Optional<int[]> ids) {
        int[] v = ids.orElse(new int[] {-1, -1});
        int groups = v.length - 2;
        ByteBuffer out = ByteBuffer.allocate((3 + groups) * Integer.BYTES).order(ByteOrder.nativeOrder());
        out.putInt(v[0]).putInt(v[1]).putInt(groups);
        for (int i = 2; i < v.length; i++) {
            out.putInt(v[i]);
        }
        return out.array();
    }
}

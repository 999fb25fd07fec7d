package dev.gssproxy4j.mech;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/** Credential creation: acquire, add, import, impersonate (RFC 2743 section 2.1, MIT extensions). */
final class Creds {

    private Creds() {
    }

    static GssCred acquire(GssName name, int lifetime, List<Oid> mechs, CredUsage usage,
                           Map<String, String> credStore) {
        try (NativeCall call = new NativeCall(); Pin pin = new Pin(name)) {
            MemorySegment out = call.pointer();
            MemorySegment actual = call.pointer();
            int major = GssNative.acquireCredFrom(call.minor, pin.segment(), lifetime, call.oidSet(mechs),
                    usage.value(), call.keyValueSet(credStore), out, actual, MemorySegment.NULL);
            GssCred cred = GssCred.adopt(out);
            call.takeOidSet(actual);
            Handles.checkOrClose(call, major, "gss_acquire_cred_from", single(mechs), cred);
            return cred;
        }
    }

    /**
     * The native copy of {@code password} is zeroed after the call; MIT keeps its own copy inside the credential
     * (to renew the ticket), freed with it.
     */
    static GssCred acquireWithPassword(GssName name, byte[] password, int lifetime, List<Oid> mechs,
                                       CredUsage usage) {
        try (NativeCall call = new NativeCall(); Pin pin = new Pin(name)) {
            MemorySegment secret = call.inBuffer(password);
            try {
                MemorySegment out = call.pointer();
                MemorySegment actual = call.pointer();
                int major = GssNative.acquireCredWithPassword(call.minor, pin.segment(), secret, lifetime,
                        call.oidSet(mechs), usage.value(), out, actual, MemorySegment.NULL);
                GssCred cred = GssCred.adopt(out);
                call.takeOidSet(actual);
                Handles.checkOrClose(call, major, "gss_acquire_cred_with_password", single(mechs), cred);
                return cred;
            } finally {
                call.wipe(secret);
            }
        }
    }

    static GssCred add(GssCred input, GssName name, Oid mech, CredUsage usage, int initiatorLifetime,
                       int acceptorLifetime, Map<String, String> credStore) {
        long in = GssCred.acquire(input);
        try (NativeCall call = new NativeCall(); Pin pin = new Pin(name)) {
            MemorySegment out = call.pointer();
            MemorySegment actual = call.pointer();
            int major = GssNative.addCredFrom(call.minor, NativeCall.handle(in), pin.segment(), call.oid(mech),
                    usage.value(), initiatorLifetime, acceptorLifetime, call.keyValueSet(credStore), out, actual,
                    MemorySegment.NULL, MemorySegment.NULL);
            GssCred cred = GssCred.adopt(out);
            call.takeOidSet(actual);
            Handles.checkOrClose(call, major, "gss_add_cred_from", mech, cred);
            return cred;
        } finally {
            GssCred.release(input);
        }
    }

    static GssCred importCred(byte[] token) {
        try (NativeCall call = new NativeCall()) {
            MemorySegment out = call.pointer();
            int major = GssNative.importCred(call.minor, call.inBuffer(token), out);
            GssCred cred = GssCred.adopt(out);
            Handles.checkOrClose(call, major, "gss_import_cred", null, cred);
            return cred;
        }
    }

    static GssCred impersonate(GssCred impersonator, GssName user, int lifetime, List<Oid> mechs,
                               CredUsage usage) {
        long imp = GssCred.acquire(impersonator);
        try (NativeCall call = new NativeCall(); Pin pin = new Pin(user)) {
            MemorySegment out = call.pointer();
            MemorySegment actual = call.pointer();
            int major = GssNative.acquireCredImpersonateName(call.minor, NativeCall.handle(imp), pin.segment(),
                    lifetime, call.oidSet(mechs), usage.value(), out, actual, MemorySegment.NULL);
            GssCred cred = GssCred.adopt(out);
            call.takeOidSet(actual);
            Handles.checkOrClose(call, major, "gss_acquire_cred_impersonate_name", single(mechs), cred);
            return cred;
        } finally {
            GssCred.release(impersonator);
        }
    }

    /** The mechanism to interpret a minor code with: the only requested one, else none. */
    static Oid single(List<Oid> mechs) {
        return mechs != null && mechs.size() == 1 ? mechs.get(0) : null;
    }
}

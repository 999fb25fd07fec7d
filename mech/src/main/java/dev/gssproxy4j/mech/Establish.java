package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.LongAdder;

/**
 * Context establishment and import (RFC 2743 sections 2.2.1, 2.2.2, 2.2.9). The library writes the context handle
 * back through {@code gss_ctx_id_t *}: a first call creates it, a failing call may delete it. Both cases are
 * mirrored in the Java object: a new {@link SecContext} adopts a created handle, and an existing one becomes closed
 * when the library zeroes its handle.
 */
final class Establish {

    private static final long CONTINUE_NEEDED = MajorStatus.GSS_S_CONTINUE_NEEDED.value();

    private Establish() {
    }

    static InitResult init(GssCred cred, SecContext ctx, GssName target, Oid mech, int reqFlags, int timeReq,
                           ChannelBindings bindings, byte[] inputToken) {
        if (ctx == null) {
            return initLocked(cred, null, target, mech, reqFlags, timeReq, bindings, inputToken);
        }
        synchronized (ctx) {
            return initLocked(cred, ctx, target, mech, reqFlags, timeReq, bindings, inputToken);
        }
    }

    private static InitResult initLocked(GssCred cred, SecContext ctx, GssName target, Oid mech, int reqFlags,
                                         int timeReq, ChannelBindings bindings, byte[] inputToken) {
        long c = GssCred.acquire(cred);
        long h = ctx == null ? 0 : ctx.ref().acquire();
        try (NativeCall call = new NativeCall(); Pin t = new Pin(target)) {
            MemorySegment slot = call.pointer(h);
            MemorySegment actualMech = call.pointer();
            MemorySegment output = call.outBuffer();
            MemorySegment retFlags = call.intOut();
            MemorySegment timeRec = call.intOut();
            int major = GssNative.initSecContext(call.minor, NativeCall.handle(c), slot, t.segment(), call.oid(mech),
                    reqFlags, timeReq, call.bindings(bindings), call.inBuffer(inputToken), actualMech, output,
                    retFlags, timeRec);
            SecContext result = track(ctx, NativeCall.address(slot));
            byte[] token = call.takeBuffer(output);
            Oid actual = NativeCall.readOid(actualMech.get(ADDRESS, 0));
            checkOrDelete(call, major, "gss_init_sec_context", actual != null ? actual : mech, token, ctx, result);
            long m = Integer.toUnsignedLong(major);
            return new InitResult((m & CONTINUE_NEEDED) != 0 ? MajorStatus.GSS_S_CONTINUE_NEEDED
                    : MajorStatus.GSS_S_COMPLETE, result, token, actual, retFlags.get(JAVA_INT, 0),
                    NativeCall.uint(timeRec));
        } finally {
            if (ctx != null) {
                ctx.ref().release();
            }
            GssCred.release(cred);
        }
    }

    static AcceptResult accept(SecContext ctx, GssCred cred, byte[] inputToken, ChannelBindings bindings,
                               boolean wantSourceName) {
        if (ctx == null) {
            return acceptLocked(null, cred, inputToken, bindings, wantSourceName);
        }
        synchronized (ctx) {
            return acceptLocked(ctx, cred, inputToken, bindings, wantSourceName);
        }
    }

    private static AcceptResult acceptLocked(SecContext ctx, GssCred cred, byte[] inputToken,
                                             ChannelBindings bindings, boolean wantSourceName) {
        long c = GssCred.acquire(cred);
        long h = ctx == null ? 0 : ctx.ref().acquire();
        try (NativeCall call = new NativeCall()) {
            MemorySegment slot = call.pointer(h);
            MemorySegment srcName = wantSourceName ? call.pointer() : MemorySegment.NULL;
            MemorySegment mech = call.pointer();
            MemorySegment output = call.outBuffer();
            MemorySegment retFlags = call.intOut();
            MemorySegment timeRec = call.intOut();
            MemorySegment delegated = call.pointer();
            int major = GssNative.acceptSecContext(call.minor, slot, NativeCall.handle(c), call.inBuffer(inputToken),
                    call.bindings(bindings), srcName, mech, output, retFlags, timeRec, delegated);
            SecContext result = track(ctx, NativeCall.address(slot));
            GssName src = wantSourceName ? GssName.adopt(srcName) : null;
            GssCred deleg = GssCred.adopt(delegated);
            byte[] token = call.takeBuffer(output);
            Oid actual = NativeCall.readOid(mech.get(ADDRESS, 0));
            try {
                checkOrDelete(call, major, "gss_accept_sec_context", actual, token, ctx, result);
            } catch (GssException e) {
                Handles.closeQuietly(src, deleg);
                throw e;
            }
            boolean continueNeeded = (Integer.toUnsignedLong(major) & CONTINUE_NEEDED) != 0;
            return new AcceptResult(result, src, actual, token, retFlags.get(JAVA_INT, 0), NativeCall.uint(timeRec),
                    deleg, continueNeeded);
        } finally {
            if (ctx != null) {
                ctx.ref().release();
            }
            GssCred.release(cred);
        }
    }

    /** {@code gss_import_sec_context} calls made by this process, for tests that prove one was not made. */
    static final LongAdder IMPORTS = new LongAdder();

    static SecContext importContext(byte[] token) {
        IMPORTS.increment();
        try (NativeCall call = new NativeCall()) {
            MemorySegment slot = call.pointer();
            int major = GssNative.importSecContext(call.minor, call.inBuffer(token), slot);
            SecContext ctx = SecContext.adopt(NativeCall.address(slot));
            Handles.checkOrClose(call, major, "gss_import_sec_context", null, ctx);
            return ctx;
        }
    }

    /** The context after the call: the caller's object (updated), or a new one adopting a created handle. */
    private static SecContext track(SecContext ctx, long address) {
        if (ctx != null) {
            ctx.ref().update(address);
            return ctx;
        }
        return SecContext.adopt(address);
    }

    /**
     * On error, a context this call created is deleted (RFC 2744: a failed first call leaves no context); a
     * caller's context stays as the library left it and the caller deletes it.
     */
    private static void checkOrDelete(NativeCall call, int major, String function, Oid mech, byte[] token,
                                      SecContext callers, SecContext result) {
        try {
            call.check(major, function, mech, token);
        } catch (GssException e) {
            if (callers == null) {
                Handles.closeQuietly(result);
            }
            throw e;
        }
    }
}

package dev.gssproxy4j.protocol;

import dev.gssproxy4j.protocol.proc.*;
import dev.gssproxy4j.rpc.ProgramDescriptor;
import dev.gssproxy4j.xdr.XdrDecoder;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * The 15 procedures of GSS-Proxy (program 400112 version 1), one row each: wire number, argument and result types
 * with their decoders. This is the table upstream keeps in {@code gp_rpc_process.c} ({@code gp_xdr_set}); dispatch
 * on it instead of switching on numbers. NULLPROC (0) is deliberately absent: upstream answers it PROC_UNAVAIL.
 * Constant names are the upstream names without the {@code GSSX_} prefix.
 */
public enum Procedure {
    INDICATE_MECHS(1, "indicate_mechs", ArgIndicateMechs.class, ArgIndicateMechs::decode,
            ResIndicateMechs.class, ResIndicateMechs::decode),
    GET_CALL_CONTEXT(2, "get_call_context", ArgGetCallContext.class, ArgGetCallContext::decode,
            ResGetCallContext.class, ResGetCallContext::decode),
    IMPORT_AND_CANON_NAME(3, "import_and_canon_name", ArgImportAndCanonName.class, ArgImportAndCanonName::decode,
            ResImportAndCanonName.class, ResImportAndCanonName::decode),
    EXPORT_CRED(4, "export_cred", ArgExportCred.class, ArgExportCred::decode,
            ResExportCred.class, ResExportCred::decode),
    IMPORT_CRED(5, "import_cred", ArgImportCred.class, ArgImportCred::decode,
            ResImportCred.class, ResImportCred::decode),
    ACQUIRE_CRED(6, "acquire_cred", ArgAcquireCred.class, ArgAcquireCred::decode,
            ResAcquireCred.class, ResAcquireCred::decode),
    STORE_CRED(7, "store_cred", ArgStoreCred.class, ArgStoreCred::decode,
            ResStoreCred.class, ResStoreCred::decode),
    INIT_SEC_CONTEXT(8, "init_sec_context", ArgInitSecContext.class, ArgInitSecContext::decode,
            ResInitSecContext.class, ResInitSecContext::decode),
    ACCEPT_SEC_CONTEXT(9, "accept_sec_context", ArgAcceptSecContext.class, ArgAcceptSecContext::decode,
            ResAcceptSecContext.class, ResAcceptSecContext::decode),
    RELEASE_HANDLE(10, "release_handle", ArgReleaseHandle.class, ArgReleaseHandle::decode,
            ResReleaseHandle.class, ResReleaseHandle::decode),
    GET_MIC(11, "get_mic", ArgGetMic.class, ArgGetMic::decode, ResGetMic.class, ResGetMic::decode),
    /** Upstream calls procedure 12 {@code GSSX_VERIFY}; its structures are {@code gssx_*_verify_mic}. */
    VERIFY(12, "verify_mic", ArgVerifyMic.class, ArgVerifyMic::decode, ResVerifyMic.class, ResVerifyMic::decode),
    WRAP(13, "wrap", ArgWrap.class, ArgWrap::decode, ResWrap.class, ResWrap::decode),
    UNWRAP(14, "unwrap", ArgUnwrap.class, ArgUnwrap::decode, ResUnwrap.class, ResUnwrap::decode),
    WRAP_SIZE_LIMIT(15, "wrap_size_limit", ArgWrapSizeLimit.class, ArgWrapSizeLimit::decode,
            ResWrapSizeLimit.class, ResWrapSizeLimit::decode);

    /** ONC RPC program number assigned by IANA to gss-proxy. */
    public static final int PROGRAM = 400112;
    public static final int VERSION = 1;

    /**
     * The program as the daemon serves it: version 1, procedures 1 to 15 (NULLPROC is not one, as upstream has it),
     * AUTH_NONE only. Checks a request's header in upstream's order.
     */
    public static final ProgramDescriptor DESCRIPTOR = new ProgramDescriptor(PROGRAM, VERSION, 1, 15);

    private static final Procedure[] BY_WIRE = new Procedure[16];

    static {
        for (Procedure procedure : values()) {
            BY_WIRE[procedure.wire] = procedure;
        }
    }

    private final int wire;
    private final String xdrName;
    private final Class<? extends GssxArg> argType;
    private final XdrDecoder<? extends GssxArg> argDecoder;
    private final Class<? extends GssxRes> resultType;
    private final XdrDecoder<? extends GssxRes> resultDecoder;

    <A extends GssxArg, R extends GssxRes> Procedure(int wire, String xdrName, Class<A> argType,
            XdrDecoder<A> argDecoder, Class<R> resultType, XdrDecoder<R> resultDecoder) {
        this.wire = wire;
        this.xdrName = xdrName;
        this.argType = argType;
        this.argDecoder = argDecoder;
        this.resultType = resultType;
        this.resultDecoder = resultDecoder;
    }

    /** The procedure number on the wire. */
    public int wire() {
        return wire;
    }

    /** The upstream name without prefix, e.g. {@code ACCEPT_SEC_CONTEXT}. */
    public String upstreamName() {
        return name();
    }

    /** The {@code gss_proxy.x} argument type, e.g. {@code gssx_arg_accept_sec_context}. */
    public String argTypeName() {
        return "gssx_arg_" + xdrName;
    }

    /** The {@code gss_proxy.x} result type, e.g. {@code gssx_res_accept_sec_context}. */
    public String resultTypeName() {
        return "gssx_res_" + xdrName;
    }

    public Class<? extends GssxArg> argType() {
        return argType;
    }

    public Class<? extends GssxRes> resultType() {
        return resultType;
    }

    public XdrDecoder<? extends GssxArg> argDecoder() {
        return argDecoder;
    }

    public XdrDecoder<? extends GssxRes> resultDecoder() {
        return resultDecoder;
    }

    /** Decodes the arguments, naming them {@link #argTypeName()} in error paths; does not check for the end. */
    public GssxArg decodeArgs(XdrReader reader) {
        return reader.struct(argTypeName(), argDecoder);
    }

    /** Decodes the results, naming them {@link #resultTypeName()} in error paths; does not check for the end. */
    public GssxRes decodeResult(XdrReader reader) {
        return reader.struct(resultTypeName(), resultDecoder);
    }

    /** @throws IllegalArgumentException if {@code args} is not this procedure's argument type */
    public void encodeArgs(XdrWriter writer, Object args) {
        checked(argType, args, "arguments").encode(writer);
    }

    /** @throws IllegalArgumentException if {@code result} is not this procedure's result type */
    public void encodeResult(XdrWriter writer, Object result) {
        checked(resultType, result, "results").encode(writer);
    }

    private <T extends GssxStruct> T checked(Class<T> type, Object value, String what) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(this + " " + what + " must be a " + type.getSimpleName() + ", not "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return type.cast(value);
    }

    /** The procedure with wire number {@code wire}; empty for NULLPROC (0) and anything above 15. */
    public static Optional<Procedure> fromWire(int wire) {
        return wire > 0 && wire < BY_WIRE.length ? Optional.of(BY_WIRE[wire]) : Optional.empty();
    }

    /**
     * The procedure whose upstream name appears in {@code fileName} (case-insensitive), e.g. ACCEPT_SEC_CONTEXT in
     * {@code 04-ACCEPT_SEC_CONTEXT.reply.bin}; the longest match wins, so {@code UNWRAP} is not taken for WRAP.
     */
    public static Optional<Procedure> fromFileName(String fileName) {
        String upper = fileName.toUpperCase(Locale.ROOT);
        Procedure best = null;
        for (Procedure procedure : values()) {
            if (upper.contains(procedure.name())
                    && (best == null || procedure.name().length() > best.name().length())) {
                best = procedure;
            }
        }
        return Optional.ofNullable(best);
    }
}

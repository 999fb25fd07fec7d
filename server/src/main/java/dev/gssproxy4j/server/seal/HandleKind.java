package dev.gssproxy4j.server.seal;

/**
 * What a sealed handle carries. The kind is both inside the ciphertext and in the associated data, so a credential
 * handle presented where a partial context is expected (or the reverse) fails to open instead of being
 * misinterpreted.
 */
public enum HandleKind {
    /** A {@code gssx_cred.cred_handle_reference}: the output of MIT {@code gss_export_cred}. */
    CREDENTIAL(1),
    /**
     * A partial security context the client carries between INIT_SEC_CONTEXT legs: the output of
     * {@code gss_export_sec_context} on GSS_S_CONTINUE_NEEDED (upstream sends it in plaintext).
     */
    PARTIAL_CONTEXT(2),
    /**
     * The daemon's copy of a complete security context, returned in {@code gssx_ctx.state} next to MIT's clear
     * token (or alone, with {@code gssproxy4j.sealed_only}): the only form the per-message procedures import, so no caller bytes reach MIT's context importer.
     */
    CONTEXT(3);

    private final byte wireValue;

    HandleKind(int wireValue) {
        this.wireValue = (byte) wireValue;
    }

    /** The byte that identifies this kind inside a sealed handle. */
    public byte wireValue() {
        return wireValue;
    }

    /** The kind whose wire value is {@code value}, or null if none has it. */
    static HandleKind fromWire(byte value) {
        for (HandleKind kind : values()) {
            if (kind.wireValue == value) {
                return kind;
            }
        }
        return null;
    }
}

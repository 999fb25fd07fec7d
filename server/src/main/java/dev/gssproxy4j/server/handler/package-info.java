/**
 * One {@link dev.gssproxy4j.server.dispatch.ProcedureHandler} per GSS-Proxy procedure, named after it
 * ({@code InitSecContext} is upstream's {@code gp_rpc_init_sec_context.c}), all of the same shape: validate, open
 * handles, call the mechanism, seal handles, fill the status. {@link dev.gssproxy4j.server.handler.Handlers#all()} is
 * the complete table. Shared pieces: {@code ContextTokens} (complete contexts the client carries, MIT export format),
 * {@code SealedContexts} (the sealed partial and complete contexts, the only ones imported), {@code CredAllowed}
 * (upstream's {@code gp_cred_allowed}) and {@code Requests} (small checks). A handler returns its result on success and
 * throws a {@link dev.gssproxy4j.mech.GssException} otherwise, the library's or one of
 * {@link dev.gssproxy4j.server.error.GssErrors}; the dispatcher turns it into the procedure's failure result.
 *
 * <p>Deliberate differences from upstream, each documented on its handler: RELEASE_HANDLE succeeds (we hold no state);
 * EXPORT_CRED and IMPORT_CRED answer GSS_S_UNAVAILABLE with an explanation instead of a misleading all-zero SUCCESS;
 * STORE_CRED stores into a ccache the caller owns instead of answering SUCCESS with nothing stored; partial contexts
 * are sealed; UNWRAP and VERIFY return supplementary status bits together with their outputs.
 */
package dev.gssproxy4j.server.handler;

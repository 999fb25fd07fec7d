/**
 * One {@link dev.gssproxy4j.server.dispatch.ProcedureHandler} per GSS-Proxy procedure, named after it
 * ({@code InitSecContext} is upstream's {@code gp_rpc_init_sec_context.c}), all of the same shape: validate, open
 * handles, call the mechanism, seal handles, fill the status. {@link dev.gssproxy4j.server.handler.Handlers#all()}
 * is the complete table. Shared pieces: {@code ContextTokens} (complete contexts the client carries, MIT export
 * format), {@code SealedContexts} (the sealed partial and complete contexts, the only ones imported), {@code CredAllowed} (upstream's
 * {@code gp_cred_allowed}) and {@code Requests} (small checks and statuses).
 *
 * <p>Deliberate differences from upstream, each documented on its handler: RELEASE_HANDLE succeeds (we hold no
 * state); EXPORT_CRED, IMPORT_CRED and STORE_CRED answer GSS_S_UNAVAILABLE with an explanation instead of a
 * misleading all-zero SUCCESS; partial contexts are sealed; UNWRAP and VERIFY return supplementary status bits
 * together with their outputs.
 */
package dev.gssproxy4j.server.handler;

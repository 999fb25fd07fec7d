/**
 * Sealed, stateless handles. The daemon needs no per-client state (its caches only save work): every credential handle
 * ({@code gssx_cred.cred_handle_reference}) and every partial context a client carries between INIT_SEC_CONTEXT legs
 * is the MIT export token sealed with AES-256-GCM by {@link dev.gssproxy4j.server.seal.HandleSealer}, bound to the
 * service section, the caller's uid and (for trusted callers) a target uid, so a handle copied to another uid,
 * presented to another service or used as the wrong kind fails to open. Keys live in a
 * {@link dev.gssproxy4j.server.seal.Keyring} that survives restarts and rotates without breaking issued handles.
 *
 * <p>Upstream gssproxy encrypts credential handles with the service keytab's key or an ephemeral key, with its own
 * padding ({@code src/gp_export.c}), and sends partial contexts in plaintext. Handles it issued fail here with
 * {@code MALFORMED} or {@code UNKNOWN_KEY}; like upstream, a handler should then treat a credential handle as
 * GSS_C_NO_CREDENTIAL and re-acquire.
 */
package dev.gssproxy4j.server.seal;

/**
 * Which credentials a call may use, and credential handles given to clients: the per-call authority
 * {@link dev.gssproxy4j.server.creds.CredentialPolicy} (STYLE rule 5: authorization as a decorator built per call
 * from the caller and its service), the credential environment of upstream's {@code gp_get_cred_environment},
 * acquisition as upstream's {@code gp_add_krb5_creds} does it (reuse of a still valid input credential, cred store,
 * S4U2Self impersonation), and sealing/opening of {@code gssx_cred} handles
 * ({@code gp_export_gssx_cred}/{@code gp_import_gssx_cred}, with AES-GCM instead of upstream's keytab key).
 */
package dev.gssproxy4j.server.creds;

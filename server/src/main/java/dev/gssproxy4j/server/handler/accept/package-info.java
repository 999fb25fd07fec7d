/**
 * The parts of ACCEPT_SEC_CONTEXT that only it needs: the {@code call_ctx} export options of the Linux kernel
 * ({@code exported_context_type=linux_lucid_v1}, {@code exported_creds_type=linux_creds_v1}) with their formats
 * ({@code gp_format_linux_lucid_v1}, {@code gp_export_creds_linux} in upstream's src/gp_export.c).
 */
package dev.gssproxy4j.server.handler.accept;

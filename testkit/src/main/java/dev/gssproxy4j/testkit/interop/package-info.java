/**
 * Interoperability harness: runs the real MIT sample programs ({@code gss-server}, {@code gss-client}) with the
 * real gssproxy interposer plugin ({@code proxymech.so}) against a GSS-Proxy daemon's socket, so the same
 * scenarios prove first the upstream daemon ({@link dev.gssproxy4j.testkit.interop.UpstreamGssproxy}) and then
 * gssproxy4j.
 *
 * <p>Entry point: {@link dev.gssproxy4j.testkit.interop.InteropScenarios} (realm principals, keytabs, local users,
 * {@code gssproxy.conf} text and the two scenarios of {@code shared/wire/README.md}: {@code accept/} and
 * {@code init/}). Everything here needs root (local accounts, {@code setpriv}, root-only keytabs);
 * {@link dev.gssproxy4j.testkit.interop.InteropPreconditions} says what is missing so tests can skip.
 */
package dev.gssproxy4j.testkit.interop;

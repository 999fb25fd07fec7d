/**
 * Human-readable dumps of GSS-Proxy wire records ({@link dev.gssproxy4j.protocol.dump.WireDump}) and a byte-exact
 * decode/re-encode check ({@link dev.gssproxy4j.protocol.dump.WireCheck}), for the CLI and for tests. Both accept
 * any bytes and report what failed where instead of throwing. Secrets (tokens, keys, handle references, exported
 * contexts) are shown as length and short hash unless the caller explicitly asks for them.
 */
package dev.gssproxy4j.protocol.dump;

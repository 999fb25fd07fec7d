/**
 * JMH micro-benchmarks of the daemon's per-call building blocks: XDR decode/encode of an ACCEPT_SEC_CONTEXT call
 * and reply (the golden records of {@code shared/wire/accept/04}), sealing and opening a handle, and dispatching
 * an INDICATE_MECHS record through {@link dev.gssproxy4j.server.dispatch.RpcDispatcher}. Run them with
 * {@code bench/run jmh [regex]}.
 */
package dev.gssproxy4j.bench.jmh;

/**
 * Load generator and side-by-side comparison of GSS-Proxy daemons (gssproxy4j and upstream gssproxy), plus the
 * no-proxy floor (accept in-process with the keytab). Entry points: {@link dev.gssproxy4j.bench.LoadGenerator}
 * ({@code bench/run loadgen}) and {@link dev.gssproxy4j.bench.Compare} ({@code bench/run compare}); the JMH
 * micro-benchmarks live in {@code dev.gssproxy4j.bench.jmh} ({@code bench/run jmh}).
 *
 * <p>What one operation is, everywhere in this package: the ACCEPT_SEC_CONTEXT of a fresh AP-REQ (made
 * beforehand by an MIT initiator from a cached service ticket), then importing the returned context into this
 * process and unwrapping one message the initiator wrapped, as an interposed web server does. Only the ACCEPT
 * round trip is timed for the latency percentiles; throughput counts whole operations.
 */
package dev.gssproxy4j.bench;

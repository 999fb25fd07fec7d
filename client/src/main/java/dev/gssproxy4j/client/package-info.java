/**
 * A small Java client for GSS-Proxy sockets (ONC RPC program 400112 version 1 over AF_UNIX): {@link
 * dev.gssproxy4j.client.GssProxyClient} makes calls, {@link dev.gssproxy4j.client.Args} builds their arguments the
 * way the MIT interposer and the Linux kernel do. Used by tests, the demo, the benchmark and Java services.
 */
package dev.gssproxy4j.client;

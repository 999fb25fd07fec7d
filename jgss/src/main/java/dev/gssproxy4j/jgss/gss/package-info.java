/**
 * GSS-API over the GSS-Proxy daemon: {@link dev.gssproxy4j.jgss.gss.GssProxy} and its names, credentials and
 * contexts, built on {@code dev.gssproxy4j.client} and using only public {@code org.ietf.jgss} types. The daemon does
 * every mechanism operation; this side holds the daemon's opaque handles. The JDK provider
 * ({@code dev.gssproxy4j.jgss.provider}) adapts these classes to the JDK's mechanism SPI.
 */
package dev.gssproxy4j.jgss.gss;

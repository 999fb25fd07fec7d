/**
 * Java applications on the GSS-Proxy daemon: {@link dev.gssproxy4j.jgss.GssProxyAgent} (the {@code -javaagent}),
 * {@link dev.gssproxy4j.jgss.GssProxyProvider} (the {@code java.security.Provider}),
 * {@link dev.gssproxy4j.jgss.GssProxyManager} (for programs that build their own {@code GSSManager}) and their
 * {@link dev.gssproxy4j.jgss.GssProxySettings}. Packages point one way: this one, then {@code provider} (the JDK
 * SPI), then {@code gss} (GSS-API over the client), then the client module.
 */
package dev.gssproxy4j.jgss;
